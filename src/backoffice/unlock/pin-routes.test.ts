import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkCardPin } from '../../customers/cards-store.ts';
import { keyedHashPinVerifier } from '../../customers/pin-verifier.ts';
import { loadDemoData } from '../../demo/load.ts';
import { ivrText } from '../../ivr/text.ts';
import { ivrApp, type IvrTestApp } from '../../ivr/test-fixtures.ts';
import { provisioningDeps } from '../../provisioning/deps.ts';
import { Browser, delivered, seedHolder, type Holder } from '../../selfservice/test-support.ts';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { Agent, newAlertCase, newScenario } from '../playbook/test-support.ts';
import type { BackofficeTables } from '../schema.ts';
import { identifyOnCall } from './test-support.ts';

/**
 * DESIGN.md §3, the card PIN: blocked by wrong PINs on the IVR, never lifted by the channel that
 * failed; lifted in the console by a branch user or by an agent after the security questions;
 * then the IVR (signed webhooks) and the web recovery accept the right PIN again.
 */
describeEachDatabase('card PIN: the way back', (backend) => {
  let database: TestDatabase;
  let ivr: IvrTestApp;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    ivr = await ivrApp(database, { 'web.captchaMaxNumber': 1000 });
    await loadDemoData(ivr.services.db, provisioningDeps(ivr.services, 'system'));
  });
  afterAll(async () => {
    await ivr?.close();
    await database?.drop();
  });
  const db = () => ivr.services.db;
  const SIGNATURE_LINE = '+34950979971';
  const unblock = (who: Agent, customerId: string, cardId: string, body: object = {}) => who.request('POST', `/api/customers/${customerId}/cards/${cardId}/unblock-pin`, body);

  /** IVR 3.1 from the customer's own mobile with this PIN: what the line said after it. */
  async function signatureCall(h: Holder, pin: string): Promise<string[]> {
    const phone = ivr.phone(SIGNATURE_LINE, h.customer.mobile);
    await phone.dial();
    const heard = await phone.walk(['1', h.customer.document_number.slice(0, 8), h.pan.slice(-4), pin]);
    return heard.says.map((s) => s.text);
  }

  /** Web recovery step 1 with this PIN: whether the recovery code went out by SMS. */
  async function recoverySendsCode(h: Holder, pin: string): Promise<boolean> {
    const before = await db().selectFrom('outbox').select('id').where('customer_id', '=', h.customer.id).where('template', '=', 'sms.code.recovery').execute();
    const res = await new Browser(ivr.app).start({ document: h.customer.document_number, pan: h.pan, pin });
    expect(res.json()).toMatchObject({ step: 'code_sent' });
    const after = await db().selectFrom('outbox').select('id').where('customer_id', '=', h.customer.id).where('template', '=', 'sms.code.recovery').execute();
    return after.length > before.length;
  }

  it('blocks on the IVR with an SMS, refuses the failed channels, and a branch user lifts it; then the IVR and the web accept the PIN', async () => {
    const h = await seedHolder(ivr.services);
    const wrong = h.pin === '0000' ? '1111' : '0000';
    const failed = ivrText('ivr.verify.failed', 'es');
    for (let i = 0; i < ivr.services.config.limits.pinAttempts; i++) expect((await signatureCall(h, wrong))[0]).toBe(failed);
    expect((await db().selectFrom('cards').select('pin_blocked_at').where('id', '=', h.cardId).executeTakeFirstOrThrow()).pin_blocked_at).not.toBeNull();
    const blockedSms = (await delivered(ivr.services, h.customer.mobile!)).at(-1)!.body;
    expect(blockedSms).toContain(h.pan.slice(-4));
    expect(blockedSms).toContain('900 21 03 03');

    // The channels that failed cannot be the way back: the right PIN opens neither.
    expect((await signatureCall(h, h.pin))[0]).toBe(failed);
    expect(await recoverySendsCode(h, h.pin)).toBe(false);

    // The contact centre needs a case with passed questions; another office's branch user does not see the customer.
    expect((await unblock(new Agent(ivr), h.customer.id, h.cardId)).json()).toMatchObject({ reason: 'case_required' });
    const alert = await newAlertCase(ivr.services, h.customer.id);
    expect((await unblock(new Agent(ivr), h.customer.id, h.cardId, { caseId: alert.id })).json()).toMatchObject({ reason: 'security_check_required' });
    expect((await unblock(new Agent(ivr, 'jose', 'branch', '8683'), h.customer.id, h.cardId)).statusCode).toBe(404);

    const branch = new Agent(ivr, 'olga', 'branch', h.customer.office_code);
    const res = await unblock(branch, h.customer.id, h.cardId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ last4: h.pan.slice(-4), channel: 'office' });
    expect((await unblock(branch, h.customer.id, h.cardId)).json()).toMatchObject({ reason: 'pin_not_blocked' });
    const lifted = await db().selectFrom('blocks').select(['lifted_channel', 'lifted_by']).where('subject_id', '=', h.cardId).execute();
    expect(lifted).toEqual([{ lifted_channel: 'office', lifted_by: 'staff:olga' }]);
    expect((await delivered(ivr.services, h.customer.mobile!)).at(-1)!.body).toContain('vuelve a estar activo');

    // The PIN works again on the phone and on the web.
    expect(await signatureCall(h, h.pin)).toContain(ivrText('ivr.signature.done', 'es'));
    expect(await recoverySendsCode(h, h.pin)).toBe(true);
  });

  it('lets an agent lift it once the customer passed the security questions, recently, recorded on the case', async () => {
    const agent = new Agent(ivr);
    const s = await newScenario(ivr.services, 'branch');
    const card = await db().selectFrom('cards').select(['id', 'last4']).where('customer_id', '=', s.customer.id).executeTakeFirstOrThrow();
    const deps = { ...ivr.services, pinVerifier: keyedHashPinVerifier(ivr.services.hasher) };
    const block = async () => {
      for (let i = 0; i < ivr.services.config.limits.pinAttempts; i++) await checkCardPin(db(), deps, { customerId: s.customer.id, last4: card.last4, pin: '0000', by: 'ivr' });
    };
    await block();
    const alert = await newAlertCase(ivr.services, s.customer.id);
    await identifyOnCall(ivr.services, agent, s, alert.id, true);
    const res = await unblock(agent, s.customer.id, card.id, { caseId: alert.id });
    expect(res.json()).toEqual({ last4: card.last4, channel: 'contact_centre' });
    const events = await db().withTables<BackofficeTables>().selectFrom('case_events').select(['type', 'actor', 'data']).where('case_id', '=', alert.id).where('type', '=', 'card_pin_unblocked').execute();
    expect(events).toMatchObject([{ actor: 'staff:ana.agent', data: { cardId: card.id, last4: card.last4, channel: 'contact_centre' } }]);
    const audit = await db().selectFrom('audit_log').select('details').where('action', '=', 'card.pin_unblocked').where('customer_id', '=', s.customer.id).execute();
    expect(audit.map((a) => a.details)).toEqual([{ channel: 'contact_centre', reason: 'security_check' }]);

    // The questions count for a while only.
    await block();
    ivr.services.clock.advance((ivr.services.config.backoffice.pinUnlock.securityCheckMinutes + 1) * 60_000);
    // Her idle session has ended meanwhile: she signs in again.
    expect((await unblock(new Agent(ivr), s.customer.id, card.id, { caseId: alert.id })).json()).toMatchObject({ reason: 'security_check_required' });
  });
});

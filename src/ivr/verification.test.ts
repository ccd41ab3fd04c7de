import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { unlockLine } from './flow.ts';
import { ivrText } from './text.ts';
import { ivrApp, seedCaller, type Caller, type IvrTestApp } from './test-fixtures.ts';

/** Identification over signed webhooks: same words for every failure, PIN limit, blocks, no input. */
describeEachDatabase('IVR over Twilio webhooks: identification and failures', (backend) => {
  let database: TestDatabase;
  let ivr: IvrTestApp;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    ivr = await ivrApp(database);
  });
  afterAll(async () => {
    await ivr.close();
    await database.drop();
  });

  const SIGNATURE_LINE = '+34950979971';
  const BLOCKED_OPERATION_LINE = '+34950979970';
  const failed = ivrText('ivr.verify.failed', 'es');

  /** Calls the signature line and answers document, card and PIN; returns what the line said after the PIN. */
  async function signature(c: Caller, answers: { dni?: string; last4?: string; pin?: string; from?: string | null } = {}) {
    const phone = ivr.phone(SIGNATURE_LINE, answers.from === undefined ? c.mobile : answers.from);
    await phone.dial();
    const heard = await phone.walk(['1', answers.dni ?? c.dniKeys, answers.last4 ?? c.last4, answers.pin ?? c.pin]);
    return { phone, words: heard.says.map((s) => s.text) };
  }
  const wrongPin = (c: Caller) => (c.pin === '0000' ? '1111' : '0000');

  it('says the same words for an unknown document, a wrong card, a wrong PIN and another phone', async () => {
    const c = await seedCaller(ivr.services);
    const unknownDni = c.dniKeys === '00000001' ? '00000002' : '00000001';
    const answers = [
      { dni: unknownDni },
      { last4: c.last4 === '9999' ? '9998' : '9999' },
      { pin: wrongPin(c) },
      { from: '+34699000111' },
    ];
    const heard = [];
    for (const a of answers) heard.push((await signature(c, a)).words);
    for (const words of heard) expect(words).toEqual([failed, ivrText('ivr.document.type', 'es')]);
    const audit = await ivr.services.db.selectFrom('audit_log').select('details').where('action', '=', 'ivr.verification_failed').execute();
    expect(audit.map((a) => (a.details as { failed: string[] }).failed)).toEqual(expect.arrayContaining([['document', 'card'], ['card'], ['caller_id']]));
    expect(await ivr.services.db.selectFrom('outbox').select('id').where('customer_id', '=', c.customer.id).execute()).toEqual([]);
  });

  it('says the same words for a reference that is unknown, not held, or another customer’s', async () => {
    const c = await seedCaller(ivr.services);
    const other = await seedCaller(ivr.services);
    for (const reference of ['12345678', c.pending.reference, other.held.reference]) {
      const phone = ivr.phone(BLOCKED_OPERATION_LINE, c.mobile);
      await phone.dial();
      const heard = await phone.walk(['1', c.dniKeys, reference]);
      expect(heard.says.map((s) => s.text)).toEqual([failed, ivrText('ivr.document.type', 'es')]);
    }
  });

  it('counts wrong PINs against the card and blocks it at the limit, without changing the words', async () => {
    const c = await seedCaller(ivr.services);
    const limit = ivr.services.config.limits.pinAttempts;
    let phone = ivr.phone(SIGNATURE_LINE, c.mobile);
    await phone.dial();
    for (let i = 0; i < limit; i++) {
      // A call allows `reprompts + 1` identifications; the next call goes on counting.
      if (phone.last?.dial) {
        phone = ivr.phone(SIGNATURE_LINE, c.mobile);
        await phone.dial();
      }
      const heard = await phone.walk(['1', c.dniKeys, c.last4, wrongPin(c)]);
      expect(heard.says[0]!.text).toBe(failed);
    }
    const card = await ivr.services.db.selectFrom('cards').select(['failed_pin_attempts', 'pin_blocked_at']).where('id', '=', c.cardId).executeTakeFirstOrThrow();
    expect(card.failed_pin_attempts).toBe(limit);
    expect(card.pin_blocked_at).not.toBeNull();
    const blocks = await ivr.services.db.selectFrom('blocks').select('target').where('customer_id', '=', c.customer.id).where('target', '=', 'card_pin').execute();
    expect(blocks).toHaveLength(1);
    // The right PIN no longer opens anything, and sounds like every other failure.
    expect((await signature(c)).words[0]).toBe(failed);
  });

  it('checks no secret and moves no counter of the customer for a caller from a phone not theirs', async () => {
    const c = await seedCaller(ivr.services);
    const limit = ivr.services.config.limits.pinAttempts;
    const stranger = '+34699000333';
    // More wrong PINs than the limit, and the right one, from a phone that is not the customer's.
    for (const pin of [...Array.from({ length: limit + 1 }, () => wrongPin(c)), c.pin]) {
      const { words } = await signature(c, { pin, from: stranger });
      expect(words).toEqual([failed, ivrText('ivr.document.type', 'es')]);
    }
    const card = await ivr.services.db.selectFrom('cards').select(['failed_pin_attempts', 'pin_blocked_at']).where('id', '=', c.cardId).executeTakeFirstOrThrow();
    expect(card).toEqual({ failed_pin_attempts: 0, pin_blocked_at: null });
    const pinRows = await ivr.services.db.selectFrom('audit_log').select('action').where('customer_id', '=', c.customer.id).where('action', 'in', ['card.pin_failed', 'card.pin_verified']).execute();
    expect(pinRows).toEqual([]);
    const failures = await ivr.services.db.selectFrom('audit_log').select('details').where('customer_id', '=', c.customer.id).where('action', '=', 'ivr.verification_failed').execute();
    expect(failures.map((f) => (f.details as { failed: string[] }).failed)).toEqual(Array.from({ length: limit + 2 }, () => ['caller_id']));
    expect(await ivr.services.db.selectFrom('blocks').select('target').where('customer_id', '=', c.customer.id).where('target', '!=', 'operation').execute()).toEqual([]);
    // The customer, from their own phone, is not locked out by any of it.
    const own = await signature(c);
    expect(own.words[0]).toBe(ivrText('ivr.signature.done', 'es'));
  });

  it('asks again three times after a failed identification, then passes the caller to an agent', async () => {
    const c = await seedCaller(ivr.services, {});
    const phone = ivr.phone(SIGNATURE_LINE, '+34699000222');
    await phone.dial();
    for (let i = 0; i < 3; i++) await phone.walk(['1', c.dniKeys, c.last4, c.pin]);
    const last = await phone.walk(['1', c.dniKeys, c.last4, c.pin]);
    expect(last.dial).toBe(unlockLine.settings.agentNumber);
  });

  it('sends a customer with a contact-centre block or a read-only profile to the branch', async () => {
    const cae = await seedCaller(ivr.services);
    await ivr.services.db.insertInto('blocks').values({ id: crypto.randomUUID(), customer_id: cae.customer.id, target: 'access', origin: 'contact_centre', reason: 'fraud call', created_by: 'agent:1' }).execute();
    const readOnly = await seedCaller(ivr.services);
    await ivr.services.db.updateTable('online_banking_users').set({ profile: 'read_only' }).where('customer_id', '=', readOnly.customer.id).execute();
    for (const c of [cae, readOnly]) {
      const { phone, words } = await signature(c);
      expect(words).toEqual([ivrText('ivr.visitBranch', 'es'), ivrText('ivr.goodbye', 'es')]);
      expect(phone.last!.hangup).toBe(true);
      expect(await ivr.services.db.selectFrom('outbox').select('id').where('customer_id', '=', c.customer.id).execute()).toEqual([]);
    }
  });

  it('passes to an agent when the contact details the seed requires are missing', async () => {
    const c = await seedCaller(ivr.services, { email: null });
    const phone = ivr.phone('+34950979968', c.mobile);
    await phone.dial();
    const heard = await phone.walk(['1', c.dniKeys, c.last4, c.pin]);
    expect(heard.says.map((s) => s.text)).toEqual([ivrText('ivr.unavailable', 'es'), ivrText('ivr.transfer.agent', 'es')]);
    expect(heard.dial).toBe(unlockLine.settings.agentNumber);
  });

  it('transfers a CIF or passport holder to an agent', async () => {
    const phone = ivr.phone('+34950979968', '+34600111222');
    await phone.dial();
    const heard = await phone.press('3');
    expect(heard.says.map((s) => s.text)).toEqual([ivrText('ivr.transfer.cifPassport', 'es')]);
    expect(heard.dial).toBe(unlockLine.settings.agentNumber);
  });

  it('re-prompts silence and invalid keys at every step three times, then passes to an agent', async () => {
    const c = await seedCaller(ivr.services);
    const steps: [string, string[]][] = [
      ['language', []],
      ['main', ['1']],
      ['documentType', ['1', '1', '1']],
      ['dni', ['1', '1', '1', '1']],
      ['cardLast4', ['1', '1', '1', '1', c.dniKeys]],
      ['pin', ['1', '1', '1', '1', c.dniKeys, c.last4]],
    ];
    for (const [step, keys] of steps) {
      for (const bad of ['wait', step === 'language' || step === 'main' || step === 'documentType' ? '7' : '12']) {
        const phone = ivr.phone('+34950183313', c.mobile);
        await phone.dial();
        await phone.walk(keys);
        for (let i = 0; i < 3; i++) {
          const heard = await phone.walk([bad]);
          expect(heard.says[0]!.text, `${step} ${bad}`).toBe(ivrText(bad === 'wait' ? 'ivr.reprompt.noInput' : 'ivr.reprompt.invalid', 'es'));
          expect(heard.gather).toBeDefined();
        }
        const last = await phone.walk([bad]);
        expect(last.dial, `${step} ${bad}`).toBe(unlockLine.settings.agentNumber);
      }
    }
  });

  it('ends politely, asking nothing, when the caller id is withheld', async () => {
    const phone = ivr.phone(SIGNATURE_LINE, null);
    const heard = await phone.dial();
    expect(heard.says.map((s) => s.text)).toContain(ivrText('ivr.callerId.withheld', 'es'));
    expect(heard.gather).toBeUndefined();
    expect(heard.hangup).toBe(true);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { directoryNumber } from '../directory/directory.ts';
import { DEV_TWILIO_AUTH_TOKEN } from './settings.ts';
import { BASE, UNLOCK, ivrApp, seedCaller, type IvrTestApp } from './test-fixtures.ts';
import { newCallSid, parseTwiml, signedPost } from './test-phone.ts';
import { ivrText } from './text.ts';

/**
 * The handover to a person (issue 13, section 4), end to end over signed webhooks as Twilio
 * speaks: the transfer dials the directory's agent line with a timeout and an action, the turn
 * that transfers records the call's context with its reason, and the Dial's action tells an
 * unanswered caller the agents' hours and the other ways before ending the call politely.
 */
const AGENT_LINE = directoryNumber('contact-centre-agents');
const SIGNATURE = '+34950979971';

describeEachDatabase('IVR over Twilio webhooks: the handover to a person', (backend) => {
  let database: TestDatabase;
  let ivr: IvrTestApp;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    ivr = await ivrApp(database, { 'limits.smsPerCustomerPerHour': 100 });
  });
  afterAll(async () => {
    await ivr.close();
    await database.drop();
  });

  const handoverOf = (callSid: string) => ivr.services.db.selectFrom('ivr_handovers').selectAll().where('call_sid', '=', callSid).execute();
  const auditOf = (action: string, subject: string) => ivr.services.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('subject', '=', subject).execute();
  const dialUrl = `${BASE}/ivr/twilio/dial`;
  const es = (id: string, params?: Record<string, string>) => ivrText(id, 'es', params);
  const en = (id: string, params?: Record<string, string>) => ivrText(id, 'en', params);

  it('transfers a CIF or passport holder to the agent line with a timeout and an action, and records why', async () => {
    const c = await seedCaller(ivr.services);
    const phone = ivr.phone(SIGNATURE, c.mobile);
    await phone.dial();
    const heard = await phone.press('3');
    expect(heard.says.map((s) => s.text)).toEqual([es('ivr.transfer.cifPassport')]);
    expect(heard.xml).toContain(`<Dial timeout="30" action="${dialUrl}" method="POST">${AGENT_LINE}</Dial>`);
    expect(heard).toMatchObject({ dial: AGENT_LINE, dialTimeout: 30, dialAction: dialUrl, hangup: false });
    expect(AGENT_LINE).toBe('+34950210199');

    const [row, ...more] = await handoverOf(phone.callSid);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      reason: 'cif_passport', branch: '3.1', line: 'signature', locale: 'es', identified: false, customer_id: null,
      caller_number: c.mobile, agent_number: AGENT_LINE, status: 'waiting', dial_status: null, taken_by: null,
    });
    // Written with the turn, audited without the caller's number.
    const [opened] = await auditOf('ivr.handover_opened', `call:${phone.callSid}`);
    expect(opened).toMatchObject({ actor: 'ivr', customer_id: null, details: { handoverId: row!.id, reason: 'cif_passport', branch: '3.1', identified: false } });
    expect(JSON.stringify(opened)).not.toContain(c.mobile.slice(-6));

    // Twilio retries the transferring webhook: the same answer, still one record.
    const again = await signedPost(ivr.app, phone.log.at(-2)!.gather!.action, { CallSid: phone.callSid, Digits: '3' }, DEV_TWILIO_AUTH_TOKEN);
    expect(again.body).toBe(heard.xml);
    expect(await handoverOf(phone.callSid)).toHaveLength(1);

    // Nobody answers within the timeout: the hours, the other ways, goodbye, and the call ends.
    const unanswered = await phone.dialEnds('no-answer');
    expect(unanswered.says).toEqual(
      [
        es('ivr.handover.unanswered'),
        es('ivr.handover.hours', { hours: es('ivr.handover.allDay') }),
        es('ivr.handover.alternatives'),
        es('ivr.goodbye'),
      ].map((text) => ({ text, language: 'es-ES' })),
    );
    expect(unanswered.says[1]!.text).toBe('Horario de atención de nuestros agentes: las 24 horas, todos los días.');
    expect(unanswered).toMatchObject({ hangup: true });
    expect(unanswered.dial).toBeUndefined();
    expect((await handoverOf(phone.callSid))[0]).toMatchObject({ status: 'unanswered', dial_status: 'no-answer', taken_by: null });
    expect(await auditOf('handover.unanswered', `handover:${row!.id}`)).toMatchObject([{ actor: 'ivr', details: { from: 'waiting', to: 'unanswered', dialStatus: 'no-answer' } }]);

    // A retried (or contradicting) report changes nothing and hears the same.
    const report = (DialCallStatus: string) => signedPost(ivr.app, dialUrl, { CallSid: phone.callSid, DialCallStatus }, DEV_TWILIO_AUTH_TOKEN);
    expect((await report('no-answer')).body).toBe(unanswered.xml);
    expect((await report('completed')).body).toBe(unanswered.xml);
    expect(await auditOf('handover.unanswered', `handover:${row!.id}`)).toHaveLength(1);
    expect((await handoverOf(phone.callSid))[0]).toMatchObject({ status: 'unanswered', dial_status: 'no-answer' });
  });

  it('speaks the unanswered words in the language of the call, for a busy line too', async () => {
    const c = await seedCaller(ivr.services);
    const phone = ivr.phone(UNLOCK, c.mobile);
    await phone.dial();
    await phone.walk(['2', '1', '1', '3']);
    expect(phone.last!.dial).toBe(AGENT_LINE);
    expect((await handoverOf(phone.callSid))[0]).toMatchObject({ reason: 'cif_passport', branch: '1.1', line: 'unlock', locale: 'en' });
    const busy = await phone.dialEnds('busy');
    expect(busy.says.map((s) => s.text)).toEqual([en('ivr.handover.unanswered'), en('ivr.handover.hours', { hours: en('ivr.handover.allDay') }), en('ivr.handover.alternatives'), en('ivr.goodbye')]);
    expect(busy.says.every((s) => s.language === 'en-GB')).toBe(true);
    expect(busy.hangup).toBe(true);
  });

  it('just ends the call when an agent answered, and records the handover taken by phone', async () => {
    const c = await seedCaller(ivr.services);
    const phone = ivr.phone('+34950979970', c.mobile);
    await phone.dial();
    await phone.press('3');
    const answered = await phone.dialEnds('completed', 184);
    expect(answered).toMatchObject({ says: [], hangup: true });
    const [row] = await handoverOf(phone.callSid);
    expect(row).toMatchObject({ status: 'taken', dial_status: 'completed', taken_by: null, branch: '2' });
    expect(row!.taken_at).not.toBeNull();
  });

  it('records retries exhausted, and a blocked PIN, without naming anybody and with the usual words', async () => {
    const c = await seedCaller(ivr.services);
    const round = ['1', c.dniKeys, c.last4, '0000'];
    const wrongPin = ivr.phone(SIGNATURE, c.mobile);
    await wrongPin.dial();
    await wrongPin.walk([...round, ...round, ...round, ...round]);
    expect(wrongPin.last!.dial).toBe(AGENT_LINE);
    expect((await handoverOf(wrongPin.callSid))[0]).toMatchObject({ reason: 'retries_exhausted', branch: '3.1', identified: false, customer_id: null });

    // The card's PIN is now blocked: the right PIN is refused with the same words, and the agent reads why.
    await ivr.services.db.updateTable('cards').set({ pin_blocked_at: new Date() }).where('id', '=', c.cardId).execute();
    const blocked = ivr.phone(SIGNATURE, c.mobile);
    await blocked.dial();
    const right = ['1', c.dniKeys, c.last4, c.pin];
    await blocked.walk([...right, ...right, ...right, ...right]);
    expect(blocked.transcript().split(es('ivr.verify.failed')).length - 1).toBe(4);
    expect(blocked.transcript()).not.toMatch(/PIN.*bloquead/i);
    expect((await handoverOf(blocked.callSid))[0]).toMatchObject({ reason: 'pin_blocked', identified: false, customer_id: null });

    // A caller from a phone that is not the customer's, with every other answer right: nobody is identified.
    await ivr.services.db.updateTable('cards').set({ pin_blocked_at: null, failed_pin_attempts: 0 }).where('id', '=', c.cardId).execute();
    const stranger = ivr.phone(SIGNATURE, '+34699000111');
    await stranger.dial();
    await stranger.walk([...right, ...right, ...right, ...right]);
    expect((await handoverOf(stranger.callSid))[0]).toMatchObject({ reason: 'retries_exhausted', identified: false, customer_id: null, caller_number: '+34699000111' });
  });

  it('names the customer when the call identified them and the line could not do the work', async () => {
    const c = await seedCaller(ivr.services);
    await ivr.services.db.deleteFrom('phone_banking_users').where('customer_id', '=', c.customer.id).execute();
    const phone = ivr.phone('+34950979969', c.mobile);
    await phone.dial();
    await phone.walk(['1', c.dniKeys, c.last4, c.pin]);
    expect(phone.transcript()).toContain(es('ivr.unavailable'));
    expect(phone.last!.dial).toBe(AGENT_LINE);
    const [row] = await handoverOf(phone.callSid);
    expect(row).toMatchObject({ reason: 'unavailable', branch: '1.2', identified: true, customer_id: c.customer.id });
    expect(await auditOf('ivr.handover_opened', `call:${phone.callSid}`)).toMatchObject([{ customer_id: c.customer.id, details: { identified: true } }]);
    // The PIN typed in that turn is nowhere in the record (identifiers and times left out: a
    // random call id, uuid or timestamp can hold the same four digits by chance).
    const words = Object.entries(row!).filter(([key]) => !/(^id$|_id$|sid$|_at$)/.test(key));
    expect(JSON.stringify(Object.fromEntries(words))).not.toContain(c.pin);
  });

  it('records a caller who asks for an agent at the support line, at the menu', async () => {
    for (const to of [directoryNumber('online-banking-support', 0), directoryNumber('online-banking-support', 1)]) {
      const phone = ivr.phone(to, '+34600111444');
      await phone.dial();
      await phone.press('2');
      expect(phone.last!.dial).toBe(AGENT_LINE);
      expect((await handoverOf(phone.callSid))[0]).toMatchObject({ reason: 'asked_for_agent', branch: 'menu', line: 'support' });
    }
  });

  it('repeats the language menu’s no-input re-prompt in Spanish, then English', async () => {
    const phone = ivr.phone(UNLOCK, '+34600111555');
    await phone.dial();
    const silent = await phone.wait();
    expect(silent.says.slice(0, 2)).toEqual([
      { text: es('ivr.reprompt.noInput'), language: 'es-ES' },
      { text: en('ivr.reprompt.noInput'), language: 'en-GB' },
    ]);
    expect(silent.xml).toMatch(/<Gather [^>]*><Say language="es-ES"[^>]*>No hemos recibido ninguna respuesta.<\/Say><Say language="en-GB"[^>]*>We did not receive any answer.<\/Say><Say language="es-ES"/);
    expect(silent.says.slice(2).map((s) => s.text)).toEqual([es('ivr.language.greeting'), es('ivr.language.spanish'), en('ivr.language.english')]);
    // Silence to the end: the caller is handed over from the menu.
    await phone.walk(['wait', 'wait', 'wait']);
    expect(phone.last!.dial).toBe(AGENT_LINE);
    expect((await handoverOf(phone.callSid))[0]).toMatchObject({ reason: 'retries_exhausted', branch: 'menu', line: 'unlock', locale: 'es' });
  });

  it('answers the Dial action of a call it holds no record of with the hours, and refuses an unsigned one', async () => {
    const res = await signedPost(ivr.app, dialUrl, { CallSid: newCallSid(), DialCallStatus: 'failed' }, DEV_TWILIO_AUTH_TOKEN);
    expect(res.statusCode).toBe(200);
    expect(parseTwiml(res.body)).toMatchObject({ hangup: true, says: [{ text: es('ivr.handover.unanswered') }, {}, {}, { text: es('ivr.goodbye') }] });
    const forged = await signedPost(ivr.app, dialUrl, { CallSid: newCallSid(), DialCallStatus: 'completed' }, DEV_TWILIO_AUTH_TOKEN, 'bm90IGEgc2lnbmF0dXJl');
    expect(forged.statusCode).toBe(403);
    const bad = await signedPost(ivr.app, dialUrl, { CallSid: newCallSid(), DialCallStatus: '<x>' }, DEV_TWILIO_AUTH_TOKEN);
    expect(bad.statusCode).toBe(400);
  });
});

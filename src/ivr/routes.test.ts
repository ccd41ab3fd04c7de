import { afterAll, beforeAll, expect, it } from 'vitest';
import { codeMatches } from '../customers/codes.ts';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { DEV_TWILIO_AUTH_TOKEN } from './settings.ts';
import { parseTwiml, signedPost } from './test-phone.ts';
import { ivrText } from './text.ts';
import { UNLOCK, ivrApp, seedCaller, type Caller, type IvrTestApp } from './test-fixtures.ts';

/** Every string or number inside a value, as text. */
const leaves = (value: unknown): string[] =>
  value !== null && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [String(value)];

/** Every branch of seed 000 end to end over signed webhooks, on a real database. */
describeEachDatabase('IVR over Twilio webhooks: the branches', (backend) => {
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

  const outbox = (customerId: string) =>
    ivr.services.db.selectFrom('outbox').select(['channel', 'template', 'locale', 'recipient']).where('customer_id', '=', customerId).orderBy('id').execute();
  const callRow = (sid: string) => ivr.services.db.withTables<{ ivr_calls: Record<string, unknown> }>().selectFrom('ivr_calls').selectAll().where('call_sid', '=', sid).executeTakeFirstOrThrow();

  /** Dials the unlock line, picks the language, then presses `keys`. */
  async function call(caller: Caller, lang: 'es' | 'en', keys: string[]) {
    const phone = ivr.phone(UNLOCK, caller.mobile);
    await phone.dial();
    await phone.walk([lang === 'es' ? '1' : '2', ...keys]);
    return phone;
  }
  const ask = (c: Caller) => ['1', c.dniKeys, c.last4, c.pin];

  for (const lang of ['es', 'en'] as const) {
    it(`1.1 (${lang}): user code by email, temporary password by SMS, forced change at next login`, async () => {
      const c = await seedCaller(ivr.services);
      // The call speaks the caller's choice; the messages the customer's registered language.
      const registered = lang === 'es' ? 'en' : 'es';
      await ivr.services.db.updateTable('customers').set({ locale: registered }).where('id', '=', c.customer.id).execute();
      await ivr.services.db.insertInto('blocks').values({ id: crypto.randomUUID(), customer_id: c.customer.id, target: 'access', origin: 'failed_attempts', reason: 'password attempts', created_by: 'system' }).execute();
      const phone = await call(c, lang, ['1', '1', ...ask(c)]);
      const ending = c.mobile.slice(-3).split('').join(', ');
      expect(phone.transcript()).toContain(ivrText('ivr.onlineBanking.done', lang, { mobileEnding: ending }));
      expect(phone.last!.hangup).toBe(true);
      expect(phone.last!.says.every((s) => s.language === (lang === 'es' ? 'es-ES' : 'en-GB'))).toBe(true);
      expect(await outbox(c.customer.id)).toEqual([
        { channel: 'sms', template: 'sms.temporary_password', locale: registered, recipient: c.mobile },
        { channel: 'email', template: 'email.user_code', locale: registered, recipient: c.customer.email },
      ]);
      const user = await ivr.services.db.selectFrom('online_banking_users').selectAll().where('customer_id', '=', c.customer.id).executeTakeFirstOrThrow();
      expect(user.password_temporary).toBe(true);
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      const blocks = await ivr.services.db.selectFrom('blocks').select('lifted_channel').where('customer_id', '=', c.customer.id).where('target', '=', 'access').execute();
      expect(blocks).toEqual([{ lifted_channel: 'ivr' }]);
      expect(await phone.hangUp('completed', 95)).toBe(204);
      expect(await callRow(phone.callSid)).toMatchObject({ outcome: 'resolved', branch: '1.1', locale: lang, duration_seconds: 95, provider_status: 'completed' });
    });
  }

  it('1.2: new phone-banking credentials by SMS', async () => {
    const c = await seedCaller(ivr.services);
    const phone = await call(c, 'es', ['1', '2', ...ask(c)]);
    expect(phone.transcript()).toContain(ivrText('ivr.phoneBanking.done', 'es', { mobileEnding: c.mobile.slice(-3).split('').join(', ') }));
    expect((await outbox(c.customer.id)).map((m) => m.template)).toEqual(['sms.phone_banking_credentials']);
    const user = await ivr.services.db.selectFrom('phone_banking_users').selectAll().where('customer_id', '=', c.customer.id).executeTakeFirstOrThrow();
    expect(user.pin_hash).toMatch(/^[\w-]{40,}$/);
  });

  it('2: the unlock code of the held operation by SMS', async () => {
    const c = await seedCaller(ivr.services);
    const phone = await call(c, 'en', ['2', '1', c.dniKeys, c.held.reference]);
    expect(phone.transcript()).toContain('We have sent the unlock code by SMS');
    expect((await outbox(c.customer.id)).map((m) => m.template)).toEqual(['sms.unlock_code']);
    const codes = await ivr.services.db.selectFrom('one_time_codes').select(['purpose', 'subject']).where('customer_id', '=', c.customer.id).execute();
    expect(codes).toEqual([{ purpose: 'unlock', subject: `operation:${c.held.id}` }]);
  });

  it('3.1: the signature unlocked', async () => {
    const c = await seedCaller(ivr.services);
    await ivr.services.db.updateTable('signatures').set({ failed_attempts: 5 }).where('customer_id', '=', c.customer.id).execute();
    await ivr.services.db.insertInto('blocks').values({ id: crypto.randomUUID(), customer_id: c.customer.id, target: 'signature', origin: 'failed_attempts', reason: 'signing code attempts', created_by: 'system' }).execute();
    const phone = await call(c, 'es', ['3', '1', ...ask(c)]);
    expect(phone.transcript()).toContain(ivrText('ivr.signature.done', 'es'));
    const sig = await ivr.services.db.selectFrom('signatures').select('failed_attempts').where('customer_id', '=', c.customer.id).executeTakeFirstOrThrow();
    expect(sig.failed_attempts).toBe(0);
    const active = await ivr.services.db.selectFrom('blocks').select('id').where('customer_id', '=', c.customer.id).where('target', '=', 'signature').where('lifted_at', 'is', null).execute();
    expect(active).toEqual([]);
  });

  it('3.2: the signing code read out digit by digit, stored nowhere, not repeated by a retried webhook', async () => {
    const c = await seedCaller(ivr.services);
    const phone = await call(c, 'es', ['3', '2', '1', c.dniKeys, c.pending.reference, c.last4]);
    const pinTurn = phone.last!.gather!.action;
    const heard = await phone.press(c.pin);
    const read = heard.says.filter((s) => s.text.startsWith('La clave de firma'));
    expect(read).toHaveLength(3);
    const digits = /es: ((?:\d, )+\d)\.$/.exec(read[0]!.text)![1]!;
    const code = digits.replace(/, /g, '');
    expect(code).toMatch(/^\d{6}$/);
    const row = await ivr.services.db.selectFrom('one_time_codes').select(['code_hash', 'purpose', 'subject']).where('customer_id', '=', c.customer.id).executeTakeFirstOrThrow();
    expect(codeMatches(ivr.services.hasher, 'signing', `operation:${c.pending.id}`, code, row.code_hash)).toBe(true);
    expect(JSON.stringify(await callRow(phone.callSid))).not.toContain(digits);
    // Twilio retries the same request: the call does not move and the code is not said again.
    const before = await callRow(phone.callSid);
    const retry = parseTwiml((await signedPost(ivr.app, pinTurn, { CallSid: phone.callSid, Digits: c.pin }, DEV_TWILIO_AUTH_TOKEN)).body);
    expect(retry.says.map((s) => s.text)).toEqual([ivrText('ivr.secret.notRepeated', 'es'), ivrText('ivr.goodbye', 'es')]);
    expect(retry.xml).not.toContain(digits);
    expect(await callRow(phone.callSid)).toEqual(before);
    expect(await ivr.services.db.selectFrom('one_time_codes').select('id').where('customer_id', '=', c.customer.id).execute()).toHaveLength(1);
  });

  it('finishes a call at the turn that hangs up or transfers, without waiting for the status callback', async () => {
    const c = await seedCaller(ivr.services);
    const resolved = await call(c, 'es', ['3', '1', ...ask(c)]);
    const atEnd = await callRow(resolved.callSid);
    expect(atEnd).toMatchObject({ outcome: 'resolved', provider_status: null });
    expect(atEnd.ended_at).toBeInstanceOf(Date);
    // The callback, when it comes, adds the provider's status and duration and changes nothing else.
    ivr.services.clock.advance(5000);
    expect(await resolved.hangUp('completed', 42)).toBe(204);
    expect(await callRow(resolved.callSid)).toMatchObject({ outcome: 'resolved', provider_status: 'completed', duration_seconds: 42, ended_at: atEnd.ended_at });
    // Only once: a repeated callback changes nothing.
    const once = await callRow(resolved.callSid);
    await resolved.hangUp('completed', 99);
    expect(await callRow(resolved.callSid)).toEqual(once);

    const transferred = ivr.phone(UNLOCK, c.mobile);
    await transferred.dial();
    await transferred.walk(['1', '1', '1', '3']);
    expect(await callRow(transferred.callSid)).toMatchObject({ outcome: 'transferred', ended_at: expect.any(Date) as Date });

    // A caller who hangs up mid-flow is finished by the callback alone, as abandoned.
    const left = await call(c, 'es', ['3', '1']);
    expect(await callRow(left.callSid)).toMatchObject({ outcome: null, ended_at: null });
    await left.hangUp('completed', 8);
    expect(await callRow(left.callSid)).toMatchObject({ outcome: 'abandoned', provider_status: 'completed', duration_seconds: 8, ended_at: expect.any(Date) as Date });
  });

  it('records the call with its lines, path and outcome, and never the PIN', async () => {
    const c = await seedCaller(ivr.services);
    const phone = await call(c, 'es', ['3', '1', ...ask(c)]);
    await phone.hangUp('completed');
    const row = (await callRow(phone.callSid)) as Record<string, unknown> & { state: { path: string[] } };
    expect(row).toMatchObject({ from_number: c.mobile, to_number: UNLOCK, line: 'unlock', outcome: 'resolved', branch: '3.1' });
    expect(row.state.path.slice(0, 4)).toEqual(['language', 'welcome', 'main', 'other']);
    // A random 4-digit PIN may well occur inside a call id or a hash, so look for it as a value or a key.
    const audit = await ivr.services.db.selectFrom('audit_log').select('details').where('customer_id', '=', c.customer.id).execute();
    for (const kept of [row, audit]) {
      expect(leaves(kept)).not.toContain(c.pin);
      expect(JSON.stringify(kept)).not.toMatch(/"pin"/i);
    }
  });
});

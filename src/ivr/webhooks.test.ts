import twilio from 'twilio';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.ts';
import { describeEachDatabase, freshDatabase, openTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { DEV_TWILIO_AUTH_TOKEN } from './settings.ts';
import { BASE, UNLOCK, ivrApp, seedCaller, type IvrTestApp } from './test-fixtures.ts';
import { newCallSid, parseTwiml, signedPost, TestPhone } from './test-phone.ts';
import { ivrText } from './text.ts';

/** The Twilio adapter: signatures, retries, status callbacks, instances sharing one database, load. */
describeEachDatabase('IVR over Twilio webhooks: the adapter', (backend) => {
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

  const voice = `${BASE}/ivr/twilio/voice`;
  const params = () => ({ CallSid: newCallSid(), From: '+34600111222', To: UNLOCK });
  const calls = () => ivr.services.db.withTables<{ ivr_calls: { call_sid: string; turn: number; version: number; ended_at: Date | null } }>();

  it('answers a signed call with TwiML: Gather with its Say inside, then a Redirect for silence', async () => {
    const res = await signedPost(ivr.app, voice, params(), DEV_TWILIO_AUTH_TOKEN);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Gather [^>]*numDigits="1"[^>]*><Say language="es-ES" voice="Polly.Lucia">/);
    expect(res.body).toMatch(/<Say language="en-GB" voice="Polly.Amy">For English, press 2.<\/Say><\/Gather><Redirect method="POST">https:\/\/ivr.bank.test\/ivr\/twilio\/turn\?turn=1&amp;timeout=1<\/Redirect><\/Response>$/);
    expect(parseTwiml(res.body).gather!.action).toBe(`${BASE}/ivr/twilio/turn?turn=1`);
  });

  it('refuses unsigned, forged, wrongly keyed and other-URL signatures with 403', async () => {
    const p = params();
    const forged = twilio.getExpectedTwilioSignature(DEV_TWILIO_AUTH_TOKEN, voice, { ...p, From: '+34699999999' });
    const otherUrl = twilio.getExpectedTwilioSignature(DEV_TWILIO_AUTH_TOKEN, `${BASE}/ivr/twilio/voice?line=signature`, p);
    const otherKey = twilio.getExpectedTwilioSignature('another-token', voice, p);
    for (const signature of ['', 'bm90IGEgc2lnbmF0dXJl', forged, otherUrl, otherKey]) {
      const res = await signedPost(ivr.app, voice, p, DEV_TWILIO_AUTH_TOKEN, signature);
      expect(res.statusCode, signature).toBe(403);
    }
    const unsigned = await ivr.app.inject({ method: 'POST', url: '/ivr/twilio/voice', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(p).toString() });
    expect(unsigned.statusCode).toBe(403);
    expect(await calls().selectFrom('ivr_calls').select('call_sid').where('call_sid', '=', p.CallSid).execute()).toEqual([]);
  });

  it('rejects a signed request with malformed fields with 400', async () => {
    const bad = await signedPost(ivr.app, `${BASE}/ivr/twilio/turn?turn=x`, { CallSid: newCallSid(), Digits: '1' }, DEV_TWILIO_AUTH_TOKEN);
    expect(bad.statusCode).toBe(400);
    const digits = await signedPost(ivr.app, `${BASE}/ivr/twilio/turn?turn=1`, { CallSid: newCallSid(), Digits: '1<x>' }, DEV_TWILIO_AUTH_TOKEN);
    expect(digits.statusCode).toBe(400);
  });

  it('answers a retried webhook with the same TwiML and does not advance the call twice', async () => {
    const c = await seedCaller(ivr.services);
    const phone = ivr.phone('+34950979971', c.mobile);
    await phone.dial();
    await phone.walk(['1', c.dniKeys, c.last4]);
    const action = phone.last!.gather!.action;
    const first = await signedPost(ivr.app, action, { CallSid: phone.callSid, Digits: c.pin }, DEV_TWILIO_AUTH_TOKEN);
    const row = await calls().selectFrom('ivr_calls').selectAll().where('call_sid', '=', phone.callSid).executeTakeFirstOrThrow();
    const again = await signedPost(ivr.app, action, { CallSid: phone.callSid, Digits: c.pin }, DEV_TWILIO_AUTH_TOKEN);
    expect(again.body).toBe(first.body);
    expect(await calls().selectFrom('ivr_calls').selectAll().where('call_sid', '=', phone.callSid).executeTakeFirstOrThrow()).toEqual(row);
    expect(await ivr.services.db.selectFrom('outbox').select('template').where('customer_id', '=', c.customer.id).execute()).toEqual([{ template: 'sms.signature_unlocked' }]);
    // A retried call start is answered as the first time, too.
    const start = params();
    const a = await signedPost(ivr.app, voice, start, DEV_TWILIO_AUTH_TOKEN);
    const b = await signedPost(ivr.app, voice, start, DEV_TWILIO_AUTH_TOKEN);
    expect(b.body).toBe(a.body);
  });

  it('closes the record on the status callback, once, as abandoned when the caller hung up midway', async () => {
    const phone = ivr.phone(UNLOCK, '+34600111333');
    await phone.dial();
    expect(await phone.hangUp('in-progress')).toBe(204);
    expect((await calls().selectFrom('ivr_calls').selectAll().where('call_sid', '=', phone.callSid).executeTakeFirstOrThrow()).ended_at).toBeNull();
    ivr.services.clock.advance(42_000);
    expect(await phone.hangUp('completed')).toBe(204);
    expect(await phone.hangUp('completed', 999)).toBe(204);
    const row = await calls().selectFrom('ivr_calls').selectAll().where('call_sid', '=', phone.callSid).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ outcome: 'abandoned', duration_seconds: 42, provider_status: 'completed' });
    const late = await phone.press('1');
    expect(late.says).toEqual([]);
    expect(late.hangup).toBe(true);
    expect(await new TestPhone(ivr.app, { base: BASE, token: DEV_TWILIO_AUTH_TOKEN, from: null, to: UNLOCK }).hangUp()).toBe(204);
  });

  it('says an error and hangs up for a turn of a call it never answered', async () => {
    const res = await signedPost(ivr.app, `${BASE}/ivr/twilio/turn?turn=3`, { CallSid: newCallSid(), Digits: '1' }, DEV_TWILIO_AUTH_TOKEN);
    expect(parseTwiml(res.body)).toMatchObject({ says: [{ text: ivrText('ivr.error', 'es') }], hangup: true });
  });

  it('lets two server instances on one database serve alternate turns of one call', async () => {
    const second: Database = database.url ? await openTestDatabase({ url: database.url, poolSize: 5 }) : database;
    const other = await ivrApp(second, { 'limits.smsPerCustomerPerHour': 100 });
    try {
      const c = await seedCaller(ivr.services);
      const onA = ivr.phone(UNLOCK, c.mobile);
      const onB = new TestPhone(other.app, { base: BASE, token: DEV_TWILIO_AUTH_TOKEN, to: UNLOCK, from: c.mobile, callSid: onA.callSid });
      const sid = onA.callSid;
      const alternate = [onA, onB];
      await onA.dial();
      const keys = ['1', '3', '1', '1', c.dniKeys, c.last4, c.pin];
      for (const [i, key] of keys.entries()) {
        // Each instance answers the TwiML the other one gave.
        const next = alternate[(i + 1) % 2]!;
        next.last = alternate[i % 2]!.last;
        await next.press(key);
      }
      const transcript = [...alternate[0]!.log, ...alternate[1]!.log].flatMap((h) => h.says.map((s) => s.text)).join('\n');
      expect(transcript).toContain(ivrText('ivr.signature.done', 'es'));
      const row = await calls().selectFrom('ivr_calls').selectAll().where('call_sid', '=', sid).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ turn: keys.length + 1, version: keys.length + 1 });
    } finally {
      await other.close();
      if (second !== database) await second.close();
    }
  });

  it('advances a call once when the same webhook reaches two instances at the same moment', async () => {
    const second: Database = database.url ? await openTestDatabase({ url: database.url, poolSize: 5 }) : database;
    const other = await ivrApp(second, { 'limits.smsPerCustomerPerHour': 100 });
    try {
      const c = await seedCaller(ivr.services);
      const phone = ivr.phone('+34950979970', c.mobile);
      await phone.dial();
      await phone.walk(['1', c.dniKeys]);
      const action = phone.last!.gather!.action;
      const body = { CallSid: phone.callSid, Digits: c.held.reference };
      const [a, b] = await Promise.all([ivr.app, other.app].map((app) => signedPost(app, action, body, DEV_TWILIO_AUTH_TOKEN)));
      expect(a!.statusCode).toBe(200);
      expect(b!.body).toBe(a!.body);
      expect(parseTwiml(a!.body).says[0]!.text).toContain(ivrText('ivr.blockedOperation.done', 'es', { mobileEnding: c.mobile.slice(-3).split('').join(', ') }));
      expect(await ivr.services.db.selectFrom('outbox').select('template').where('customer_id', '=', c.customer.id).execute()).toEqual([{ template: 'sms.unlock_code' }]);
      expect(await ivr.services.db.selectFrom('one_time_codes').select('id').where('customer_id', '=', c.customer.id).execute()).toHaveLength(1);
    } finally {
      await other.close();
      if (second !== database) await second.close();
    }
  });

  it('completes 200 simultaneous calls', async () => {
    const callers = await Promise.all(Array.from({ length: 10 }, () => seedCaller(ivr.services)));
    const phones = Array.from({ length: 200 }, (_, i) => ({ c: callers[i % 10]!, phone: ivr.phone('+34950210191', callers[i % 10]!.mobile) }));
    await Promise.all(
      phones.map(async ({ c, phone }) => {
        await phone.dial();
        await phone.walk(['3', '3', '1', '1', c.dniKeys, c.last4, c.pin]);
        await phone.hangUp('completed', 60);
      }),
    );
    for (const { phone } of phones) expect(phone.transcript()).toContain(ivrText('ivr.signature.done', 'es'));
    const rows = await calls().selectFrom('ivr_calls').select(['call_sid']).where('call_sid', 'in', phones.map((p) => p.phone.callSid)).where('ended_at', 'is not', null).execute();
    expect(rows).toHaveLength(200);
  }, 120_000);
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../i18n/catalogue.ts';
import { createBlock } from '../customers/blocks-store.ts';
import { randomDni } from '../customers/test-fixtures.ts';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { delivered, recoveryApp, seedHolder, smsCode, type Holder, type RecoveryTestApp } from './test-support.ts';
import { RECOVERY_COOKIE } from './routes.ts';
import type { SelfserviceTables } from './schema.ts';

describeEachDatabase('recovery API', (backend) => {
  let database: TestDatabase;
  let r: RecoveryTestApp;
  let h: Holder;
  const doc = () => h.customer.document_number;

  beforeAll(async () => {
    database = await freshDatabase(backend);
    r = await recoveryApp(database);
  });
  afterAll(async () => {
    await r?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    h = await seedHolder(r.services);
  });

  it('walks the whole flow: code by SMS, then user code by email and a temporary password by SMS', async () => {
    const b = r.browser();
    const started = await b.start({ document: doc(), pan: h.pan, pin: h.pin });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toEqual({ step: 'code_sent', expiresAt: expect.any(String) });
    const cookie = started.cookies.find((c) => c.name === RECOVERY_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect((await b.request('GET', '/api/recovery/flow')).json()).toMatchObject({ step: 'code_sent' });

    const code = await smsCode(r.services, h.customer.mobile!);
    const done = await b.confirm(code);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ step: 'done', email: expect.stringMatching(/^c.\*{5}@ebcc\.es$/), mobile: `+34 - 6*****${h.customer.mobile!.slice(-3)}` });

    const sms = await delivered(r.services, h.customer.mobile!);
    expect(sms).toHaveLength(2);
    const password = /(?:es|is) ([A-Za-z0-9]{12})\./.exec(sms[1]!.body)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    const email = await delivered(r.services, h.customer.email!);
    expect(email).toHaveLength(1);
    expect(email[0]!.body).toContain(h.userCode);

    const user = await r.services.db.selectFrom('online_banking_users').selectAll().where('customer_id', '=', h.customer.id).executeTakeFirstOrThrow();
    expect(user.password_temporary).toBe(true);
    expect(user.password_expires_at!.getTime()).toBe(r.services.clock.now().getTime() + r.services.config.limits.temporaryPasswordTtlSeconds * 1000);
    const actions = (await r.services.db.selectFrom('audit_log').select('action').where('customer_id', '=', h.customer.id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['recovery.started', 'code.consumed', 'password.set', 'recovery.completed']));

    // The flow is over and the code is spent; the cookie stays so another tab can be told.
    expect((await b.confirm(code)).json()).toMatchObject({ reason: 'flow_done' });
    expect((await b.request('GET', '/api/recovery/flow')).json()).toEqual({ step: 'none' });
    // Nothing secret in the logs.
    const logs = r.logLines.join('\n');
    for (const secret of [code, password!, h.pin, h.pan]) expect(logs).not.toContain(secret);
  });

  it('lifts an access block of failed attempts and clears the failed-login count', async () => {
    await r.services.db.updateTable('online_banking_users').set({ failed_logins: 5 }).where('customer_id', '=', h.customer.id).execute();
    await createBlock(r.services.db, r.services, { customerId: h.customer.id, target: 'access', origin: 'failed_attempts', reason: 'test', by: 'system' });
    const b = r.browser();
    await b.start({ document: doc(), pan: h.pan, pin: h.pin });
    expect((await b.confirm(await smsCode(r.services, h.customer.mobile!))).statusCode).toBe(200);
    const blocks = await r.services.db.selectFrom('blocks').selectAll().where('customer_id', '=', h.customer.id).where('lifted_at', 'is', null).execute();
    expect(blocks).toEqual([]);
    const user = await r.services.db.selectFrom('online_banking_users').select('failed_logins').where('customer_id', '=', h.customer.id).executeTakeFirstOrThrow();
    expect(user.failed_logins).toBe(0);
  });

  it('answers an unknown document, a card of someone else and a wrong PIN exactly like the right data', async () => {
    const other = await seedHolder(r.services);
    const attempts = [
      { document: randomDni(), pan: h.pan, pin: h.pin },
      { document: doc(), pan: other.pan, pin: other.pin },
      { document: doc(), pan: h.pan, pin: h.pin === '1234' ? '4321' : '1234' },
      { document: doc(), pan: h.pan, pin: h.pin },
    ];
    const answers = [];
    for (const a of attempts) {
      const res = await r.browser().start(a);
      answers.push({ status: res.statusCode, body: { ...res.json(), expiresAt: 'x' }, cookie: res.cookies.some((c) => c.name === RECOVERY_COOKIE) });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 200, body: { step: 'code_sent', expiresAt: 'x' }, cookie: true });
    // Only the right data sent an SMS; the wrong PIN counted against the card.
    expect(await delivered(r.services, h.customer.mobile!)).toHaveLength(1);
    expect(await delivered(r.services, other.customer.mobile!)).toHaveLength(0);
    const card = await r.services.db.selectFrom('cards').select('failed_pin_attempts').where('id', '=', h.cardId).executeTakeFirstOrThrow();
    expect(card.failed_pin_attempts).toBe(0); // reset by the right PIN afterwards
  });

  it('counts a wrong PIN against the card', async () => {
    await r.browser().start({ document: doc(), pan: h.pan, pin: h.pin === '1234' ? '4321' : '1234' });
    const card = await r.services.db.selectFrom('cards').select('failed_pin_attempts').where('id', '=', h.cardId).executeTakeFirstOrThrow();
    expect(card.failed_pin_attempts).toBe(1);
  });

  it('gives an unknown flow the same wrong-code answers, and fails it at the limit', async () => {
    const known = r.browser();
    const unknown = r.browser();
    await known.start({ document: doc(), pan: h.pan, pin: h.pin });
    await unknown.start({ document: randomDni(), pan: h.pan, pin: h.pin });
    const max = r.services.config.web.recoveryCodeAttempts;
    const code = await smsCode(r.services, h.customer.mobile!);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= max; i++) {
      const [a, b] = [await known.confirm(wrong), await unknown.confirm(wrong)];
      expect(a.statusCode).toBe(b.statusCode);
      expect(a.json()).toEqual(b.json());
      if (i < max) expect(a.json()).toMatchObject({ error: 'validation', reason: 'invalid_code', details: { attemptsLeft: max - i }, message: t('recovery.error.invalid_code', 'es') });
      else expect(a.json()).toMatchObject({ error: 'gone', reason: 'too_many_attempts' });
    }
    // Failed for good: even the right code is refused, and the flow says so.
    expect((await known.confirm(code)).statusCode).toBe(409);
    const flow = await r.services.db.withTables<SelfserviceTables>().selectFrom('recovery_flows').select('step').where('customer_id', '=', h.customer.id).executeTakeFirstOrThrow();
    expect(flow.step).toBe('failed');
  });

  it('refuses a missing, invalid or replayed captcha with 400 captcha, before anything is checked', async () => {
    const b = r.browser();
    const missing = await b.start({ document: doc(), pan: h.pan, pin: h.pin }, null);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ reason: 'captcha', message: t('recovery.error.captcha', 'es') });
    const test = Buffer.from(JSON.stringify({ challenge: null, solution: null, test: true })).toString('base64');
    expect((await b.start({ document: doc(), pan: h.pan, pin: h.pin }, test)).json()).toMatchObject({ reason: 'captcha' });
    const solved = await b.captcha();
    // The proof is the derived key (checked against the challenge's key signature): a wrong one fails.
    const parsed = JSON.parse(Buffer.from(solved, 'base64').toString()) as { solution: { derivedKey: string } };
    const key = parsed.solution.derivedKey;
    parsed.solution.derivedKey = key.slice(0, -1) + (key.endsWith('0') ? '1' : '0');
    expect((await b.start({ document: doc(), pan: h.pan, pin: h.pin }, Buffer.from(JSON.stringify(parsed)).toString('base64'))).json()).toMatchObject({ reason: 'captcha' });
    expect((await b.start({ document: doc(), pan: h.pan, pin: h.pin }, solved)).statusCode).toBe(200);
    const replay = await r.browser().start({ document: doc(), pan: h.pan, pin: h.pin }, solved);
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ reason: 'captcha' });
  });

  it('refuses an expired captcha', async () => {
    const b = r.browser();
    const solved = await b.captcha();
    r.services.clock.advance((r.services.config.web.captchaTtlSeconds + 1) * 1000);
    expect((await b.start({ document: doc(), pan: h.pan, pin: h.pin }, solved)).json()).toMatchObject({ reason: 'captcha' });
  });

  it('names the malformed field: document, card number (Luhn) or PIN', async () => {
    const b = r.browser();
    expect((await b.start({ document: '12345678A', pan: h.pan, pin: h.pin })).json()).toMatchObject({ reason: 'invalid_document' });
    expect((await b.start({ document: doc(), pan: h.pan.slice(0, -1) + String((Number(h.pan.slice(-1)) + 1) % 10), pin: h.pin })).json()).toMatchObject({ reason: 'invalid_pan' });
    expect((await b.start({ document: doc(), pan: h.pan, pin: '12' })).json()).toMatchObject({ reason: 'invalid_pin', message: t('recovery.error.invalid_pin', 'es') });
    const en = await r.app.inject({ method: 'POST', url: '/api/recovery/start?lang=en', payload: {} });
    expect(en.statusCode).toBe(403); // no CSRF token
  });

  it('ends the flow after its lifetime with 410 flow_expired', async () => {
    const b = r.browser();
    await b.start({ document: doc(), pan: h.pan, pin: h.pin });
    const code = await smsCode(r.services, h.customer.mobile!);
    r.services.clock.advance(r.services.config.web.recoveryFlowTtlSeconds * 1000 + 1000);
    const flow = await b.request('GET', '/api/recovery/flow');
    expect(flow.statusCode).toBe(410);
    const res = await r.browser().request('GET', '/api/recovery/flow');
    expect(res.json()).toEqual({ step: 'none' });
    // The expired flow's cookie was cleared by /flow; a browser that still sends it gets 410 too.
    const c = r.browser();
    await c.start({ document: doc(), pan: h.pan, pin: h.pin });
    r.services.clock.advance(r.services.config.web.recoveryFlowTtlSeconds * 1000 + 1000);
    const late = await c.confirm(code);
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({ error: 'gone', reason: 'flow_expired' });
  });

  it('refuses a skipped step with 409 wrong_step', async () => {
    const res = await r.browser().confirm('123456');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'conflict', reason: 'wrong_step' });
    expect((await r.browser().request('POST', '/api/recovery/resend', {})).statusCode).toBe(409);
  });

  it('sends a customer with a contact-centre block to the branch, after the right PIN only', async () => {
    await createBlock(r.services.db, r.services, { customerId: h.customer.id, target: 'access', origin: 'contact_centre', reason: 'fraud alert', by: 'agent:test' });
    const wrong = await r.browser().start({ document: doc(), pan: h.pan, pin: h.pin === '1234' ? '4321' : '1234' });
    expect(wrong.json()).toMatchObject({ step: 'code_sent' });
    const right = await r.browser().start({ document: doc(), pan: h.pan, pin: h.pin });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toEqual({ step: 'visit_branch' });
    expect(await delivered(r.services, h.customer.mobile!)).toHaveLength(0);
  });

  it('sends a read-only customer to the branch too', async () => {
    await r.services.db.updateTable('online_banking_users').set({ profile: 'read_only' }).where('customer_id', '=', h.customer.id).execute();
    expect((await r.browser().start({ document: doc(), pan: h.pan, pin: h.pin })).json()).toEqual({ step: 'visit_branch' });
  });

  it('resends a code: rate-limited, and the failed attempts carry over', async () => {
    const b = r.browser();
    await b.start({ document: doc(), pan: h.pan, pin: h.pin });
    const first = await smsCode(r.services, h.customer.mobile!);
    expect((await b.confirm(first === '000000' ? '111111' : '000000')).json()).toMatchObject({ details: { attemptsLeft: 2 } });
    const soon = await b.request('POST', '/api/recovery/resend', {});
    expect(soon.statusCode).toBe(429);
    expect(soon.json()).toMatchObject({ reason: 'resend_too_soon' });
    r.services.clock.advance(31_000);
    expect((await b.request('POST', '/api/recovery/resend', {})).json()).toMatchObject({ step: 'code_sent' });
    const second = await smsCode(r.services, h.customer.mobile!);
    expect((await b.confirm(first === second ? '999999' : first)).json()).toMatchObject({ reason: 'invalid_code', details: { attemptsLeft: 1 } });
    expect((await b.confirm(second)).json()).toMatchObject({ step: 'done' });
  });

  it('spends no attempt on an expired code: the flow keeps its tries and a new code still works', async () => {
    const b = r.browser();
    await b.start({ document: doc(), pan: h.pan, pin: h.pin });
    const first = await smsCode(r.services, h.customer.mobile!);
    r.services.clock.advance(r.services.config.limits.codeTtlSeconds * 1000 + 1000);
    const max = r.services.config.web.recoveryCodeAttempts;
    for (let i = 0; i < max + 1; i++) {
      const late = await b.confirm(first);
      expect(late.statusCode).toBe(400);
      expect(late.json()).toMatchObject({ reason: 'expired_code', details: { attemptsLeft: max } });
    }
    const flows = r.services.db.withTables<SelfserviceTables>();
    const flow = await flows.selectFrom('recovery_flows').select('code_attempts').where('customer_id', '=', h.customer.id).executeTakeFirstOrThrow();
    expect(flow.code_attempts).toBe(0);
    expect((await b.request('POST', '/api/recovery/resend', {})).json()).toMatchObject({ step: 'code_sent' });
    const second = await smsCode(r.services, h.customer.mobile!);
    expect((await b.confirm(second === '000000' ? '111111' : '000000')).json()).toMatchObject({ reason: 'invalid_code', details: { attemptsLeft: max - 1 } });
    expect((await b.confirm(second)).json()).toMatchObject({ step: 'done' });
  });

  it('counts a wrong code once on the flow and once on the code, and consumes the right one', async () => {
    const b = r.browser();
    await b.start({ document: doc(), pan: h.pan, pin: h.pin });
    const code = await smsCode(r.services, h.customer.mobile!);
    expect((await b.confirm(code === '000000' ? '111111' : '000000')).json()).toMatchObject({ reason: 'invalid_code', details: { attemptsLeft: 2 } });
    const flows = r.services.db.withTables<SelfserviceTables>();
    const flow = await flows.selectFrom('recovery_flows').select(['id', 'code_attempts', 'step']).where('customer_id', '=', h.customer.id).executeTakeFirstOrThrow();
    const codeRow = () => r.services.db.selectFrom('one_time_codes').select(['attempts', 'consumed_at']).where('subject', '=', `flow:${flow.id}`).executeTakeFirstOrThrow();
    expect(flow).toMatchObject({ code_attempts: 1, step: 'code_sent' });
    expect(await codeRow()).toMatchObject({ attempts: 1, consumed_at: null });
    expect((await b.confirm(code)).json()).toMatchObject({ step: 'done' });
    expect(await flows.selectFrom('recovery_flows').select(['code_attempts', 'step']).where('id', '=', flow.id).executeTakeFirstOrThrow()).toEqual({ code_attempts: 2, step: 'done' });
    expect((await codeRow()).consumed_at).not.toBeNull();
  });

  it('completes a flow once when two tabs send the right code at the same time', async () => {
    const first = r.browser();
    await first.start({ document: doc(), pan: h.pan, pin: h.pin });
    const code = await smsCode(r.services, h.customer.mobile!);
    const second = r.browser();
    (second as unknown as { cookies: Map<string, string> }).cookies.set(RECOVERY_COOKIE, first.cookie(RECOVERY_COOKIE)!);
    await second.request('GET', '/api/csrf');
    const answers = await Promise.all([first.confirm(code), second.confirm(code)]);
    expect(answers.map((a) => a.json<{ step?: string; reason?: string }>().step ?? a.json<{ reason?: string }>().reason).sort()).toEqual(['done', 'flow_done']);
    // One temporary password: the credentials went out once.
    expect(await delivered(r.services, h.customer.mobile!)).toHaveLength(2);
  });

  it('sends the customer to the branch when a block came after the code was sent, and fails the flow', async () => {
    const b = r.browser();
    await b.start({ document: doc(), pan: h.pan, pin: h.pin });
    const code = await smsCode(r.services, h.customer.mobile!);
    await createBlock(r.services.db, r.services, { customerId: h.customer.id, target: 'access', origin: 'contact_centre', reason: 'fraud alert', by: 'agent:test' });
    expect((await b.confirm(code)).json()).toEqual({ step: 'visit_branch' });
    const flows = r.services.db.withTables<SelfserviceTables>();
    expect((await flows.selectFrom('recovery_flows').select('step').where('customer_id', '=', h.customer.id).executeTakeFirstOrThrow()).step).toBe('failed');
    expect(await delivered(r.services, h.customer.mobile!)).toHaveLength(1);
  });

  it('tells a second tab that the recovery was completed in the first, not that it expired', async () => {
    const first = r.browser();
    await first.start({ document: doc(), pan: h.pan, pin: h.pin });
    const code = await smsCode(r.services, h.customer.mobile!);
    // The second tab shares the browser's cookie.
    const second = r.browser();
    (second as unknown as { cookies: Map<string, string> }).cookies.set(RECOVERY_COOKIE, first.cookie(RECOVERY_COOKIE)!);
    expect((await first.confirm(code)).json()).toMatchObject({ step: 'done' });
    for (const res of [await second.confirm(code), await second.request('POST', '/api/recovery/resend', {})]) {
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ reason: 'flow_done', message: t('recovery.error.flow_done', 'es') });
    }
    // Nothing was sent twice: one code, one temporary password.
    expect(await delivered(r.services, h.customer.mobile!)).toHaveLength(2);
  });

  it('writes every message in the customer’s registered language, whatever the page speaks', async () => {
    await r.services.db.updateTable('customers').set({ locale: 'en' }).where('id', '=', h.customer.id).execute();
    const b = r.browser();
    await b.request('POST', '/api/recovery/start?lang=es', { documentType: 'DNI', document: doc(), pan: h.pan, pin: h.pin, altcha: await b.captcha() });
    const code = await smsCode(r.services, h.customer.mobile!);
    expect((await b.request('POST', '/api/recovery/confirm?lang=es', { code })).json()).toMatchObject({ step: 'done' });
    const sms = await delivered(r.services, h.customer.mobile!);
    expect(sms.map((m) => m.body)).toEqual([expect.stringContaining('is your code to confirm'), expect.stringContaining('your temporary online banking password')]);
    const email = await delivered(r.services, h.customer.email!);
    expect(email[0]!.subject).toBe(t('email.user_code.subject', 'en'));
  });

  it('answers in English when asked', async () => {
    const res = await r.browser().request('POST', '/api/recovery/confirm?lang=en', { code: '123456' });
    expect(res.json()).toMatchObject({ message: t('recovery.error.wrong_step', 'en') });
  });
});

describe('recovery captcha challenge', () => {
  let database: TestDatabase;
  let r: RecoveryTestApp;
  beforeAll(async () => {
    database = await freshDatabase({ name: 'pglite' });
    r = await recoveryApp(database, { 'web.captchaMaxNumber': 5000 });
  });
  afterAll(async () => {
    await r?.close();
    await database?.drop();
  });
  afterEach(() => undefined);

  it('is signed, SHA-256, expires with captchaTtlSeconds, and is never cached', async () => {
    const res = await r.app.inject('/api/recovery/captcha');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<{ parameters: { algorithm: string; expiresAt: number; keySignature: string }; signature: string }>();
    expect(body.parameters.algorithm).toBe('SHA-256');
    expect(body.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(body.parameters.expiresAt).toBe(Math.floor(r.services.clock.now().getTime() / 1000) + r.services.config.web.captchaTtlSeconds);
  });
});

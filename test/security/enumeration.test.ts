import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomDni } from '../../src/customers/test-fixtures.ts';
import { DEMO_STAFF } from '../../src/demo/demo-staff.ts';
import { burnPasswordCheck } from '../../src/customers/passwords.ts';
import { seedCaller, type Caller } from '../../src/ivr/test-fixtures.ts';
import { TestPhone } from '../../src/ivr/test-phone.ts';
import { Browser, luhnPan, seedHolder, type Holder } from '../../src/selfservice/test-support.ts';
import { StaffBrowser } from '../../src/staff/test-support.ts';
import { browserBackend, describeEachDatabase } from '../helpers/db.ts';
import { BASE, DEV_TWILIO_AUTH_TOKEN, interleavedTimings, knownSecrets, leaks, openRig, timingAllowance, type Rig } from './support.ts';

/**
 * Enumeration (SECURITY.md "Enumeration"; OWASP Forgot Password Cheat Sheet; ASVS 5.0 §6.3.8):
 * an unknown document, user or card answers with the same bytes and status as a known one with
 * a wrong secret, and takes about as long. Bytes on both backends; timing on one.
 */

const SIGNATURE_LINE = '+34950979971';

/** What a response shows a client, minus what is fresh on every response (date, cookie values). */
function visible(res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  const { date: _date, 'set-cookie': cookies, ...headers } = res.headers;
  const list = cookies === undefined ? [] : Array.isArray(cookies) ? cookies : [cookies];
  return { status: res.statusCode, body: res.body, headers, cookies: list.map((c: string) => c.replace(/^([^=]+)=[^;]*/, '$1=<value>')) };
}

const wrongPin = (pin: string) => (pin === '0000' ? '1111' : '0000');
const otherDni = (dni: string) => (dni === '00000001' ? '00000002' : '00000001');

describeEachDatabase('security: enumeration (same answers, similar timing)', (backend) => {
  let rig: Rig;
  beforeAll(async () => {
    // Room for many wrong passwords per account: the timing below counts none of them.
    rig = await openRig(backend, { 'limits.passwordAttempts': 10 });
  });
  afterAll(async () => {
    expect(leaks(rig.logLines, knownSecrets(rig))).toEqual([]);
    await rig.close();
  });

  it('web recovery step 1: an unknown document, a wrong card, a wrong PIN and the right data give the same bytes', async () => {
    const holder = await seedHolder(rig.services);
    const other = await seedHolder(rig.services);
    const document = holder.customer.document_number;
    const browser = new Browser(rig.app);
    const attempts = [
      { document: randomDni(), pan: luhnPan(), pin: '1234' },
      { document, pan: other.pan, pin: other.pin },
      { document, pan: holder.pan, pin: wrongPin(holder.pin) },
      { document, pan: holder.pan, pin: holder.pin },
    ];
    const answers = [];
    for (const a of attempts) answers.push(visible(await browser.start(a)));
    expect(answers[0]).toMatchObject({ status: 200, cookies: [expect.stringMatching(/^cerrojo_recovery=<value>; Path=\/; HttpOnly; SameSite=Strict/)] });
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  });

  it('online banking and the console: an unknown user answers exactly like a known one with a wrong password', async () => {
    const bank = new Browser(rig.app);
    const unknownBank = visible(await bank.request('POST', '/api/banking/login', { userCode: 'NOBODY99', password: 'Wrong.Password1' }));
    const knownBank = visible(await bank.request('POST', '/api/banking/login', { userCode: 'DLOPEZ07', password: 'Wrong.Password1' }));
    expect(unknownBank).toMatchObject({ status: 401 });
    expect(JSON.parse(unknownBank.body)).toMatchObject({ reason: 'invalid_credentials' });
    expect(knownBank).toEqual(unknownBank);
    const staff = new StaffBrowser(rig.app);
    await staff.csrf();
    const unknownStaff = visible(await rig.app.inject({ method: 'POST', url: '/api/staff/login', cookies: staff.cookies, headers: { 'x-csrf-token': await staff.csrf() }, payload: { username: 'nobody.here', password: 'Wrong.Password1' } }));
    const knownStaff = visible(await rig.app.inject({ method: 'POST', url: '/api/staff/login', cookies: staff.cookies, headers: { 'x-csrf-token': await staff.csrf() }, payload: { username: DEMO_STAFF[0]!.username, password: 'Wrong.Password1' } }));
    expect(unknownStaff).toMatchObject({ status: 401 });
    expect(knownStaff).toEqual(unknownStaff);
  });

  it('IVR: every TwiML of a call with an unknown document is the TwiML of a call with a known one and a wrong PIN', async () => {
    const c = await seedCaller(rig.services);
    const walk = async (keys: string[]) => {
      const phone = new TestPhone(rig.app, { base: BASE, token: DEV_TWILIO_AUTH_TOKEN, to: SIGNATURE_LINE, from: c.mobile });
      await phone.dial();
      await phone.walk(keys);
      return phone.log.map((h) => h.xml);
    };
    const unknown = await walk(['1', otherDni(c.dniKeys), c.last4, c.pin]);
    const known = await walk(['1', c.dniKeys, c.last4, wrongPin(c.pin)]);
    expect(unknown).toHaveLength(5);
    expect(known).toEqual(unknown);
  });

  // Timing on one backend: the bytes above are the contract on both; the medians only need a
  // database that behaves like production (PostgreSQL where it is set).
  if (backend.name !== browserBackend().name) return;

  const ROUNDS = 32;
  const report = (name: string, medians: Record<string, number>) =>
    console.log(`[timing] ${name}: ${Object.entries(medians).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}`);
  /** Every timed run also times one argon2id verification, interleaved, under the same load. */
  const argon2 = { argon2: async () => () => burnPasswordCheck('Wrong.Password1') };
  function expectAlike(medians: Record<string, number>, a: string, b: string) {
    const [x, y, hash] = [medians[a]!, medians[b]!, medians.argon2!];
    expect(Math.abs(x - y), `${a} ${x.toFixed(1)} ms vs ${b} ${y.toFixed(1)} ms (argon2 ${hash.toFixed(1)} ms)`).toBeLessThanOrEqual(timingAllowance(x, y, hash));
  }
  /** The bound must be able to fail: it is tighter than the argon2 verification an unknown user must still pay. */
  function expectBoundCatchesSkippedHash(medians: Record<string, number>, a: string, b: string) {
    const [x, y, hash] = [medians[a]!, medians[b]!, medians.argon2!];
    expect(timingAllowance(x, y, hash), `allowance vs one argon2 verification (${hash.toFixed(1)} ms)`).toBeLessThan(hash);
  }

  it('web recovery step 1 takes as long for an unknown document as for a known one with a wrong card or PIN', async () => {
    const holders: Holder[] = [];
    for (let i = 0; i < ROUNDS * 3; i++) holders.push(await seedHolder(rig.services));
    const others = await seedHolder(rig.services);
    const browser = new Browser(rig.app);
    await browser.request('GET', '/api/csrf');
    // The captcha is solved before the clock starts: only the server's work is timed.
    const start = (input: { document: string; pan: string; pin: string }) => async () => {
      const altcha = await browser.captcha();
      return async () => expect((await browser.request('POST', '/api/recovery/start', { documentType: 'DNI', ...input, altcha })).statusCode).toBe(200);
    };
    const h = (i: number, k: number) => holders[k * ROUNDS + i]!;
    const { medians } = await interleavedTimings(
      {
        ...argon2,
        unknown: () => start({ document: randomDni(), pan: luhnPan(), pin: '1234' })(),
        wrongCard: (i) => start({ document: h(i, 0).customer.document_number, pan: others.pan, pin: others.pin })(),
        wrongPin: (i) => start({ document: h(i, 1).customer.document_number, pan: h(i, 1).pan, pin: wrongPin(h(i, 1).pin) })(),
        right: (i) => start({ document: h(i, 2).customer.document_number, pan: h(i, 2).pan, pin: h(i, 2).pin })(),
      },
      ROUNDS,
    );
    report('recovery start', medians);
    expectAlike(medians, 'unknown', 'wrongCard');
    expectAlike(medians, 'unknown', 'wrongPin');
    // "right" is reported, not bounded: it is slower by the SMS it queues, which tells only
    // someone who already holds document, card and PIN (see docs/security-tests.md).
  });

  it('online-banking login takes as long for an unknown user as for a wrong password', async () => {
    const users = ['MGARCIA01', 'JOCONNOR02', 'AMARTINEZ03', 'LFERNANDEZ04', 'CRUIZ06', 'DLOPEZ07', 'ESCHNEIDER08', 'PONIENTE01'];
    const browser = new Browser(rig.app);
    await browser.request('GET', '/api/csrf');
    const login = (userCode: string) => async () => async () => expect((await browser.request('POST', '/api/banking/login', { userCode, password: 'Wrong.Password1' })).statusCode).toBe(401);
    const { medians } = await interleavedTimings({ ...argon2, unknown: (i) => login(`NOBODY${i}`)(), known: (i) => login(users[i % users.length]!)() }, ROUNDS);
    report('banking login', medians);
    expectAlike(medians, 'unknown', 'known');
    expectBoundCatchesSkippedHash(medians, 'unknown', 'known');
  });

  it('console sign-in takes as long for an unknown user as for a wrong password', async () => {
    const staff = new StaffBrowser(rig.app);
    const token = await staff.csrf();
    // Nine wrong passwords per account stay under the lock at the tenth.
    const login = (username: string) => async () => async () => {
      const res = await rig.app.inject({ method: 'POST', url: '/api/staff/login', cookies: staff.cookies, headers: { 'x-csrf-token': token }, payload: { username, password: 'Wrong.Password1' } });
      expect(res.statusCode).toBe(401);
    };
    const { medians } = await interleavedTimings({ ...argon2, unknown: (i) => login(`nobody.${i}`)(), known: (i) => login(DEMO_STAFF[i % DEMO_STAFF.length]!.username)() }, ROUNDS);
    report('staff login', medians);
    expectAlike(medians, 'unknown', 'known');
    expectBoundCatchesSkippedHash(medians, 'unknown', 'known');
  });

  it('IVR identification takes as long for an unknown document as for a known one with a wrong PIN', async () => {
    // Four wrong PINs per card stay under the block at the fifth.
    const callers: Caller[] = [];
    for (let i = 0; i < ROUNDS / 4; i++) callers.push(await seedCaller(rig.services));
    // The call is walked to its PIN turn untimed; the PIN turn, whose action looks the caller up, is timed.
    const call = (c: Caller, dni: string) => async () => {
      const phone = new TestPhone(rig.app, { base: BASE, token: DEV_TWILIO_AUTH_TOKEN, to: SIGNATURE_LINE, from: c.mobile });
      await phone.dial();
      await phone.walk(['1', dni, c.last4]);
      return () => phone.press(wrongPin(c.pin));
    };
    const caller = (i: number) => callers[i >> 2]!;
    const { medians } = await interleavedTimings({ ...argon2, unknown: (i) => call(caller(i), otherDni(caller(i).dniKeys))(), known: (i) => call(caller(i), caller(i).dniKeys)() }, ROUNDS);
    report('ivr pin turn', medians);
    expectAlike(medians, 'unknown', 'known');
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANTONIO, CARMEN, codeIn, customerId, JAVIER_CAE, lastSms, LUCIA, MARIA, TestBrowser } from '../../src/banking/test-support.ts';
import { PAYEE_QUOTE_MAX } from '../../src/customers/mask.ts';
import { setPassword } from '../../src/customers/credentials-store.ts';
import { hashPassword } from '../../src/customers/passwords.ts';
import { TestPhone } from '../../src/ivr/test-phone.ts';
import { ivrText } from '../../src/ivr/text.ts';
import { Browser, delivered, seedHolder, smsCode } from '../../src/selfservice/test-support.ts';
import { DEMO_STAFF } from '../../src/demo/demo-staff.ts';
import { StaffBrowser } from '../../src/staff/test-support.ts';
import { describeEachDatabase } from '../helpers/db.ts';
import { BASE, DEV_TWILIO_AUTH_TOKEN, knownSecrets, leaks, openRig, type Rig } from './support.ts';

/**
 * Issue 14, the outside review's findings on credentials, each as the attack it stopped: every
 * test here failed before its fix (docs/security-tests.md has the table).
 */
describeEachDatabase('security: the review of issue 14 (credentials)', (backend) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await openRig(backend);
  });
  afterAll(async () => {
    expect(leaks(rig.logLines, knownSecrets(rig))).toEqual([]);
    await rig.close();
  });

  const signedIn = async (userCode: string, password: string) => {
    const b = new TestBrowser(rig.app);
    expect((await b.login(userCode, password)).status).toBe(200);
    expect((await b.get('/api/banking/operations')).status).toBe(200);
    return b;
  };

  it('1. web recovery ends every online-banking session the attacker may hold, and the SMS says so', async () => {
    const h = await seedHolder(rig.services);
    await setPassword(rig.services.db, rig.services, h.customer.id, await hashPassword('Holder.Pass2026'), { temporary: false, expiresAt: null, by: 'test' });
    const attacker = await signedIn(h.userCode, 'Holder.Pass2026');
    const b = new Browser(rig.app);
    expect((await b.start({ document: h.customer.document_number, pan: h.pan, pin: h.pin })).json()).toMatchObject({ step: 'code_sent' });
    expect((await b.confirm(await smsCode(rig.services, h.customer.mobile!))).json()).toMatchObject({ step: 'done' });
    expect((await attacker.get('/api/banking/operations')).status).toBe(401);
    const last = (await delivered(rig.services, h.customer.mobile!)).at(-1)!;
    expect(last.body).toContain('Hemos cerrado todas tus sesiones abiertas.');
    const ended = await rig.services.db.selectFrom('audit_log').select('details').where('action', '=', 'banking.sessions_ended').where('customer_id', '=', h.customer.id).execute();
    expect(ended).toEqual([{ details: { reason: 'credentials_recovered', count: 1 } }]);
  });

  it('1. IVR 1.1 ends every online-banking session too', async () => {
    const attacker = await signedIn(MARIA.userCode, MARIA.password);
    const phone = new TestPhone(rig.app, { base: BASE, token: DEV_TWILIO_AUTH_TOKEN, to: '+34950979968', from: MARIA.mobile });
    await phone.dial();
    const heard = await phone.walk(['1', '45123987', '2340', '2468']);
    expect(heard.says[0]!.text).toBe(ivrText('ivr.onlineBanking.done', 'es', { mobileEnding: '3, 3, 1' }));
    expect((await attacker.get('/api/banking/operations')).status).toBe(401);
  });

  it('4. the signing SMS names the amount and the account paid (masked), and quotes the payee as typed, cut short', async () => {
    const b = await signedIn(ANTONIO.userCode, ANTONIO.password);
    const iban = 'ES9121000418450200051332';
    const spoof = 'Cerrojo: cuenta bloqueada, llama al 900 000 000 o https://evil.example';
    const transfer = await b.post('/api/banking/transfers', { iban, beneficiary: spoof, amount: '25.00' });
    expect(transfer.status).toBe(201);
    const sms = await lastSms(rig.services, ANTONIO.mobile);
    expect(sms).toContain('a la cuenta ES*****1332');
    expect(sms).toMatch(/25,00\s€/);
    expect(sms).not.toContain(iban);
    const quoted = /"([^"]*)"/.exec(sms)![1]!;
    expect(quoted.length).toBeLessThanOrEqual(PAYEE_QUOTE_MAX);
    expect(quoted).not.toMatch(/[:/]/);
    expect(sms).not.toContain('https');
    expect(sms).not.toContain('900 000 000');
    // The signing page names the same account, masked; the name as typed, labelled as the customer's.
    const op = (transfer.body.operation as { reference: string }).reference;
    const view = await b.get(`/api/banking/operations/${op}`);
    expect(view.body).toMatchObject({ operation: { iban } });
  });

  it('9. device-link codes count against the signature across link requests: a new request buys no new guesses', async () => {
    const b = await signedIn(LUCIA.userCode, LUCIA.password);
    const limit = rig.services.config.limits.signingCodeAttempts;
    const link = async () => {
      const res = await b.post('/api/banking/devices', { name: 'Pixel', platform: 'android' });
      expect(res.status).toBe(201);
      return { id: (res.body.device as { id: string }).id, code: codeIn(await lastSms(rig.services, LUCIA.mobile)) };
    };
    const wrong = (code: string) => (code === '000000' ? '111111' : '000000');
    const first = await link();
    for (let i = 0; i < limit - 2; i++) expect(await b.post(`/api/banking/devices/${first.id}/confirm`, { code: wrong(first.code) })).toMatchObject({ status: 400, body: { reason: 'invalid_code' } });
    const second = await link();
    expect(await b.post(`/api/banking/devices/${second.id}/confirm`, { code: wrong(second.code) })).toMatchObject({ status: 400, body: { reason: 'invalid_code', details: { attemptsLeft: 1 } } });
    expect(await b.post(`/api/banking/devices/${second.id}/confirm`, { code: wrong(second.code) })).toMatchObject({ status: 403, body: { reason: 'signature_blocked' } });
    // The right code of either request now links nothing, and no new request is taken.
    expect((await b.post(`/api/banking/devices/${second.id}/confirm`, { code: second.code })).status).toBe(403);
    expect((await b.post('/api/banking/devices', { name: 'Pixel', platform: 'android' })).status).toBe(403);
    const blocks = await rig.services.db.selectFrom('blocks').select(['target', 'origin']).where('customer_id', '=', await customerId(rig.services, LUCIA.externalId)).where('lifted_at', 'is', null).execute();
    expect(blocks).toEqual([{ target: 'signature', origin: 'failed_attempts' }]);
  });

  it('16. 999 € and then 4 999 € to one new IBAN: the second is held, counting what the first sent', async () => {
    const b = await signedIn(CARMEN.userCode, CARMEN.password);
    const iban = 'ES7921000813610123456789';
    const first = await b.post('/api/banking/transfers', { iban, beneficiary: 'Nuevo Proveedor SL', amount: '999.00' });
    expect(first).toMatchObject({ status: 201, body: { operation: { status: 'pending_signature' } } });
    const ref = (first.body.operation as { reference: string }).reference;
    expect(await b.post(`/api/banking/operations/${ref}/sign`, { code: codeIn(await lastSms(rig.services, CARMEN.mobile)) })).toMatchObject({ status: 200 });
    const second = await b.post('/api/banking/transfers', { iban, beneficiary: 'Nuevo Proveedor SL', amount: '4999.00' });
    expect(second).toMatchObject({ status: 201, body: { operation: { status: 'held' } } });
    const held = await rig.services.db.selectFrom('audit_log').select('details').where('action', '=', 'banking.operation_held').where('customer_id', '=', await customerId(rig.services, CARMEN.externalId)).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(held.details).toMatchObject({ rules: ['new_beneficiary'] });
    // After the window the payee is known: the same amount goes straight to signing.
    rig.services.clock.advance((rig.services.config.banking.fraudRules.newBeneficiaryWindowHours + 1) * 3_600_000);
    const later = await signedIn(CARMEN.userCode, CARMEN.password);
    expect(await later.post('/api/banking/transfers', { iban, beneficiary: 'Nuevo Proveedor SL', amount: '4999.00' })).toMatchObject({ status: 201, body: { operation: { status: 'pending_signature' } } });
  });

  it('10. an unknown user code is blocked after as many wrong passwords as a real one, with the same answers', async () => {
    const limit = rig.services.config.limits.passwordAttempts;
    const real = await seedHolder(rig.services);
    await setPassword(rig.services.db, rig.services, real.customer.id, await hashPassword('Holder.Pass2026'), { temporary: false, expiresAt: null, by: 'test' });
    const answers = async (userCode: string) => {
      const out = [];
      for (let i = 0; i <= limit; i++) out.push(await new TestBrowser(rig.app).login(userCode, `Wrong.Guess${i}`));
      return out;
    };
    const known = await answers(real.userCode);
    const unknown = await answers('NOBODY4242');
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatchObject({ status: 401, body: { reason: 'access_blocked' } });
    expect(known.at(-2)).toMatchObject({ status: 401, body: { reason: 'access_blocked' } });
    expect(known.at(-3)).toMatchObject({ status: 401, body: { reason: 'invalid_credentials' } });
    // The name is kept only as a keyed hash.
    const rows = await rig.services.db.withTables<{ unknown_identity_failures: { key_hash: string } }>().selectFrom('unknown_identity_failures').select('key_hash').execute();
    expect(JSON.stringify(rows)).not.toMatch(/NOBODY4242/i);
  });

  it('10. an unknown staff name locks after as many wrong passwords as a real one, with the same answers', async () => {
    const attempts = rig.services.config.console.loginAttempts;
    const answers = async (username: string) => {
      const out = [];
      for (let i = 0; i <= attempts; i++) {
        const res = await new StaffBrowser(rig.app).login(username, `Wrong.Guess${i}`);
        out.push({ status: res.status, reason: res.body.reason, locked: typeof (res.body.details as { lockedUntil?: string } | undefined)?.lockedUntil === 'string' });
      }
      return out;
    };
    const known = await answers(DEMO_STAFF.at(-1)!.username);
    const unknown = await answers('nadie.aqui');
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toEqual({ status: 429, reason: 'locked', locked: true });
    expect(known.at(-2)).toEqual({ status: 429, reason: 'locked', locked: true });
    expect(known.at(-3)).toMatchObject({ status: 401, reason: 'invalid_credentials' });
  });

  it('2. an account under a contact-centre block compares no password: right and wrong answer alike, nothing counted', async () => {
    const id = await customerId(rig.services, JAVIER_CAE.externalId);
    const replies = [];
    for (const password of ['Guess.0001', JAVIER_CAE.password, 'Guess.0002', 'Guess.0003', 'Guess.0004', 'Guess.0005', 'Guess.0006', JAVIER_CAE.password]) {
      replies.push(await new TestBrowser(rig.app).login(JAVIER_CAE.userCode, password));
    }
    for (const r of replies) expect(r).toEqual(replies[0]);
    expect(replies[0]).toMatchObject({ status: 403, body: { reason: 'visit_branch' } });
    const user = await rig.services.db.selectFrom('online_banking_users').select('failed_logins').where('customer_id', '=', id).executeTakeFirstOrThrow();
    expect(user.failed_logins).toBe(0);
    const audit = await rig.services.db.selectFrom('audit_log').select('details').where('action', '=', 'banking.login_refused').where('customer_id', '=', id).execute();
    expect(audit).toHaveLength(replies.length);
  });

  it('2. an account locked by failed logins compares no password after the limit', async () => {
    const h = await seedHolder(rig.services);
    await setPassword(rig.services.db, rig.services, h.customer.id, await hashPassword('Holder.Pass2026'), { temporary: false, expiresAt: null, by: 'test' });
    const limit = rig.services.config.limits.passwordAttempts;
    for (let i = 0; i < limit; i++) await new TestBrowser(rig.app).login(h.userCode, `Wrong.Guess${i}`);
    const wrong = await new TestBrowser(rig.app).login(h.userCode, 'Wrong.Again1');
    const right = await new TestBrowser(rig.app).login(h.userCode, 'Holder.Pass2026');
    expect(right).toEqual(wrong);
    expect(right).toMatchObject({ status: 401, body: { reason: 'access_blocked' } });
    const user = await rig.services.db.selectFrom('online_banking_users').select('failed_logins').where('customer_id', '=', h.customer.id).executeTakeFirstOrThrow();
    expect(user.failed_logins).toBe(limit);
  });
});

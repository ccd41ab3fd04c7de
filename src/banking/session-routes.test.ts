import { afterEach, beforeEach, expect, it } from 'vitest';
import { setPassword, setProfile } from '../customers/credentials-store.ts';
import { hashPassword } from '../customers/passwords.ts';
import { describeEachDatabase } from '../../test/helpers/db.ts';
import { ANTONIO, customerId, JAVIER_CAE, LUCIA, MARIA, openBank, TestBrowser, type Bank } from './test-support.ts';

describeEachDatabase('online banking: login and sessions', (backend) => {
  let bank: Bank;
  beforeEach(async () => {
    bank = await openBank(backend);
  });
  afterEach(() => bank.close());
  const browser = () => new TestBrowser(bank.app);

  it('logs in with a new HttpOnly, SameSite=Strict session cookie and logs out', async () => {
    const b = browser();
    const res = await bank.app.inject({ method: 'POST', url: '/api/banking/login', headers: { 'x-csrf-token': await b.csrf() }, cookies: b.cookies, payload: { userCode: 'mgarcia01 ', password: MARIA.password } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ state: 'active', customer: { name: 'María García López' }, idleSeconds: 300 });
    expect(res.headers['cache-control']).toBe('no-store');
    const cookie = res.cookies.find((c) => c.name === 'cerrojo_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value.length).toBeGreaterThanOrEqual(43);
    // The database keeps only a keyed hash of the token.
    const rows = await bank.services.db.withTables<{ banking_sessions: { id_hash: string } }>().selectFrom('banking_sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(cookie.value);

    b.cookies.cerrojo_session = cookie.value;
    const session = await b.get('/api/banking/session');
    expect(session).toMatchObject({ status: 200, body: { state: 'active', customer: { name: 'María García López', userCode: 'MGARCIA01' }, profile: 'full', mobileEnding: '331', idleSeconds: 300, passwordLimits: { minLength: 8, maxLength: 64 } } });
    expect(new Date(session.body.expiresAt as string).getTime()).toBe(bank.services.clock.now().getTime() + 300_000);

    expect((await b.post('/api/banking/logout')).status).toBe(204);
    expect(b.session).toBeUndefined();
    const again = await bank.app.inject({ url: '/api/banking/session', cookies: { cerrojo_session: cookie.value } });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ error: 'unauthorized', reason: 'no_session' });
  });

  it('gives a new session id at login and ends the one the browser carried', async () => {
    const b = browser();
    await b.login(MARIA.userCode, MARIA.password);
    const first = b.session!;
    await b.login(MARIA.userCode, MARIA.password);
    expect(b.session).not.toBe(first);
    expect((await bank.app.inject({ url: '/api/banking/session', cookies: { cerrojo_session: first } })).statusCode).toBe(401);
    expect((await b.get('/api/banking/session')).status).toBe(200);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const wrong = await browser().login(MARIA.userCode, 'Not.The.Password1');
    const unknown = await browser().login('NOBODY99', 'Not.The.Password1');
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
    expect(wrong.body).toMatchObject({ error: 'unauthorized', reason: 'invalid_credentials', message: 'El código de usuario o la contraseña no son correctos.' });
  });

  it('blocks access on the 5th wrong password and keeps saying so, even with the right one', async () => {
    const b = browser();
    for (let i = 1; i <= 4; i++) expect((await b.login(LUCIA.userCode, `Wrong.Password${i}`)).body.reason).toBe('invalid_credentials');
    const fifth = await b.login(LUCIA.userCode, 'Wrong.Password5');
    expect(fifth).toMatchObject({ status: 401, body: { reason: 'access_blocked' } });
    expect((fifth.body.message as string)).toMatch(/950 183 313/);
    expect(await b.login(LUCIA.userCode, LUCIA.password)).toMatchObject({ status: 401, body: { reason: 'access_blocked' } });
    const blocks = await bank.services.db.selectFrom('blocks').selectAll().where('customer_id', '=', await customerId(bank.services, LUCIA.externalId)).execute();
    expect(blocks).toMatchObject([{ target: 'access', origin: 'failed_attempts', lifted_at: null }]);
  });

  it('names the brand\'s own help line in the blocked-access refusal, in either language', async () => {
    const branded = await openBank(backend, { 'brand.helpPhone': '900 100 200' });
    try {
      const b = new TestBrowser(branded.app);
      for (let i = 1; i <= 5; i++) await b.login(LUCIA.userCode, `Wrong.Password${i}`);
      const es = await b.login(LUCIA.userCode, LUCIA.password);
      expect(es.body).toMatchObject({ reason: 'access_blocked' });
      expect(es.body.message).toContain('llamando al 900 100 200.');
      const en = await branded.app.inject({ method: 'POST', url: '/api/banking/login?lang=en', headers: { 'x-csrf-token': await b.csrf() }, cookies: b.cookies, payload: { userCode: LUCIA.userCode, password: LUCIA.password } });
      expect(en.json().message).toContain('by calling 900 100 200.');
      expect(JSON.stringify([es.body, en.json()])).not.toMatch(/\{helpPhone\}|950 183 313/);
    } finally {
      await branded.close();
    }
  });

  it('tells a customer with a contact-centre block to visit the branch, the same for any password, comparing none', async () => {
    const wrong = await browser().login(JAVIER_CAE.userCode, 'Wrong.Password1');
    const right = await browser().login(JAVIER_CAE.userCode, JAVIER_CAE.password);
    expect(right).toMatchObject({ status: 403, body: { error: 'forbidden', reason: 'visit_branch' } });
    expect(right.body.message).toMatch(/oficina/);
    expect(wrong).toEqual(right);
    // No guess counted: the block, not a failure count, is what stops the account.
    const user = await bank.services.db.selectFrom('online_banking_users').select('failed_logins').where('customer_id', '=', await customerId(bank.services, JAVIER_CAE.externalId)).executeTakeFirstOrThrow();
    expect(user.failed_logins).toBe(0);
  });

  it('opens only the forced password change with a temporary password, once, and nothing once it expired', async () => {
    const id = await customerId(bank.services, ANTONIO.externalId);
    const now = bank.services.clock.now();
    await setPassword(bank.services.db, bank.services, id, await hashPassword('Temp-4417-xq'), { temporary: true, expiresAt: new Date(now.getTime() + 3_600_000), by: 'ivr' });
    const b = browser();
    expect(await b.login(ANTONIO.userCode, 'Temp-4417-xq')).toMatchObject({ status: 200, body: { state: 'must_change_password' } });
    expect(await b.get('/api/banking/session')).toMatchObject({ status: 200, body: { state: 'must_change_password' } });
    expect(await b.get('/api/banking/devices')).toMatchObject({ status: 403, body: { reason: 'password_change_required' } });
    expect(await b.post('/api/banking/transfers', { iban: 'ES9121000418450200051332', beneficiary: 'X Y', amount: '10' })).toMatchObject({ status: 403, body: { reason: 'password_change_required' } });
    expect(await b.get('/api/banking/operations/23522111')).toMatchObject({ status: 404 });
    expect(await b.get('/api/banking/operations')).toMatchObject({ status: 200, body: { operations: [] } });

    // Single use: a second login with it, even within its life, is refused.
    expect(await browser().login(ANTONIO.userCode, 'Temp-4417-xq')).toMatchObject({ status: 401, body: { reason: 'temporary_expired' } });

    // A new one, never used, opens nothing once its life is over.
    await setPassword(bank.services.db, bank.services, id, await hashPassword('Temp-5528-yr'), { temporary: true, expiresAt: new Date(now.getTime() + 3_600_000), by: 'ivr' });
    bank.services.clock.advance(3_600_000);
    expect(await browser().login(ANTONIO.userCode, 'Temp-5528-yr')).toMatchObject({ status: 401, body: { reason: 'temporary_expired' } });
  });

  it('lets only one of two racing logins spend a temporary password', async () => {
    const id = await customerId(bank.services, ANTONIO.externalId);
    await setPassword(bank.services.db, bank.services, id, await hashPassword('Temp-6639-zs'), { temporary: true, expiresAt: new Date(bank.services.clock.now().getTime() + 3_600_000), by: 'web' });
    const answers = await Promise.all([browser().login(ANTONIO.userCode, 'Temp-6639-zs'), browser().login(ANTONIO.userCode, 'Temp-6639-zs')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });

  it('refuses a POST without the CSRF token with 403 reason csrf', async () => {
    const b = browser();
    expect(await b.post('/api/banking/login', { userCode: MARIA.userCode, password: MARIA.password }, { csrf: false })).toMatchObject({ status: 403, body: { reason: 'csrf' } });
    await b.login(MARIA.userCode, MARIA.password);
    expect(await b.post('/api/banking/logout', undefined, { csrf: false })).toMatchObject({ status: 403, body: { reason: 'csrf' } });
  });

  it('ends a session after 5 idle minutes; activity keeps it alive', async () => {
    const b = browser();
    await b.login(MARIA.userCode, MARIA.password);
    bank.services.clock.advance(200_000);
    expect((await b.get('/api/banking/operations')).status).toBe(200);
    bank.services.clock.advance(200_000); // 400 s after login, 200 s after the last request
    expect((await b.get('/api/banking/session')).status).toBe(200);
    bank.services.clock.advance(301_000);
    expect(await b.get('/api/banking/operations')).toMatchObject({ status: 401, body: { error: 'unauthorized', reason: 'session_expired' } });
    expect(await b.get('/api/banking/session')).toMatchObject({ status: 401, body: { reason: 'session_expired' } });
    expect(await browser().get('/api/banking/session')).toMatchObject({ status: 401, body: { reason: 'no_session' } });
  });

  it('ends a live session when the contact centre blocks the customer', async () => {
    const b = browser();
    await b.login(MARIA.userCode, MARIA.password);
    const id = await customerId(bank.services, MARIA.externalId);
    await bank.services.db.insertInto('blocks').values({ id: crypto.randomUUID(), customer_id: id, target: 'access', origin: 'contact_centre', reason: 'test', created_by: 'agent:1', created_at: bank.services.clock.now() }).execute();
    expect(await b.get('/api/banking/operations')).toMatchObject({ status: 403, body: { reason: 'visit_branch' } });
    expect(await b.get('/api/banking/operations')).toMatchObject({ status: 401, body: { reason: 'no_session' } });
  });

  it('lets the read-only profile in but refuses every operation-creating route', async () => {
    const id = await customerId(bank.services, ANTONIO.externalId);
    await setProfile(bank.services.db, bank.services, id, 'read_only', 'agent:1');
    const b = browser();
    expect((await b.login(ANTONIO.userCode, ANTONIO.password)).status).toBe(200);
    expect(await b.get('/api/banking/session')).toMatchObject({ body: { profile: 'read_only' } });
    expect((await b.get('/api/banking/operations')).status).toBe(200);
    const refused = { status: 403, body: { reason: 'read_only_profile' } };
    expect(await b.post('/api/banking/transfers', { iban: 'ES9121000418450200051332', beneficiary: 'Electro SL', amount: '10.00' })).toMatchObject(refused);
    expect(await b.post('/api/banking/password', { current: ANTONIO.password, new: 'Tr3s-Tigres-Tristes', repeat: 'Tr3s-Tigres-Tristes' })).toMatchObject(refused);
    expect(await b.post('/api/banking/devices', { name: 'Pixel 8', platform: 'android' })).toMatchObject(refused);
  });
});

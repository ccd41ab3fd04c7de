import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openBank, type Bank } from '../banking/test-support.ts';
import { describeEachDatabase, TEST_ADMIN_TOKEN } from '../../test/helpers/db.ts';
import { freshCustomer, postAlert, SOURCE } from '../backoffice/cases/test-support.ts';
import { staffPasswordProblem, unlockStaffAccount } from './accounts.ts';
import { staffDb } from './schema.ts';
import { demoStaff, StaffBrowser } from './test-support.ts';

// Several argon2 sign-ins per test: on a loaded shared machine they outlast the default 30 s.
vi.setConfig({ testTimeout: 90_000 });

describeEachDatabase('console: staff sign-in and sessions', (backend) => {
  let bank: Bank;
  beforeEach(async () => {
    bank = await openBank(backend, { 'backoffice.alertSources': [SOURCE] });
  });
  afterEach(() => bank.close());
  const browser = () => new StaffBrowser(bank.app);
  const agent = demoStaff('agent');

  it('signs in with a new HttpOnly, SameSite=Strict cookie kept only as a keyed hash, answers me, signs out', async () => {
    const b = browser();
    const res = await b.login(' Ana.Agente ', agent.password);
    expect(res).toEqual({ status: 200, body: { staff: { id: 'ana.agente', username: 'ana.agente', name: 'Ana Agente', role: 'agent', officeCode: null } } });
    const raw = await bank.app.inject({ method: 'POST', url: '/api/staff/login', headers: { 'x-csrf-token': await b.csrf() }, cookies: b.cookies, payload: { username: agent.username, password: agent.password } });
    const cookie = raw.cookies.find((c) => c.name === 'cerrojo_staff')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(raw.headers['cache-control']).toBe('no-store');
    expect(cookie.value).not.toBe(b.session);
    const hashes = (await staffDb(bank.services.db).selectFrom('staff_sessions').select(['id_hash', 'ended_at']).execute());
    expect(hashes.map((h) => h.id_hash)).not.toContain(cookie.value);
    // The second login replaced the first session the browser carried.
    expect(hashes.filter((h) => h.ended_at === null)).toHaveLength(1);
    b.cookies.cerrojo_staff = cookie.value;

    const me = await b.get('/api/staff/me');
    expect(me).toMatchObject({ status: 200, body: { staff: { id: 'ana.agente', role: 'agent' }, idleSeconds: 1800 } });
    expect(new Date(me.body.expiresAt as string).getTime()).toBe(bank.services.clock.now().getTime() + 1800_000);
    expect((await b.get('/api/cases')).status).toBe(200);

    expect((await b.post('/api/staff/logout')).status).toBe(204);
    expect(b.session).toBeUndefined();
    const after = await bank.app.inject({ url: '/api/staff/me', cookies: { cerrojo_staff: cookie.value } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: 'unauthorized', reason: 'no_session' });
    expect((await bank.app.inject({ url: '/api/cases', cookies: { cerrojo_staff: cookie.value } })).statusCode).toBe(401);
  });

  it('answers an unknown user exactly like a wrong password, in Spanish by default and in English', async () => {
    const wrong = await browser().login(agent.username, 'Not.The.Password1');
    const unknown = await browser().login('nadie', 'Not.The.Password1');
    expect(wrong).toMatchObject({ status: 401, body: { error: 'unauthorized', reason: 'invalid_credentials', message: 'El usuario o la contraseña no son correctos.' } });
    expect(unknown).toEqual(wrong);
    const b = browser();
    const en = await bank.app.inject({ method: 'POST', url: '/api/staff/login', headers: { 'x-csrf-token': await b.csrf(), 'accept-language': 'en' }, cookies: b.cookies, payload: { username: 'nadie', password: 'x' } });
    expect(en.json()).toMatchObject({ message: 'The user name or password is not correct.' });
  });

  it('locks the account on the 10th consecutive failure for 30 minutes, even for the right password', async () => {
    const b = browser();
    for (let i = 1; i <= 9; i++) expect((await b.login(agent.username, `Wrong.${i}`)).body.reason).toBe('invalid_credentials');
    const tenth = await b.login(agent.username, 'Wrong.10');
    expect(tenth).toMatchObject({ status: 429, body: { error: 'too_many', reason: 'locked' } });
    expect(await b.login(agent.username, agent.password)).toMatchObject({ status: 429, body: { reason: 'locked' } });
    bank.services.clock.advance(29 * 60_000);
    expect(await b.login(agent.username, agent.password)).toMatchObject({ status: 429, body: { reason: 'locked' } });
    bank.services.clock.advance(60_000);
    expect((await b.login(agent.username, agent.password)).status).toBe(200);
    const audit = await bank.services.db.selectFrom('audit_log').select('action').where('action', 'like', 'staff.%').execute();
    expect(audit.filter((a) => a.action === 'staff.locked')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'staff.login_failed')).toHaveLength(9);
  });

  it('lets an administrator lift a lock before it runs out (audited)', async () => {
    const b = browser();
    for (let i = 1; i <= 10; i++) await b.login(agent.username, `Wrong.${i}`);
    expect((await b.login(agent.username, agent.password)).status).toBe(429);
    expect(await unlockStaffAccount(bank.services.db, bank.services, 'ANA.agente')).toBe(true);
    expect((await b.login(agent.username, agent.password)).status).toBe(200);
    expect(await bank.services.db.selectFrom('audit_log').select('actor').where('action', '=', 'staff.unlocked').execute()).toEqual([{ actor: 'admin' }]);
    expect(staffPasswordProblem('short')).toMatch(/12/);
    expect(staffPasswordProblem('long enough pass')).toBeUndefined();
  });

  it('counts only consecutive failures: a good sign-in resets the count', async () => {
    const b = browser();
    for (let i = 1; i <= 9; i++) await b.login(agent.username, `Wrong.${i}`);
    expect((await b.login(agent.username, agent.password)).status).toBe(200);
    for (let i = 1; i <= 9; i++) expect((await b.login(agent.username, `Wrong.${i}`)).status).toBe(401);
  });

  it('needs the CSRF token to sign in, to sign out and for every change through the session', async () => {
    const b = browser();
    expect(await b.post('/api/staff/login', { username: agent.username, password: agent.password }, { csrf: false })).toMatchObject({ status: 403, body: { reason: 'csrf' } });
    await b.signIn('agent');
    const customer = await freshCustomer(bank);
    expect(await b.post('/api/cases', { customerId: customer.id }, { csrf: false })).toMatchObject({ status: 403, body: { reason: 'csrf' } });
    const created = await b.post('/api/cases', { customerId: customer.id });
    expect(created).toMatchObject({ status: 201, body: { queue: 'contact_centre' } });
    // The acting person comes from the session, never from a header.
    expect((await b.get(`/api/cases/${created.body.id as string}`)).body).toMatchObject({ timeline: [expect.objectContaining({ actor: 'staff:ana.agente' })] });
    expect(await b.patch(`/api/cases/${created.body.id as string}`, { status: 'in_progress' })).toMatchObject({ status: 200 });
    expect(await b.post('/api/staff/logout', {}, { csrf: false })).toMatchObject({ status: 403, body: { reason: 'csrf' } });
  });

  it('ends a session after 30 minutes without a request, and after 12 hours whatever the activity', async () => {
    const b = await browser().signIn('agent');
    bank.services.clock.advance(29 * 60_000);
    expect((await b.get('/api/cases')).status).toBe(200);
    bank.services.clock.advance(30 * 60_000);
    expect(await b.get('/api/cases')).toMatchObject({ status: 401, body: { reason: 'session_expired' } });
    expect(await b.get('/api/staff/me')).toMatchObject({ status: 401, body: { reason: 'session_expired' } });

    const long = await browser().signIn('agent');
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      bank.services.clock.advance(20 * 60_000);
      expect((await long.get('/api/staff/me')).status).toBe(200);
    }
    bank.services.clock.advance(20 * 60_000);
    expect(await long.get('/api/staff/me')).toMatchObject({ status: 401, body: { reason: 'session_expired' } });
  });

  it('refuses a request with no session, a wrong token, or the admin token acting for staff', async () => {
    expect(await bank.app.inject({ url: '/api/cases' }).then((r) => [r.statusCode, r.json().reason])).toEqual([401, 'no_session']);
    const res = await bank.app.inject({ url: '/api/cases', headers: { authorization: 'Bearer wrong-token-0123456789abcdef', 'x-staff-id': 'x' } });
    expect(res.statusCode).toBe(401);
    // The admin token provisions only (issue 14, finding 6): it names nobody on the back office.
    const admin = await bank.app.inject({ url: '/api/cases', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'x-staff-id': 'ana.agente' } });
    expect([admin.statusCode, admin.json().reason]).toEqual([403, 'admin_token_not_staff']);
    // A bad Authorization header is judged alone, even beside a live session cookie.
    const b = await browser().signIn('admin');
    expect((await bank.app.inject({ url: '/api/cases', cookies: b.cookies, headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    const alert = await postAlert(bank.app, { sourceAlertId: 'a-1', customer: { externalId: (await freshCustomer(bank)).external_id }, situation: 'test' });
    expect(alert.status).toBe(201);
  });
});

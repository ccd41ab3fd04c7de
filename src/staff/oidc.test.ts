import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../test/helpers/db.ts';
import { openBank, type Bank } from '../banking/test-support.ts';
import { staffDb } from './schema.ts';
import { demoStaff, StaffBrowser } from './test-support.ts';

/**
 * Staff single sign-on against a real OpenID provider (`oidc-provider`) started here on a random
 * port: the console's start and callback routes, the provider's own login over HTTP with a
 * cookie jar, the claims mapped to roles, refusals, and the provider's logout.
 */
vi.setConfig({ testTimeout: 60_000 });

const PUBLIC = 'http://console.test';
const CALLBACK = `${PUBLIC}/api/staff/oidc/callback`;
const CLIENT = { client_id: 'cerrojo-console', client_secret: 'a-client-secret-for-the-test-provider-0123' };

/** The provider's people: groups and office are claims of the `profile` scope. */
const people: Record<string, Record<string, unknown>> = {
  'sub-agent': { preferred_username: 'laura.sso', name: 'Laura Sánchez', email: 'laura@bank.test', groups: ['all-staff', 'cerrojo-agents'] },
  'sub-branch': { preferred_username: 'pedro.oficina', name: 'Pedro Oficina', groups: ['cerrojo-branch'], office: '8732' },
  'sub-branch-nowhere': { preferred_username: 'olga.nowhere', name: 'Olga', groups: ['cerrojo-branch'], office: '0000' },
  'sub-nobody': { preferred_username: 'nadie.sso', name: 'Sin Perfil', groups: ['all-staff'] },
  // Tries to take over the local demo agent by choosing its name at the provider.
  'sub-squatter': { preferred_username: demoStaff('agent').username, name: 'Impostor', groups: ['cerrojo-supervisors'] },
};

let server: Server;
let issuer: string;

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [CALLBACK], post_logout_redirect_uris: [`${PUBLIC}/console`], response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups', 'office'], email: ['email'] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    pkce: { required: () => true },
    findAccount: (_ctx, id) => (people[id] ? { accountId: id, claims: () => ({ sub: id, ...people[id] }) } : undefined),
  });
  server.on('request', provider.callback());
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const oidcSettings = (overrides: Record<string, unknown> = {}) => ({
  publicBaseUrl: PUBLIC,
  'console.oidc.issuer': issuer,
  'console.oidc.clientId': CLIENT.client_id,
  'console.oidc.clientSecret': CLIENT.client_secret,
  'console.oidc.roleMap': 'cerrojo-supervisors=supervisor, cerrojo-agents=agent, cerrojo-branch=branch',
  'console.oidc.officeClaim': 'office',
  'console.oidc.label': 'Entrar con Keycloak',
  'console.oidc.allowHttp': true,
  ...overrides,
});

/** A cookie jar for the provider's side (its interaction and session cookies). */
class Jar {
  private readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/**
 * Signs a person in at the provider (its development login and consent forms, over HTTP) from
 * the authorization URL, and returns the URL it sends the browser back to.
 */
async function signInAtProvider(authorizationUrl: string, subject: string, jar = new Jar()): Promise<URL> {
  let url = authorizationUrl;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(CALLBACK)) return new URL(url);
    const res = await fetch(new URL(url, issuer), { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.keep(res);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url.startsWith('http') ? url : issuer).href;
      continue;
    }
    const html = await res.text();
    expect(res.status, html).toBe(200);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    expect(action, html).toBeDefined();
    const form: Record<string, string> = prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt: prompt ?? 'consent' };
    const posted = await fetch(new URL(action!, issuer), { method: 'POST', redirect: 'manual', headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    jar.keep(posted);
    expect(posted.status).toBe(303);
    url = new URL(posted.headers.get('location')!, issuer).href;
  }
  throw new Error('the provider never sent the browser back');
}

describeEachDatabase('console: staff single sign-on (OIDC) against a real provider', (backend) => {
  let bank: Bank;
  afterEach(() => bank?.close());
  const open = async (overrides: Record<string, unknown> = {}) => {
    bank = await openBank(backend, oidcSettings(overrides));
  };

  /** A browser navigation inside the console's app (no redirect following), keeping its cookies. */
  const visit = async (b: StaffBrowser, url: string) => {
    const res = await bank.app.inject({ url, cookies: b.cookies, headers: { accept: 'text/html' } });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete b.cookies[c.name];
      else b.cookies[c.name] = c.value;
    }
    return res;
  };

  /** The whole journey: start, the provider's login as `subject`, the callback; the callback's reply. */
  const signIn = async (b: StaffBrowser, subject: string, tamper?: (callback: URL) => void) => {
    const start = await visit(b, '/api/staff/oidc/start');
    expect(start.statusCode).toBe(302);
    const callback = await signInAtProvider(start.headers.location as string, subject);
    tamper?.(callback);
    return visit(b, callback.pathname + callback.search);
  };

  const refusals = () => bank.services.db.selectFrom('audit_log').select('details').where('action', '=', 'staff.oidc_refused').execute();

  it('signs in with PKCE, creates the account of (issuer, subject) with the mapped role, and reaches staff routes', async () => {
    await open();
    const b = new StaffBrowser(bank.app);
    expect((await b.get('/api/staff/auth-methods')).body).toEqual({ localLogin: true, oidc: { enabled: true, label: 'Entrar con Keycloak' } });

    const start = await visit(b, '/api/staff/oidc/start');
    const auth = new URL(start.headers.location as string);
    expect(`${auth.origin}${auth.pathname}`).toBe(`${issuer}/auth`);
    expect(Object.fromEntries(auth.searchParams)).toMatchObject({ client_id: CLIENT.client_id, redirect_uri: CALLBACK, response_type: 'code', code_challenge_method: 'S256', scope: 'openid profile email' });
    // The state, nonce and verifier wait in the database under a hash of the cookie, not in memory.
    const rows = await staffDb(bank.services.db).selectFrom('staff_oidc_logins').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: auth.searchParams.get('state'), nonce: auth.searchParams.get('nonce') });
    expect(rows[0]!.id_hash).not.toBe(b.cookies.cerrojo_oidc);

    const callback = await signInAtProvider(auth.href, 'sub-agent');
    expect(Object.fromEntries(callback.searchParams)).toMatchObject({ state: auth.searchParams.get('state'), code: expect.any(String) });
    const ok = await visit(b, callback.pathname + callback.search);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/console');
    const cookie = ok.cookies.find((c) => c.name === 'cerrojo_staff')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await b.get('/api/staff/me');
    expect(me).toMatchObject({ status: 200, body: { staff: { id: 'laura.sso', name: 'Laura Sánchez', role: 'agent', officeCode: null }, idleSeconds: 1800 } });
    expect((await b.get('/api/cases')).status).toBe(200);
    const account = await staffDb(bank.services.db).selectFrom('staff_accounts').selectAll().where('id', '=', 'laura.sso').executeTakeFirstOrThrow();
    expect(account).toMatchObject({ password_hash: null, oidc_issuer: issuer, oidc_subject: 'sub-agent' });
    // The used sign-in row is gone: the callback cannot be replayed.
    expect(await staffDb(bank.services.db).selectFrom('staff_oidc_logins').selectAll().execute()).toEqual([]);

    // The next sign-in follows the provider: a new group ranks first in the map, the role changes.
    people['sub-agent']!.groups = ['cerrojo-agents', 'cerrojo-supervisors'];
    try {
      expect((await signIn(new StaffBrowser(bank.app), 'sub-agent')).headers.location).toBe('/console');
    } finally {
      people['sub-agent']!.groups = ['all-staff', 'cerrojo-agents'];
    }
    const changed = await staffDb(bank.services.db).selectFrom('staff_accounts').select(['role']).where('oidc_subject', '=', 'sub-agent').execute();
    expect(changed).toEqual([{ role: 'supervisor' }]);
    const actions = (await bank.services.db.selectFrom('audit_log').select('action').where('action', 'like', 'staff.%').execute()).map((a) => a.action);
    expect(actions.filter((a) => a === 'staff.login_succeeded')).toHaveLength(2);
    expect(actions).toContain('staff.role_changed');
    // A password is no way into an account of the provider.
    expect((await new StaffBrowser(bank.app).login('laura.sso', 'any-password-at-all')).status).toBe(401);
  });

  it('maps a branch user to the office of its claim, and refuses an office that does not exist', async () => {
    await open();
    const b = new StaffBrowser(bank.app);
    expect((await signIn(b, 'sub-branch')).headers.location).toBe('/console');
    expect((await b.get('/api/staff/me')).body).toMatchObject({ staff: { role: 'branch', officeCode: '8732' } });

    const nowhere = new StaffBrowser(bank.app);
    expect((await signIn(nowhere, 'sub-branch-nowhere')).headers.location).toBe('/console?signin_error=oidc_no_office');
    expect(nowhere.session).toBeUndefined();
  });

  it('refuses a person with no mapped role: no account, no session, audited', async () => {
    await open();
    const b = new StaffBrowser(bank.app);
    const res = await signIn(b, 'sub-nobody');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console?signin_error=oidc_no_role');
    expect(b.session).toBeUndefined();
    expect(await b.get('/api/staff/me')).toMatchObject({ status: 401 });
    expect(await staffDb(bank.services.db).selectFrom('staff_accounts').select('id').where('oidc_subject', '=', 'sub-nobody').execute()).toEqual([]);
    expect(await refusals()).toEqual([{ details: expect.objectContaining({ reason: 'oidc_no_role', subject: 'sub-nobody', issuer }) }]);
  });

  it('refuses a callback with the wrong state, one from another browser, and a replay', async () => {
    await open();
    const b = new StaffBrowser(bank.app);
    const forged = await signIn(b, 'sub-agent', (callback) => callback.searchParams.set('state', 'forged-state'));
    expect(forged.headers.location).toBe('/console?signin_error=oidc_failed');
    expect(b.session).toBeUndefined();

    // A callback carried to a browser that did not start it (login CSRF) finds no sign-in.
    const start = await visit(b, '/api/staff/oidc/start');
    const callback = await signInAtProvider(start.headers.location as string, 'sub-agent');
    const victim = new StaffBrowser(bank.app);
    expect((await visit(victim, callback.pathname + callback.search)).headers.location).toBe('/console?signin_error=oidc_expired');
    expect(victim.session).toBeUndefined();
    // The rightful browser may still finish; then the same callback is spent.
    const oidcCookie = b.cookies.cerrojo_oidc!;
    expect((await visit(b, callback.pathname + callback.search)).headers.location).toBe('/console');
    b.cookies.cerrojo_oidc = oidcCookie;
    expect((await visit(b, callback.pathname + callback.search)).headers.location).toBe('/console?signin_error=oidc_expired');

    // A sign-in left at the provider longer than 10 minutes has expired.
    const late = new StaffBrowser(bank.app);
    const lateStart = await visit(late, '/api/staff/oidc/start');
    const lateCallback = await signInAtProvider(lateStart.headers.location as string, 'sub-agent');
    bank.services.clock.advance(601_000);
    expect((await visit(late, lateCallback.pathname + lateCallback.search)).headers.location).toBe('/console?signin_error=oidc_expired');
    expect((await refusals()).map((r) => (r.details as { reason: string }).reason)).toEqual(['oidc_failed', 'oidc_expired', 'oidc_expired', 'oidc_expired']);
  });

  it('never hands a local account to a provider user who chose its name', async () => {
    await open();
    const b = new StaffBrowser(bank.app);
    expect((await signIn(b, 'sub-squatter')).headers.location).toBe('/console');
    const me = await b.get('/api/staff/me');
    expect((me.body.staff as { id: string }).id).toMatch(/^ana\.agente-[0-9a-f]{8}$/);
    const local = await staffDb(bank.services.db).selectFrom('staff_accounts').selectAll().where('id', '=', demoStaff('agent').username).executeTakeFirstOrThrow();
    expect(local).toMatchObject({ role: 'agent', oidc_subject: null, name: 'Ana Agente' });
  });

  it('signs out here and answers the provider’s end-session URL with the ID token as hint', async () => {
    await open();
    const b = new StaffBrowser(bank.app);
    await signIn(b, 'sub-agent');
    const token = b.session!;
    const out = await b.post('/api/staff/logout');
    expect(out.status).toBe(200);
    const end = new URL(out.body.endSessionUrl as string);
    expect(`${end.origin}${end.pathname}`).toBe(`${issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC}/console`);
    expect(end.searchParams.get('id_token_hint')).toMatch(/^ey/);
    // The session here is over, and the provider accepts the hint (it answers its sign-out page, not an error).
    expect((await bank.app.inject({ url: '/api/staff/me', cookies: { cerrojo_staff: token } })).statusCode).toBe(401);
    const provider = await fetch(end, { redirect: 'manual' });
    expect(provider.status, await provider.text()).toBe(200);

    // A password session has no provider to leave: 204 as before.
    const local = await new StaffBrowser(bank.app).signIn('agent');
    expect((await local.post('/api/staff/logout')).status).toBe(204);
  });

  it('turns password sign-in off, and tells the sign-in page', async () => {
    await open({ 'console.localLogin': false });
    const b = new StaffBrowser(bank.app);
    expect((await b.get('/api/staff/auth-methods')).body).toEqual({ localLogin: false, oidc: { enabled: true, label: 'Entrar con Keycloak' } });
    const agent = demoStaff('agent');
    const refused = await b.login(agent.username, agent.password);
    expect(refused).toMatchObject({ status: 403, body: { reason: 'local_login_off', message: expect.stringContaining('cuenta corporativa') } });
    expect(b.session).toBeUndefined();
    expect((await signIn(b, 'sub-agent')).headers.location).toBe('/console');
  });

  it('answers 503 with a message when the provider cannot be reached, and 404 when single sign-on is off', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await open({ 'console.oidc.issuer': `http://127.0.0.1:${port}` });
    const res = await bank.app.inject({ url: '/api/staff/oidc/start' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ reason: 'oidc_unavailable', message: expect.stringContaining('proveedor de identidad') });
    const page = await bank.app.inject({ url: '/api/staff/oidc/start', headers: { accept: 'text/html' } });
    expect(page.headers.location).toBe('/console?signin_error=oidc_unavailable');
    await bank.close();

    bank = await openBank(backend);
    expect((await bank.app.inject({ url: '/api/staff/oidc/start' })).statusCode).toBe(404);
    expect((await new StaffBrowser(bank.app).get('/api/staff/auth-methods')).body).toEqual({ localLogin: true, oidc: { enabled: false, label: null } });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAlert } from '../../src/backoffice/cases/test-support.ts';
import { TestBrowser } from '../../src/banking/test-support.ts';
import { CSRF_HEADER } from '../../src/http/csrf.ts';
import { buildApp } from '../../src/http/app.ts';
import { newCallSid, signedPost } from '../../src/ivr/test-phone.ts';
import { seedHolder, solvePayload } from '../../src/selfservice/test-support.ts';
import { STAFF_COOKIE } from '../../src/staff/session-access.ts';
import { StaffBrowser } from '../../src/staff/test-support.ts';
import { browserBackend, testConfig } from '../helpers/db.ts';
import { PRODUCTION_MODE } from '../helpers/web.ts';
import { sign } from '../../src/ivr/softphone.ts';
import { BASE, DEV_TWILIO_AUTH_TOKEN, KEY_ONLY, knownSecrets, leaks, listRoutes, openRig, RIG_CONFIG, SOURCE, STATE_CHANGING, type RouteEntry, type Rig } from './support.ts';
import { routeSchemas, sampleFitting, type RouteSchemas } from './schemas.ts';

/**
 * Forged requests (issue 7): telephony webhooks without a valid `X-Twilio-Signature`, alerts
 * without a valid key or HMAC, and every state-changing route of the cookie faces without its
 * CSRF token. The routes come from the app itself, so a new one is covered without editing
 * this file; the exempt ones are listed with why, and each proves it refuses a request without
 * its own credential.
 */

/**
 * State-changing routes that take no cookie credential, so CSRF cannot apply: each is
 * authenticated by something a browser never sends on its own.
 */
const EXEMPT: { prefix: string; why: string; refuses: number }[] = [
  { prefix: '/ivr/twilio/', why: 'telephony webhooks: X-Twilio-Signature over URL and body', refuses: 403 },
  { prefix: '/calls/twilio/', why: 'the console calls\' provider webhooks (bridge, status callbacks): X-Twilio-Signature over URL and body', refuses: 403 },
  { prefix: '/api/alerts', why: 'fraud-engine alerts: X-Api-Key or HMAC X-Signature', refuses: 401 },
  { prefix: '/api/admin/', why: 'provisioning: Authorization: Bearer <ADMIN_TOKEN>', refuses: 401 },
  { prefix: '/api/dev/', why: 'dev mode only (404 outside it); no session, nothing of a customer', refuses: 404 },
];
const exemption = (url: string) => EXEMPT.find((e) => url.startsWith(e.prefix));

// One backend: signatures, alert credentials and CSRF tokens are all judged before any query
// (hooks and headers), so the database adds nothing here; the brute-force and enumeration files
// run on both.
describe(`security: forged webhooks, alerts and cross-site requests are refused [${browserBackend().name}]`, () => {
  const backend = browserBackend();
  let rig: Rig;
  let schemas: Map<string, RouteSchemas>;
  beforeAll(async () => {
    rig = await openRig(backend);
    schemas = await routeSchemas(rig.app);
  });
  afterAll(async () => {
    expect(leaks(rig.logLines, knownSecrets(rig))).toEqual([]);
    await rig.close();
  });

  const calls = (sid: string) => rig.services.db.selectFrom('ivr_calls').select('call_sid').where('call_sid', '=', sid).execute();

  it('refuses every IVR webhook that is unsigned, forged, signed with another token, for another URL or over other fields (403)', async () => {
    const ivrRoutes = listRoutes(rig.app).filter((r) => r.url.startsWith('/ivr/'));
    expect(ivrRoutes.map((r) => r.url).sort()).toEqual(['/ivr/twilio/dial', '/ivr/twilio/status', '/ivr/twilio/turn', '/ivr/twilio/voice']);
    const fields: Record<string, { query: string; params: (sid: string) => Record<string, string> }> = {
      '/ivr/twilio/voice': { query: '', params: (CallSid) => ({ CallSid, To: '+34950183313', From: '+34612345331' }) },
      '/ivr/twilio/turn': { query: '?turn=1', params: (CallSid) => ({ CallSid, Digits: '1' }) },
      '/ivr/twilio/status': { query: '', params: (CallSid) => ({ CallSid, CallStatus: 'completed' }) },
      '/ivr/twilio/dial': { query: '', params: (CallSid) => ({ CallSid, DialCallStatus: 'no-answer' }) },
    };
    for (const route of ivrRoutes) {
      const { query, params } = fields[route.url]!;
      const url = `${BASE}${route.url}${query}`;
      const p = params(newCallSid());
      const forgeries: Record<string, string | null> = {
        missing: null,
        empty: '',
        garbage: 'bm90IGEgc2lnbmF0dXJl',
        'another token': sign('another-auth-token', url, p),
        'another URL': sign(DEV_TWILIO_AUTH_TOKEN, `${BASE}/ivr/twilio/voice?line=signature`, p),
        'another host': sign(DEV_TWILIO_AUTH_TOKEN, url.replace(BASE, 'https://evil.example'), p),
        'plain http': sign(DEV_TWILIO_AUTH_TOKEN, url.replace('https:', 'http:'), p),
        'other fields': sign(DEV_TWILIO_AUTH_TOKEN, url, { ...p, CallSid: newCallSid() }),
      };
      for (const [name, signature] of Object.entries(forgeries)) {
        const res =
          signature === null
            ? await rig.app.inject({ method: 'POST', url: `${route.url}${query}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(p).toString() })
            : await signedPost(rig.app, url, p, DEV_TWILIO_AUTH_TOKEN, signature);
        expect(res.statusCode, `${route.url}: ${name}`).toBe(403);
        expect(res.json(), `${route.url}: ${name}`).toMatchObject({ error: 'forbidden' });
      }
      expect(await calls(p.CallSid!)).toEqual([]);
      // The same request, signed for the URL it reached, is answered.
      const real = await signedPost(rig.app, url, p, DEV_TWILIO_AUTH_TOKEN);
      expect(real.statusCode, `${route.url} signed`).toBeLessThan(300);
    }
  });

  it('refuses an alert with a wrong key, a wrong HMAC secret, a stale or future timestamp, an altered body or no credentials (401)', async () => {
    let n = 0;
    const body = () => ({ sourceAlertId: `SEC-${++n}`, customer: { externalId: 'DEMO-C001' }, situation: 'login_new_location' });
    const now = () => Math.floor(rig.services.clock.now().getTime() / 1000);
    const refused = { status: 401, body: { error: 'unauthorized', reason: 'alert_unauthorized' } };
    const forgeries = {
      'wrong key': await postAlert(rig.app, body(), { key: 'x'.repeat(32) }),
      'key of another source': await postAlert(rig.app, body(), { source: KEY_ONLY.id, key: SOURCE.key }),
      'unknown source': await postAlert(rig.app, body(), { source: 'nobody' }),
      'wrong secret': await postAlert(rig.app, body(), { signed: { secret: 'y'.repeat(40), timestamp: now() } }),
      stale: await postAlert(rig.app, body(), { signed: { secret: SOURCE.hmacSecret, timestamp: now() - 301 } }),
      future: await postAlert(rig.app, body(), { signed: { secret: SOURCE.hmacSecret, timestamp: now() + 301 } }),
      'altered body': await postAlert(rig.app, body(), { signed: { secret: SOURCE.hmacSecret, timestamp: now(), tamper: true } }),
      'no credentials': await (async () => {
        const res = await rig.app.inject({ method: 'POST', url: '/api/alerts', payload: body() });
        return { status: res.statusCode, body: res.json() };
      })(),
    };
    for (const [name, reply] of Object.entries(forgeries)) expect(reply, name).toMatchObject(refused);
    expect(await rig.services.db.selectFrom('alerts' as never).select('id' as never).where('source_alert_id' as never, 'like' as never, 'SEC-%' as never).execute()).toEqual([]);
    expect(await postAlert(rig.app, body(), { signed: { secret: SOURCE.hmacSecret, timestamp: now() } })).toMatchObject({ status: 201 });
  });

  it('lists the state-changing routes and who is exempt from CSRF, and each exempt route refuses a request without its own credential', async () => {
    const changing = listRoutes(rig.app).filter((r) => STATE_CHANGING.has(r.method));
    // The route tree is read right: every route it names is one the app answers.
    for (const r of changing) expect(rig.app.hasRoute({ method: r.method as 'POST', url: r.url }), `${r.method} ${r.url}`).toBe(true);
    expect(changing.length).toBeGreaterThan(30);
    const production = await buildApp({ ...rig.services, config: testConfig({ ...RIG_CONFIG, ...PRODUCTION_MODE }) }, { logger: false });
    try {
      for (const r of changing.filter((x) => exemption(x.url))) {
        const e = exemption(r.url)!;
        const app = e.refuses === 404 ? production : rig.app;
        // A request its schemas accept, so the refusal is the credential's, not the validation's.
        const res = await app.inject(requestFor(r, schemas.get(`${r.method} ${r.url}`)));
        expect(res.statusCode, `${r.method} ${r.url} (${e.why})`).toBe(e.refuses);
      }
    } finally {
      await production.close();
    }
  });

  it('answers 403 csrf to every other state-changing route sent with live cookies but a missing, foreign or forged token', async () => {
    // One browser holding every cookie credential: a staff session (admin), an online-banking
    // session and a recovery flow, plus the CSRF secret cookie.
    const staff = await new StaffBrowser(rig.app).signIn('admin');
    const bank = new TestBrowser(rig.app);
    const token = await bank.csrf();
    bank.cookies[STAFF_COOKIE] = staff.session!;
    expect((await bank.login('ESCHNEIDER08', 'Emma.Demo2026')).status).toBe(200);
    const holder = await seedHolder(rig.services);
    const challenge = (await bank.get('/api/recovery/captcha')).body;
    const altcha = await solvePayload(challenge as never);
    expect((await bank.post('/api/recovery/start', { documentType: 'DNI', document: holder.customer.document_number, pan: holder.pan, pin: holder.pin, altcha })).status).toBe(200);
    const cookies = { ...bank.cookies };
    expect(Object.keys(cookies).sort()).toEqual(['cerrojo_csrf', 'cerrojo_recovery', 'cerrojo_session', 'cerrojo_staff']);
    const foreign = await new TestBrowser(rig.app).csrf();

    // Sign-outs last, so the sessions live for every other route.
    const routes = listRoutes(rig.app)
      .filter((r) => STATE_CHANGING.has(r.method) && !exemption(r.url))
      .sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    expect(routes.length).toBeGreaterThan(25);
    const checked: string[] = [];
    for (const route of routes) {
      const s = schemas.get(`${route.method} ${route.url}`);
      const request = requestFor(route, s);
      const name = `${route.method} ${route.url}`;
      for (const [why, headers] of Object.entries({ missing: {}, foreign: { [CSRF_HEADER]: foreign }, forged: { [CSRF_HEADER]: 'x'.repeat(token.length) } })) {
        const res = await rig.app.inject({ ...request, cookies, headers: { ...request.headers, ...headers } });
        expect({ route: name, why, status: res.statusCode, reason: reasonOf(res.body) }).toEqual({ route: name, why, status: 403, reason: 'csrf' });
      }
      // With its token the same request gets past the CSRF check (whatever it then answers).
      const res = await rig.app.inject({ ...request, cookies, headers: { ...request.headers, [CSRF_HEADER]: token } });
      expect(reasonOf(res.body), `${name} with its token: ${res.statusCode} ${res.body}`).not.toBe('csrf');
      expect(res.statusCode, `${name} with its token: ${res.body}`).toBeLessThan(500);
      checked.push(name);
    }
    expect(checked).toEqual(expect.arrayContaining(['POST /api/recovery/start', 'POST /api/banking/login', 'POST /api/staff/login', 'PATCH /api/cases/:id', 'PUT /api/drafts/:id']));
  });
});

function reasonOf(body: string): unknown {
  try {
    return (JSON.parse(body) as { reason?: unknown }).reason;
  } catch {
    return undefined;
  }
}

/** The route's URL with each path parameter filled by a value its schema accepts. */
function fill(url: string, s: RouteSchemas | undefined): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(s?.params[name] ? sampleFitting(s.params[name]) : randomUUID())));
}

/** A request the route's schemas accept: path parameters, required query and a JSON body. */
function requestFor(route: RouteEntry, s: RouteSchemas | undefined) {
  const query = Object.entries(s?.query ?? {}).filter(([, q]) => q.required);
  const search = query.length ? `?${new URLSearchParams(query.map(([k, q]) => [k, String(sampleFitting(q.schema))])).toString()}` : '';
  const body = s?.body['application/json'];
  return {
    method: route.method as 'POST',
    url: fill(route.url, s) + search,
    headers: body ? { 'content-type': 'application/json' } : ({} as Record<string, string>),
    ...(body ? { payload: JSON.stringify(sampleFitting(body)) } : {}),
  };
}


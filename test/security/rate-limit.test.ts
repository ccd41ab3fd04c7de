import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { DEMO_STAFF } from '../../src/demo/demo-staff.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { CSRF_HEADER } from '../../src/http/csrf.ts';
import { newCallSid, parseTwiml, signedPost } from '../../src/ivr/test-phone.ts';
import { ivrText } from '../../src/ivr/text.ts';
import { staffDb } from '../../src/staff/schema.ts';
import { describeEachDatabase, testServices } from '../helpers/db.ts';
import { testRedisUrl } from '../helpers/redis.ts';
import { BASE, DEV_TWILIO_AUTH_TOKEN, knownSecrets, leaks, openRig, type Rig } from './support.ts';

/**
 * Issue 14, finding 8: the credential routes are throttled by source and by identity, the source
 * is the socket's address unless a trusted proxy says otherwise, and the counts can live in a
 * store every instance shares. Each test sets the limits it proves (the rig's are out of reach).
 */

const SHIPPED = loadConfig({ CERROJO_DEV: 'true' }).rateLimit;

/** A client at one address: its own CSRF cookie and token, and headers it adds to every request (a forged X-Forwarded-For). */
class Client {
  private cookies: Record<string, string> = {};
  private token: string | undefined;
  constructor(
    private readonly app: App,
    readonly ip = '203.0.113.7',
    private readonly headers: Record<string, string> = {},
  ) {}

  async post(url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) {
    if (!this.token) {
      const res = await this.app.inject({ url: '/api/csrf', remoteAddress: this.ip, headers: this.headers });
      for (const c of res.cookies) this.cookies[c.name] = c.value;
      this.token = res.json<{ token: string }>().token;
    }
    const res = await this.app.inject({ method: 'POST', url, remoteAddress: this.ip, cookies: this.cookies, headers: { ...this.headers, ...headers, [CSRF_HEADER]: this.token }, payload });
    for (const c of res.cookies) this.cookies[c.name] = c.value;
    return { status: res.statusCode, body: res.json<Record<string, unknown>>(), retryAfter: res.headers['retry-after'] };
  }
}

const login = (c: Client, userCode: string, headers?: Record<string, string>) => c.post('/api/banking/login', { userCode, password: 'Wrong.Password1' }, headers);
const statuses = (replies: { status: number }[]) => replies.map((r) => r.status);
const sequential = async <T>(n: number, fn: (i: number) => Promise<T>) => {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
};

async function metric(app: App, route: string, kind: string): Promise<number> {
  const text = (await app.inject({ url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`cerrojo_rate_limited_total{route="${route}",kind="${kind}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describeEachDatabase('security: rate limits on the credential routes (finding 8)', (backend) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await openRig(backend, {
      'rateLimit.login': { perIp: 5, perIdentity: 3 },
      'rateLimit.recovery': { perIp: 3, perIdentity: 2 },
      'rateLimit.deviceLink': { perIp: 3, perIdentity: 100 },
      // The shipped staff limits: the test proves those hold against a lockout by name.
      'rateLimit.staffLogin': SHIPPED.staffLogin,
      'rateLimit.ivrCalls': { perCaller: 2 },
    });
  });
  afterAll(async () => {
    expect(leaks(rig.logLines, knownSecrets(rig))).toEqual([]);
    await rig.close();
  });

  it('password spraying across accounts from one address is refused past the limit, before any password is checked, and counted in /metrics', async () => {
    const users = await rig.services.db.selectFrom('online_banking_users').select('user_code').orderBy('user_code').execute();
    const codes = [...users.map((u) => u.user_code), ...Array.from({ length: 12 }, (_, i) => `SPRAY${i}`)].slice(0, 12);
    const sprayer = new Client(rig.app, '198.51.100.10');
    const replies = await sequential(codes.length, (i) => login(sprayer, codes[i]!));
    // The first five are checked (wrong password, or a blocked account's answer); the rest are refused.
    expect(statuses(replies).slice(0, 5)).not.toContain(429);
    expect(statuses(replies).slice(5)).toEqual(Array(7).fill(429));
    expect(replies[5]!.body).toMatchObject({ error: 'too_many', reason: 'rate_limited' });
    expect(Number(replies[5]!.retryAfter)).toBeGreaterThan(0);
    expect(Number(replies[5]!.retryAfter)).toBeLessThanOrEqual(SHIPPED.windowSeconds);
    // The refused guesses never reached an account: no failure counted against them.
    const refused = await rig.services.db.selectFrom('online_banking_users').select('failed_logins').where('user_code', 'in', codes.slice(5)).execute();
    for (const r of refused) expect(r.failed_logins).toBe(0);
    expect(await metric(rig.app, 'login', 'ip')).toBe(7);
    // Another address is not throttled by this one.
    expect((await login(new Client(rig.app, '198.51.100.11'), 'SPRAY0')).status).toBe(401);
  });

  it('a forged X-Forwarded-For does not escape the limit: without trusted proxies the socket address counts', async () => {
    const replies = await sequential(7, (i) => login(new Client(rig.app, '198.51.100.20', { 'x-forwarded-for': `10.9.${i}.1` }), `FORGED${i}`));
    expect(statuses(replies)).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('many addresses guessing one user code are refused by the limit per identity', async () => {
    const replies = await sequential(5, (i) => login(new Client(rig.app, `192.0.2.${10 + i}`), 'ONEVICTIM'));
    expect(statuses(replies)).toEqual([401, 401, 401, 429, 429]);
    // The same user code in another case or with spaces is the same identity.
    expect((await login(new Client(rig.app, '192.0.2.40'), ' onevictim ')).status).toBe(429);
    expect(await metric(rig.app, 'login', 'identity')).toBe(3);
  });

  it('recovery step 1 is throttled by address and by document; step 2 by address', async () => {
    const start = (c: Client, document: string) => c.post('/api/recovery/start', { documentType: 'DNI', document, pan: '4000000000000002', pin: '0000' });
    const one = new Client(rig.app, '198.51.100.30');
    const byIp = await sequential(4, (i) => start(one, `1234567${i}Z`));
    expect(statuses(byIp).slice(0, 3)).not.toContain(429);
    expect(byIp[3]!.status).toBe(429);
    const byDocument = await sequential(3, (i) => start(new Client(rig.app, `198.51.100.${31 + i}`), '99999999R'));
    expect(statuses(byDocument)[2]).toBe(429);
    // Step 2 counts on its own: the address step 1 exhausted still gets its tries at step 2.
    const confirmer = new Client(rig.app, '198.51.100.30');
    const confirms = await sequential(4, () => confirmer.post('/api/recovery/confirm', { code: '123456' }));
    expect(statuses(confirms).slice(0, 3)).not.toContain(429);
    expect(confirms[3]!.status).toBe(429);
  });

  it('device link requests and confirmations are throttled by address', async () => {
    const c = new Client(rig.app, '198.51.100.50');
    const replies = await sequential(4, (i) => (i % 2 ? c.post('/api/banking/devices/00000000-0000-0000-0000-000000000001/confirm', { code: '123456' }) : c.post('/api/banking/devices', { name: 'Phone', platform: 'android' })));
    expect(statuses(replies).slice(0, 3)).not.toContain(429);
    expect(replies[3]!.status).toBe(429);
  });

  it('staff sign-in: one address trying every agent by name is throttled before any account locks (finding 10)', async () => {
    const attacker = new Client(rig.app, '198.51.100.60');
    const names = DEMO_STAFF.map((s) => s.username);
    const tries = SHIPPED.staffLogin.perIp + 5;
    const replies = await sequential(tries, (i) => attacker.post('/api/staff/login', { username: names[i % names.length]!, password: 'Wrong.Password1' }));
    expect(statuses(replies)).toEqual([...Array(SHIPPED.staffLogin.perIp).fill(401), ...Array(5).fill(429)]);
    expect(replies.at(-1)!.body).toMatchObject({ reason: 'rate_limited' });
    const locked = await staffDb(rig.services.db).selectFrom('staff_accounts').select('id').where('locked_until', 'is not', null).execute();
    expect(locked).toEqual([]);
    // Every agent still signs in, from their own address.
    for (const [i, s] of DEMO_STAFF.entries()) {
      expect((await new Client(rig.app, `10.20.0.${i + 1}`).post('/api/staff/login', { username: s.username, password: s.password })).status).toBe(200);
    }
  });

  it('IVR: calls from one number past the limit hear a polite message and the call ends (never an error)', async () => {
    const call = (from: string) => signedPost(rig.app, `${BASE}/ivr/twilio/voice`, { CallSid: newCallSid(), To: '+34950979971', From: from }, DEV_TWILIO_AUTH_TOKEN);
    const heard = await sequential(3, () => call('+34600111222'));
    expect(heard.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(parseTwiml(heard[1]!.body).says.map((s) => s.text)).not.toContain(ivrText('ivr.rate_limited', 'es'));
    const refused = parseTwiml(heard[2]!.body);
    expect(refused.says.map((s) => s.text)).toEqual([ivrText('ivr.rate_limited', 'es')]);
    expect(refused.hangup).toBe(true);
    // Another caller is not affected.
    expect(parseTwiml((await call('+34600999888')).body).says.map((s) => s.text)).not.toContain(ivrText('ivr.rate_limited', 'es'));
    expect(await metric(rig.app, 'ivrCalls', 'identity')).toBe(1);
  });
});

describeEachDatabase('security: trusted proxies (finding 8)', (backend) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await openRig(backend, { trustedProxies: '10.0.0.0/8', 'rateLimit.login': { perIp: 2, perIdentity: 100 } }, { demo: false });
  });
  afterAll(() => rig.close());

  it('behind a trusted proxy each forwarded client counts on its own; a client the proxy does not vouch for is its socket', async () => {
    const viaProxy = (client: string) => new Client(rig.app, '10.1.2.3', { 'x-forwarded-for': client });
    expect(statuses(await sequential(3, (i) => login(viaProxy(`203.0.113.${i + 1}`), `P${i}`)))).toEqual([401, 401, 401]);
    expect(statuses(await sequential(3, (i) => login(viaProxy('203.0.113.50'), `Q${i}`)))).toEqual([401, 401, 429]);
    // Not from a trusted proxy: the header is ignored and the socket address counts.
    const direct = (i: number) => new Client(rig.app, '198.51.100.99', { 'x-forwarded-for': `203.0.113.${100 + i}` });
    expect(statuses(await sequential(3, (i) => login(direct(i), `R${i}`)))).toEqual([401, 401, 429]);
  });
});

/** Two instances (two apps) over one store: a count made on one is seen by the other. */
async function sharedCount(appA: App, appB: App) {
  const a = new Client(appA, '198.51.100.200');
  const b = new Client(appB, '198.51.100.200');
  return statuses([await login(a, 'S1'), await login(b, 'S2'), await login(a, 'S3'), await login(b, 'S4')]);
}

describeEachDatabase('security: two instances share the PostgreSQL rate-limit store (finding 8)', (backend) => {
  it('the count and its window are shared; a window that ended starts again', async () => {
    const rigA = await openRig(backend, { 'rateLimit.store': 'postgres', 'rateLimit.login': { perIp: 3, perIdentity: 100 } }, { demo: false });
    const appB = await buildApp({ ...rigA.services }, { logger: false });
    try {
      expect(await sharedCount(rigA.app, appB)).toEqual([401, 401, 401, 429]);
      rigA.services.clock.advance(SHIPPED.windowSeconds * 1000 + 1);
      expect((await login(new Client(appB, '198.51.100.200'), 'S5')).status).toBe(401);
    } finally {
      await appB.close();
      await rigA.close();
    }
  }, 90_000);
});

describeEachDatabase('security: the PostgreSQL store counts address and identity in one statement (finding 8)', (backend) => {
  it('a request the address limit refuses does not count against the identity it names', async () => {
    const rig = await openRig(backend, { 'rateLimit.store': 'postgres', 'rateLimit.login': { perIp: 2, perIdentity: 3 } }, { demo: false });
    try {
      const x = new Client(rig.app, '198.51.100.210');
      expect(statuses([await login(x, 'PAIRVICTIM'), await login(x, 'PAIRVICTIM'), await login(x, 'PAIRVICTIM')])).toEqual([401, 401, 429]);
      // Two counted against the identity, not three: a third address-allowed try is still checked, the fourth refused.
      expect((await login(new Client(rig.app, '198.51.100.211'), 'PAIRVICTIM')).status).toBe(401);
      expect((await login(new Client(rig.app, '198.51.100.212'), 'PAIRVICTIM')).status).toBe(429);
      expect(await metric(rig.app, 'login', 'ip')).toBe(1);
      expect(await metric(rig.app, 'login', 'identity')).toBe(1);
    } finally {
      await rig.close();
    }
  }, 90_000);
});

const redisUrl = testRedisUrl();
describe.skipIf(!redisUrl)('security: two instances share the Redis rate-limit store (finding 8)', () => {
  it('the count is shared through Redis', async () => {
    const { freshDatabase } = await import('../helpers/db.ts');
    const database = await freshDatabase({ name: 'pglite' });
    const overrides = { 'rateLimit.redisUrl': redisUrl, 'rateLimit.keyPrefix': `cerrojo-test:${Date.now()}:${Math.random()}:`, 'rateLimit.login': { perIp: 3, perIdentity: 100 } };
    const services = testServices(database, overrides);
    const appA = await buildApp(services, { logger: false });
    const appB = await buildApp(testServices(database, overrides), { logger: false });
    try {
      expect(await sharedCount(appA, appB)).toEqual([401, 401, 401, 429]);
    } finally {
      await appA.close();
      await appB.close();
      await database.drop();
    }
  }, 90_000);
});

describe('security: a rate-limit store that cannot be reached (finding 8)', () => {
  it('lets sign-ins through, logged, rather than failing them: never a 500', async () => {
    const { freshDatabase } = await import('../helpers/db.ts');
    const database = await freshDatabase({ name: 'pglite' });
    const lines: string[] = [];
    const app = await buildApp(testServices(database, { logLevel: 'info', 'rateLimit.redisUrl': 'redis://127.0.0.1:1', 'rateLimit.login': { perIp: 1, perIdentity: 1 } }), { logger: true, logStream: { write: (l) => void lines.push(l) } });
    try {
      const c = new Client(app, '198.51.100.250');
      expect(statuses([await login(c, 'DOWN1'), await login(c, 'DOWN2')])).toEqual([401, 401]);
      expect(lines.some((l) => l.includes('rate limit: Redis'))).toBe(true);
    } finally {
      await app.close();
      await database.drop();
    }
  }, 90_000);
});

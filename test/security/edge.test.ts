import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { browserBackend, freshDatabase, TEST_ADMIN_TOKEN, TEST_AUDIT_KEY, TEST_SECRET_KEY, testServices, type TestDatabase } from '../helpers/db.ts';
import { buildWeb, PRODUCTION_MODE } from '../helpers/web.ts';

/**
 * Issue 14, the HTTP edge of a production server as an outside review met it: security headers
 * (finding 7), query strings in log lines (12), the address dev mode listens on (13), metrics,
 * API docs and dev-tool pages open in production (14), and TwiML URLs taken from a forwarded
 * host (15). Each test states the attack and asserts it now fails; the slow-client timeouts
 * (11) are in `slow-clients.test.ts`.
 */

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const QUERY_SECRETS = '?password=secret&pin=1234';

describe(`security: the HTTP edge in production and dev mode [${browserBackend().name}]`, () => {
  let database: TestDatabase;
  let webDir: string;
  const apps: App[] = [];
  /** An app over the shared database with `overrides`, logging into `lines` when given. */
  async function app(overrides: Record<string, unknown>, lines?: string[]): Promise<App> {
    const built = await buildApp(testServices(database, { logLevel: 'info', ...overrides }), lines ? { webDir, logStream: { write: (l) => void lines.push(l) } } : { webDir, logger: false });
    apps.push(built);
    await built.ready();
    return built;
  }

  beforeAll(async () => {
    [database, webDir] = await Promise.all([freshDatabase(browserBackend()), buildWeb()]);
  }, 120_000);
  afterAll(async () => {
    for (const a of apps) await a.close();
    await database?.drop();
  });

  describe('finding 7: security headers on every answer', () => {
    const CSP_DIRECTIVES = [
      "default-src 'self'",
      "base-uri 'none'",
      "object-src 'none'",
      "script-src 'self'",
      "script-src-attr 'none'",
      "style-src 'self'",
      "worker-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ];

    it('sends CSP, X-Frame-Options DENY, nosniff and no-referrer on pages, API answers and 404s; HSTS only in production', async () => {
      const dev = await app({});
      const production = await app(PRODUCTION_MODE);
      for (const [mode, a] of [['dev', dev], ['production', production]] as const) {
        for (const url of ['/', '/banking', '/api/csrf', '/healthz', '/no-such-page', '/favicon.svg']) {
          const res = await a.inject(url);
          const csp = String(res.headers['content-security-policy'] ?? '');
          for (const directive of CSP_DIRECTIVES) expect(csp, `${mode} ${url}`).toContain(directive);
          // Nothing inline and nothing from elsewhere: no 'unsafe-*', no blob:, no other host.
          expect(csp, `${mode} ${url}`).not.toMatch(/unsafe-|blob:|https?:/);
          expect(res.headers['x-frame-options'], `${mode} ${url}`).toBe('DENY');
          expect(res.headers['x-content-type-options'], `${mode} ${url}`).toBe('nosniff');
          expect(res.headers['referrer-policy'], `${mode} ${url}`).toBe('no-referrer');
          const hsts = res.headers['strict-transport-security'];
          if (mode === 'dev') expect(hsts, `${mode} ${url}`).toBeUndefined();
          else {
            expect(hsts, url).toMatch(/includeSubDomains/);
            expect(Number(/max-age=(\d+)/.exec(String(hsts))?.[1]), url).toBeGreaterThanOrEqual(31_536_000); // ASVS 5.0 3.4.1: a year
          }
        }
      }
    });

    it('allows inline styles on the Swagger UI pages alone (its bundle injects a <style>)', async () => {
      const docs = await (await app({})).inject('/docs');
      expect(docs.statusCode).toBe(200);
      const csp = String(docs.headers['content-security-policy']);
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
    });
  });

  describe('finding 12: no log line carries a query string', () => {
    it('logs the path of a 404, a 200, a 400 and a 401 without `?password=…&pin=…`', async () => {
      const lines: string[] = [];
      const a = await app({}, lines);
      expect((await a.inject(`/no-such-route${QUERY_SECRETS}`)).statusCode).toBe(404);
      expect((await a.inject(`/healthz${QUERY_SECRETS}`)).statusCode).toBe(200);
      expect((await a.inject({ method: 'GET', url: `/api/admin/customers/X${QUERY_SECRETS}` })).statusCode).toBe(401);
      expect((await a.inject(`/api/dev/messages${QUERY_SECRETS}&limit=0`)).statusCode).toBe(400);
      expect((await a.inject({ method: 'POST', url: `/api/banking/login${QUERY_SECRETS}`, payload: 'not json', headers: { 'content-type': 'application/json' } })).statusCode).toBeGreaterThanOrEqual(400);
      expect(lines.length).toBeGreaterThanOrEqual(5);
      const leaking = lines.filter((l) => /password=|pin=1234|\?/.test(l));
      expect(leaking).toEqual([]);
      // The lines are there, with the path: the request is still traceable.
      const notFound = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.path === '/no-such-route');
      expect(notFound.map((l) => l.msg)).toEqual(expect.arrayContaining(['route not found', 'request']));
    });
  });

  describe('finding 14: metrics, API docs and the dev tools in production', () => {
    it('does not serve /metrics in production without a token', async () => {
      const production = await app(PRODUCTION_MODE);
      expect((await production.inject('/metrics')).statusCode).toBe(404);
    });

    it('asks for the metrics token as a bearer token, compared whole', async () => {
      const production = await app({ ...PRODUCTION_MODE, metricsToken: METRICS_TOKEN });
      const scrape = (authorization?: string) => production.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      for (const wrong of [undefined, 'Bearer', `Bearer ${METRICS_TOKEN.slice(0, -1)}`, `Bearer ${METRICS_TOKEN}x`, `Basic ${METRICS_TOKEN}`, `Bearer ${TEST_ADMIN_TOKEN}`]) {
        const res = await scrape(wrong);
        expect(res.statusCode, String(wrong)).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(res.body).not.toContain('http_request_duration_seconds');
      }
      const ok = await scrape(`Bearer ${METRICS_TOKEN}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('http_request_duration_seconds');
    });

    it('keeps /metrics open in dev mode unless a token is set', async () => {
      expect((await (await app({})).inject('/metrics')).statusCode).toBe(200);
      expect((await (await app({ metricsToken: METRICS_TOKEN })).inject('/metrics')).statusCode).toBe(401);
    });

    it('serves no API documentation in production unless turned on', async () => {
      const production = await app(PRODUCTION_MODE);
      for (const url of ['/docs', '/docs/json', '/docs/yaml', '/docs/static/index.html']) expect((await production.inject(url)).statusCode, url).toBe(404);
      const opened = await app({ ...PRODUCTION_MODE, apiDocs: true });
      expect((await opened.inject('/docs/json')).statusCode).toBe(200);
      const closedInDev = await app({ apiDocs: false });
      expect((await closedInDev.inject('/docs/json')).statusCode).toBe(404);
    });

    it('does not serve the web phone or the sent-messages pages in production', async () => {
      const production = await app(PRODUCTION_MODE);
      for (const url of ['/phone', '/dev/messages', '/phone?lang=en']) expect((await production.inject(url)).statusCode, url).toBe(404);
      // The customer and staff faces are served as before; the dev tools are, in dev mode.
      for (const url of ['/', '/recovery', '/banking', '/console']) expect((await production.inject(url)).statusCode, url).toBe(200);
      const dev = await app({});
      for (const url of ['/phone', '/dev/messages']) expect((await dev.inject(url)).statusCode, url).toBe(200);
    });
  });

  describe('finding 15: TwiML URLs never come from a forwarded host', () => {
    const production = { SECRET_KEY: TEST_SECRET_KEY, ADMIN_TOKEN: TEST_ADMIN_TOKEN, AUDIT_KEY: TEST_AUDIT_KEY, NOTIFY_EMAIL: 'smtp', SMTP_URL: 'smtp://127.0.0.1:2525', NOTIFY_SMS: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'tok', TWILIO_FROM: '+34950000000' };

    it('refuses to start in production without PUBLIC_BASE_URL while the IVR is on, saying why', () => {
      expect(() => loadConfig(production)).toThrowError(ConfigError);
      expect(() => loadConfig(production)).toThrowError(/"publicBaseUrl \(PUBLIC_BASE_URL\)": required outside dev mode while the IVR is on.*X-Forwarded-Host.*IVR_ENABLED=false/);
      expect(loadConfig({ ...production, PUBLIC_BASE_URL: 'https://cerrojo.example-bank.es' }).publicBaseUrl).toBe('https://cerrojo.example-bank.es');
      // Dev mode keeps working without it (the request's own origin, on a laptop).
      expect(loadConfig({ CERROJO_DEV: 'true' }).publicBaseUrl).toBeUndefined();
    });

    it('`cerrojo serve` exits 2 with that message', () => {
      const { DATABASE_URL: _d, PUBLIC_BASE_URL: _p, CERROJO_CONFIG: _c, ...rest } = process.env;
      const res = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'bin', 'cerrojo.mjs'), 'serve'], {
        env: { ...rest, ...production, DATA_DIR: mkdtempSync(join(tmpdir(), 'cerrojo-edge-')) },
        encoding: 'utf8',
      });
      expect(res.status).toBe(2);
      expect(res.stderr).toContain('Invalid configuration "publicBaseUrl (PUBLIC_BASE_URL)"');
    }, 30_000);

    it('starts without it when the IVR is off, and then answers no webhook', async () => {
      const config = loadConfig({ ...production, IVR_ENABLED: 'false' });
      expect(config.ivr.enabled).toBe(false);
      const off = await app({ ...PRODUCTION_MODE, publicBaseUrl: undefined, 'ivr.enabled': false });
      for (const url of ['/ivr/twilio/voice', '/ivr/twilio/turn?turn=1', '/ivr/twilio/status']) {
        const res = await off.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-host': 'evil.example' }, payload: 'CallSid=CA1&To=%2B34950183313' });
        expect(res.statusCode, url).toBe(404);
      }
    });
  });
});

describe('finding 13: the address the server listens on', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });
  const base = { SECRET_KEY: TEST_SECRET_KEY, ADMIN_TOKEN: TEST_ADMIN_TOKEN, AUDIT_KEY: TEST_AUDIT_KEY, PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: 'memory', NOTIFY_RUN_WORKER: 'false' };
  async function boundAddress(env: Record<string, string>): Promise<string> {
    const server = await startServer(loadConfig(env, {}, undefined));
    servers.push(server);
    const address = server.app.server.address();
    return typeof address === 'object' && address !== null ? address.address : String(address);
  }

  it('binds dev mode to loopback unless HOST says otherwise', async () => {
    expect(await boundAddress({ ...base, CERROJO_DEV: 'true' })).toBe('127.0.0.1');
    expect(await boundAddress({ ...base, CERROJO_DEV: 'true', HOST: '0.0.0.0' })).toBe('0.0.0.0');
  }, 60_000);

  it('keeps production on every interface by default, or on the configured host', async () => {
    const production = { ...base, NOTIFY_EMAIL: 'smtp', SMTP_URL: 'smtp://127.0.0.1:2525', NOTIFY_SMS: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'tok', TWILIO_FROM: '+34950000000', PUBLIC_BASE_URL: 'https://cerrojo.example-bank.es' };
    expect(await boundAddress(production)).toBe('0.0.0.0');
    expect(await boundAddress({ ...production, HOST: '127.0.0.1' })).toBe('127.0.0.1');
  }, 60_000);
});

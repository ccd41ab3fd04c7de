import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_TWILIO_AUTH_TOKEN } from '../../src/ivr/settings.ts';
import { newCallSid, sign } from '../../src/ivr/softphone.ts';
import { enqueueMessage } from '../../src/notify/outbox.ts';
import type { Database } from '../../src/platform/db/database.ts';
import type { Services } from '../../src/platform/services.ts';
import { TEST_ADMIN_TOKEN, TEST_AUDIT_KEY, TEST_SECRET_KEY } from '../helpers/db.ts';
import { BASE, ServerProcess, UNLOCK, killAllServers, pause, testSide, waitFor } from './helpers.ts';
import { PgCluster, postgresBin } from './pg-cluster.ts';

/**
 * Issue 7, point 4: PostgreSQL stops (as a crash: `pg_ctl stop -m immediate`) under load and
 * starts again. Every answer in between must be a clean refusal (503, a JSON error, Retry-After),
 * never a 500, a hung request or a dead process, and the same process must serve again on its
 * own once PostgreSQL is back. The cluster is the test's own (initdb in a temporary folder, its
 * own port): the server the other tests share is never stopped.
 */
const bin = postgresBin();
if (!bin && process.env.CI === 'true') throw new Error('CI=true but PostgreSQL server programs (initdb, pg_ctl) were not found: the restart test is mandatory in CI');
if (!bin) console.warn('[cerrojo reliability] PostgreSQL restart: skipped, initdb/pg_ctl not found (see /usr/lib/postgresql/*/bin or pg_config --bindir).');

/** No request may take longer than this, outage or not. */
const BOUND_MS = 10_000;
/** The service must serve again within this after PostgreSQL accepts connections. */
const RECOVERY_MS = 30_000;
const LOOPS = 4;

type Route = 'healthz' | 'readyz' | 'messages' | 'alert' | 'ivr';
const ROUTES: Route[] = ['healthz', 'readyz', 'messages', 'alert', 'ivr'];
const DB_ROUTES: Route[] = ['readyz', 'messages', 'alert', 'ivr'];

interface Answer {
  route: Route;
  started: number;
  ended: number;
  status: number;
  body: string;
  retryAfter: string | null;
  /** A network error or the bound passed: never acceptable. */
  error?: string;
}

describe.skipIf(!bin)('PostgreSQL restarted under load', () => {
  let cluster: PgCluster;
  let server: ServerProcess;
  let side: { database: Database; services: Services } | undefined;
  const log = () => `--- server\n${server?.problems().slice(-30_000)}\n--- postgres\n${cluster?.log()}`;

  beforeAll(async () => {
    cluster = await PgCluster.create(bin!);
    await cluster.start();
    // Dev mode: demo data (the alerts' customer), the dev message sink, the dev webhook token.
    server = await ServerProcess.start('server', { env: { DATABASE_URL: cluster.url, CERROJO_DEV: 'true', SECRET_KEY: TEST_SECRET_KEY, ADMIN_TOKEN: TEST_ADMIN_TOKEN, AUDIT_KEY: TEST_AUDIT_KEY, PUBLIC_BASE_URL: BASE } });
  }, 90_000);

  afterAll(async () => {
    await killAllServers();
    await side?.database.close();
    await cluster?.destroy();
  });

  let alerts = 0;
  // Each call from its own number, as a line under load gets them: one caller ringing again and
  // again would meet the IVR's per-caller limit (rateLimit.ivrCalls) instead of the database.
  let callers = 0;
  const nextCaller = () => `+3461${String(2_000_000 + ++callers).padStart(7, '0')}`;
  async function request(route: Route): Promise<Answer> {
    const started = Date.now();
    const signal = AbortSignal.timeout(BOUND_MS);
    let init: RequestInit & { path: string };
    if (route === 'messages') init = { path: '/api/dev/messages?limit=1' };
    else if (route === 'alert') {
      const body = JSON.stringify({ sourceAlertId: `REL-${++alerts}`, customer: { externalId: 'DEMO-C002' }, situation: 'login_new_location' });
      init = { path: '/api/alerts', method: 'POST', body, headers: { 'content-type': 'application/json', 'x-alert-source': 'fraud-engine', 'x-api-key': 'dev-fraud-engine-key-not-secret' } };
    } else if (route === 'ivr') {
      const params = { CallSid: newCallSid(), To: UNLOCK, From: nextCaller(), CallStatus: 'ringing', Direction: 'inbound' };
      const signature = sign(DEV_TWILIO_AUTH_TOKEN, `${BASE}/ivr/twilio/voice`, params);
      init = { path: '/ivr/twilio/voice', method: 'POST', body: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } };
    } else init = { path: `/${route}` };
    try {
      const res = await fetch(`${server.base}${init.path}`, { ...init, signal });
      const body = await res.text();
      return { route, started, ended: Date.now(), status: res.status, body, retryAfter: res.headers.get('retry-after') };
    } catch (err) {
      return { route, started, ended: Date.now(), status: 0, body: '', retryAfter: null, error: String((err as Error).cause ?? err) };
    }
  }

  /** Why an answer is not acceptable at any moment, or null when it is. */
  function problem(a: Answer): string | null {
    if (a.error) return `no answer: ${a.error}`;
    if (a.status === 503) {
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(a.body) as Record<string, unknown>;
      } catch {
        return 'a 503 without a JSON body';
      }
      if (a.route === 'readyz') return json.status === 'unavailable' ? null : 'readyz 503 without status "unavailable"';
      if (json.error !== 'unavailable' || typeof json.message !== 'string') return 'a 503 whose body is not the "unavailable" error';
      return a.retryAfter && Number(a.retryAfter) > 0 ? null : 'a 503 without Retry-After';
    }
    if (a.route === 'ivr') {
      if (a.status !== 200) return `IVR answered ${a.status}`;
      // A normal first turn (the language menu), or the apology and the transfer to an agent.
      return /<Gather/.test(a.body) || /<Dial[^>]*>\+?\d+<\/Dial>/.test(a.body) ? null : 'IVR TwiML neither a menu nor a transfer';
    }
    return a.status >= 200 && a.status < 300 ? null : `answered ${a.status}`;
  }
  const ok = (a: Answer) => !a.error && a.status >= 200 && a.status < 300 && (a.route !== 'ivr' || /<Gather/.test(a.body));

  it('every answer during the outage is a clean 503; the same process serves again on its own', async () => {
    const answers: Answer[] = [];
    let running = true;
    const loops = Array.from({ length: LOOPS }, async (_, i) => {
      for (let n = i; running; n++) {
        answers.push(await request(ROUTES[n % ROUTES.length]!));
        await pause(10); // a steady load, not a busy loop of instant 503s
      }
    });
    const since = (t: number, route: Route, pick: (a: Answer) => boolean = () => true) => answers.filter((a) => a.route === route && a.started >= t && pick(a)).length;

    try {
      // Under load, all well.
      const t0 = Date.now();
      await waitFor('every route answering', () => ROUTES.every((r) => since(t0, r, ok) >= 3), 30_000, log);

      // PostgreSQL goes away as in a crash, and stays away until each route was tried a few times.
      await cluster.stop('immediate');
      const down = Date.now();
      await waitFor('answers during the outage', () => ROUTES.every((r) => since(down, r) >= 3), 30_000, log);
      const restarting = Date.now();
      await cluster.start();
      const up = Date.now();
      await waitFor('the service serving again', () => ROUTES.every((r) => since(up, r, ok) >= 1), RECOVERY_MS, log);
      running = false;
      await Promise.all(loops);

      const bad = answers.filter((a) => problem(a) !== null).map((a) => `${a.route} at +${a.started - t0} ms (${a.ended - a.started} ms): ${problem(a)} ${a.status} ${a.body.slice(0, 200)}`);
      expect(bad, bad.length ? log() : '').toEqual([]);
      // While PostgreSQL was down, nothing that needs it answered as if it were there.
      const outage = answers.filter((a) => a.started >= down && a.ended <= restarting);
      for (const route of DB_ROUTES) {
        const during = outage.filter((a) => a.route === route);
        expect(during.length, route).toBeGreaterThanOrEqual(3);
        if (route === 'ivr') expect(during.filter((a) => !/<Dial/.test(a.body)), route).toEqual([]);
        else expect(during.filter((a) => a.status !== 503), route).toEqual([]);
      }
      expect(outage.filter((a) => a.route === 'healthz' && a.status !== 200)).toEqual([]);
      expect(Math.max(...answers.map((a) => a.ended - a.started))).toBeLessThan(BOUND_MS);
      expect(server.running, log()).toBe(true);
    } finally {
      running = false;
      await Promise.all(loops);
    }

    // The same process, with no restart of its own: ready, and its delivery worker at work again.
    expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
    side = await testSide(cluster.url);
    const { id } = await side.database.db.transaction().execute((tx) => enqueueMessage(tx, side!.services, { channel: 'sms', to: '+34600000199', template: 'sms.password_changed', locale: 'es', params: {} }));
    await waitFor('the worker delivering again', async () => (await side!.database.db.selectFrom('dev_messages').select('id').where('outbox_id', '=', id).execute()).length === 1, 15_000, log);
  }, 120_000);
});

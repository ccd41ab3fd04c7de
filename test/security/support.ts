import { performance } from 'node:perf_hooks';
import { SOURCE, KEY_ONLY } from '../../src/backoffice/cases/test-support.ts';
import { DEV_ALERT_SOURCE } from '../../src/backoffice/alerts/auth.ts';
import { loadDemoData } from '../../src/demo/load.ts';
import { demoData } from '../../src/demo/demo-data.ts';
import { DEMO_STAFF } from '../../src/demo/demo-staff.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { DEV_TWILIO_AUTH_TOKEN } from '../../src/ivr/settings.ts';
import { BASE } from '../../src/ivr/test-fixtures.ts';
import { provisioningDeps } from '../../src/provisioning/deps.ts';
import { freshDatabase, TEST_ADMIN_TOKEN, TEST_SECRET_KEY, testServices, type Backend, type TestDatabase } from '../helpers/db.ts';
import { serviceAccountsConfig, TEST_SERVICE } from '../helpers/staff.ts';

/**
 * The security suite's rig (issue 7): the whole app over a fresh database with the demo bank,
 * driven over HTTP only (`app.inject`), its request log on and captured line by line so every
 * test can check that no secret reached it.
 */

export { BASE, DEV_TWILIO_AUTH_TOKEN, SOURCE, KEY_ONLY };

export type RigServices = ReturnType<typeof testServices>;

export interface Rig {
  app: App;
  services: RigServices;
  database: TestDatabase;
  /** Every log line the app wrote, raw (pino JSON). */
  logLines: string[];
  close(): Promise<void>;
}

/**
 * The configuration the suite runs with: the defaults of every limit (so the limits proven are
 * the shipped ones), the request log at `info`, signed webhook URLs under `BASE`, two alert
 * sources, and a cheap captcha (the proof of work is the client's cost, not the server's).
 */
export const RIG_CONFIG: Record<string, unknown> = {
  logLevel: 'info',
  publicBaseUrl: BASE,
  'web.captchaMaxNumber': 1000,
  'backoffice.alertSources': [SOURCE, KEY_ONLY],
  serviceAccounts: serviceAccountsConfig(TEST_SERVICE),
};

export async function openRig(backend: Backend, overrides: Record<string, unknown> = {}, options: { demo?: boolean } = {}): Promise<Rig> {
  const database = await freshDatabase(backend);
  const services = testServices(database, { ...RIG_CONFIG, ...overrides });
  if (options.demo !== false) await loadDemoData(services.db, provisioningDeps(services, 'system'));
  const logLines: string[] = [];
  const app = await buildApp(services, { logger: true, logStream: { write: (line) => void logLines.push(line) } });
  await app.ready();
  return {
    app,
    services,
    database,
    logLines,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Routes, as the app itself lists them

export interface RouteEntry {
  method: string;
  /** Fastify's path: `/api/cases/:id`. */
  url: string;
}

/**
 * Every route the app answers, read from Fastify's own route tree (`printRoutes`), so a route
 * added tomorrow is enumerated without touching this suite. Each line of the tree is a path
 * segment under its parent (the depth is the column of its connector), with its methods.
 */
export function listRoutes(app: App): RouteEntry[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: RouteEntry[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth === 0 ? '' : stack[depth - 1]!) + m[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, url: path.startsWith('/') ? path : `/${path}` });
  }
  return routes;
}

export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// ---------------------------------------------------------------------------------------------
// Secrets, and finding them in log lines

/** Every secret the demo bank and the rig's configuration hold: what must never be logged. */
export function knownSecrets(rig: Pick<Rig, 'services'>): string[] {
  const data = demoData(rig.services.clock.now());
  const secrets = [TEST_SECRET_KEY, TEST_ADMIN_TOKEN, TEST_SERVICE.token, DEV_TWILIO_AUTH_TOKEN, SOURCE.key, SOURCE.hmacSecret, KEY_ONLY.key, DEV_ALERT_SOURCE.key, DEV_ALERT_SOURCE.hmacSecret];
  for (const c of data.customers) {
    for (const card of c.cards ?? []) {
      secrets.push(card.pan, card.pan.replace(/\D/g, ''));
      if (card.pin) secrets.push(card.pin);
    }
    if (c.onlineBanking?.password) secrets.push(c.onlineBanking.password);
    if (c.phoneBanking?.pin) secrets.push(c.phoneBanking.pin);
  }
  for (const s of DEMO_STAFF) secrets.push(s.password);
  return [...new Set(secrets)];
}

// Fields of a pino line that are ours, not the request's: numbers that could look like a PIN
// (the request line's duration `ms`, 1357.1, once matched the demo PIN 1357).
const METADATA = ['time', 'pid', 'hostname', 'responseTime', 'ms', 'reqId', 'remotePort'];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The log lines holding any of `secrets`, with the secret found. Long secrets are searched as
 * plain substrings; short ones (4-digit PINs, 6-digit codes) as whole tokens outside the
 * line's own metadata (time, pid, ports), so a timestamp or a UUID's hex cannot look like a PIN.
 */
export function leaks(lines: readonly string[], secrets: readonly string[]): { secret: string; line: string }[] {
  const patterns = secrets
    .filter((s) => s.length >= 4)
    .map((secret) => {
      const token = new RegExp(`(?<![\\w.-])${escape(secret)}(?![\\w-])`);
      return { secret, test: secret.length >= 10 ? (text: string) => text.includes(secret) : (text: string) => text.includes(secret) && token.test(text) };
    });
  const found: { secret: string; line: string }[] = [];
  for (const line of lines) {
    let text = line;
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      for (const key of METADATA) delete parsed[key];
      text = JSON.stringify(parsed);
    } catch {
      // Not JSON: search it whole.
    }
    for (const p of patterns) if (p.test(text)) found.push({ secret: p.secret, line });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Timing

export interface TimingResult {
  medians: Record<string, number>;
  samples: Record<string, number[]>;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Times each kind of request `rounds` times, interleaved (each round runs every kind once, in a
 * shuffled order), so a slow moment of the shared machine lands on every kind alike. Each kind
 * first prepares its sample untimed (a solved captcha, a call walked to its PIN turn) and hands
 * back the one request to time. Returns each kind's median in milliseconds.
 */
export async function interleavedTimings(kinds: Record<string, (i: number) => Promise<() => Promise<unknown>>>, rounds: number): Promise<TimingResult> {
  const names = Object.keys(kinds);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < rounds; i++) {
    const order = [...names].sort(() => Math.random() - 0.5);
    for (const name of order) {
      const timed = await kinds[name]!(i);
      const start = performance.now();
      await timed();
      samples[name]!.push(performance.now() - start);
    }
  }
  return { samples, medians: Object.fromEntries(names.map((n) => [n, median(samples[n]!)])) };
}

/**
 * The timing bound of the suite (docs/security-tests.md): two kinds of request are alike when
 * their medians differ by at most 25 % of the slower one, or by a floor of 8 ms capped at three
 * quarters of one argon2id verification timed in the same run (`hashMs`), whichever is larger.
 * The cap keeps the bound able to catch a skipped hash on a machine where argon2id is fast.
 */
export const TIMING_BOUND = { absoluteMs: 8, ofOneHash: 0.75, relative: 0.25 } as const;

export function timingAllowance(a: number, b: number, hashMs: number): number {
  const floor = Math.min(TIMING_BOUND.absoluteMs, TIMING_BOUND.ofOneHash * hashMs);
  return Math.max(floor, TIMING_BOUND.relative * Math.max(a, b));
}

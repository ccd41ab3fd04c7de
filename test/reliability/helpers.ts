import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Transport } from '../../src/ivr/softphone.ts';
import { ivrText } from '../../src/ivr/text.ts';
import { BASE, UNLOCK, type Caller } from '../../src/ivr/test-fixtures.ts';
import type { Database } from '../../src/platform/db/database.ts';
import type { Services } from '../../src/platform/services.ts';
import { openTestDatabase, TEST_ADMIN_TOKEN, TEST_AUDIT_KEY, TEST_SECRET_KEY, testServices } from '../helpers/db.ts';
import { TWILIO_SID } from './providers.ts';

/**
 * Shared pieces of the reliability suite (issue 7): real `cerrojo serve` processes, throwaway
 * databases, softphone transports and a condition poller. The providers that count what they
 * accept are in providers.ts, the throwaway PostgreSQL cluster in pg-cluster.ts. Method and
 * guarantees: docs/reliability.md.
 */

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'cerrojo.mjs');

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/**
 * The PostgreSQL server of the suite (TEST_DATABASE_URL), or undefined with a notice: these
 * tests are PostgreSQL only by design (many processes share one database; PGlite is embedded in
 * one process). In CI a missing URL fails the run instead of skipping.
 */
export function postgresUrl(suite: string): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI === 'true') throw new Error(`CI=true but TEST_DATABASE_URL is not set: ${suite} is mandatory in CI`);
  if (!url) console.warn(`[cerrojo reliability] ${suite}: skipped, TEST_DATABASE_URL is not set (PostgreSQL only by design).`);
  return url;
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A new empty database `cerrojo_t_<hex>` on the server of `adminUrl` (not migrated: the
 * servers started on it migrate it), dropped with `drop()` whoever is still connected.
 */
export async function scratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `cerrojo_t_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/**
 * The test's own services on a database the servers use: same secret key (so a PIN hashed here
 * verifies there and a body sealed here opens there), a clock frozen at the start.
 */
export async function testSide(url: string, overrides: Record<string, unknown> = {}): Promise<{ database: Database; services: Services }> {
  const database = await openTestDatabase({ url, poolSize: 5 });
  return { database, services: testServices(database, overrides) };
}

// ---------------------------------------------------------------------------------------------
// Server processes

export { BASE, UNLOCK };
export const TWILIO_TOKEN = 'reliability-twilio-auth-token-0123';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const temporary: string[] = [];

/** A new temporary folder, removed by `killAllServers()`. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** A JSON configuration file (`CERROJO_CONFIG`) in a new temporary folder. */
export function configFile(config: Record<string, unknown>): string {
  const path = join(tempDir('cerrojo-rel-'), 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

// Variables of ours a developer may have exported: a spawned server gets only what a test sets.
const OURS = /^(PORT|HOST|PUBLIC_BASE_URL|DATABASE_URL|DATA_DIR|CERROJO_.*|LOG_LEVEL|SECRET_KEY|ADMIN_TOKEN|AUDIT_.*|DEFAULT_LOCALE|NOTIFY_.*|SMTP_URL|EMAIL_FROM|TWILIO_.*|COOKIE_SECURE|SESSION_IDLE_SECONDS|STAFF_SESSION_IDLE_SECONDS|IVR_.*|ALERT_SOURCES|METRICS_TOKEN|API_DOCS|REQUEST_TIMEOUT_MS|CONNECTION_TIMEOUT_MS|KEEP_ALIVE_TIMEOUT_MS)$/;

/**
 * The environment of a production-mode server (no dev sink, no demo data) on `databaseUrl`:
 * the test key and admin token, SMS through the fake Twilio and email through the fake SMTP
 * server, webhooks signed over `BASE`.
 */
export function productionEnv(databaseUrl: string, providers: { twilio: string; smtp: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    SECRET_KEY: TEST_SECRET_KEY,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    AUDIT_KEY: TEST_AUDIT_KEY,
    PUBLIC_BASE_URL: BASE,
    NOTIFY_SMS: 'twilio',
    TWILIO_ACCOUNT_SID: TWILIO_SID,
    TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
    TWILIO_FROM: '+34950000000',
    TWILIO_API_BASE_URL: providers.twilio,
    NOTIFY_EMAIL: 'smtp',
    SMTP_URL: providers.smtp,
    EMAIL_FROM: 'Banco <no-reply@bank.test>',
    ...extra,
  };
}

const spawned = new Set<ServerProcess>();

/**
 * A `cerrojo serve` child process on 127.0.0.1:`port`. Its stdout and stderr are kept (the last
 * 200 kB) to attach to a failure. Every process started here is tracked until it exits, so
 * `killAllServers()` in an `afterAll` leaves nothing running whatever failed.
 */
export class ServerProcess {
  readonly base: string;
  private out = '';
  private child: ChildProcess;
  readonly exited: Promise<void>;
  /** How it ended: an exit code, or the signal that killed it; undefined while it runs. */
  ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  private constructor(
    readonly name: string,
    readonly port: number,
    env: Record<string, string>,
    args: readonly string[],
  ) {
    this.base = `http://127.0.0.1:${port}`;
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
    // One process unless a test asks for workers (`--workers`): the suite kills "the server".
    this.child = spawn(process.execPath, [BIN, 'serve', ...args], {
      env: { ...base, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', DATA_DIR: tempDir('cerrojo-rel-data-'), CERROJO_WORKERS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => {
      this.out = (this.out + d.toString('utf8')).slice(-200_000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    spawned.add(this);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        this.ended = { code, signal };
        spawned.delete(this);
        resolve();
      }),
    );
  }

  /** Starts `cerrojo serve` (with `args`, e.g. `--workers 2`) and waits until `/readyz` answers 200. */
  static async start(name: string, options: { port?: number; env: Record<string, string>; args?: readonly string[]; readyWithinMs?: number }): Promise<ServerProcess> {
    const server = new ServerProcess(name, options.port ?? (await freePort()), options.env, options.args ?? []);
    await server.ready(options.readyWithinMs ?? 60_000);
    return server;
  }

  /** The process id (the primary's with `--workers`). */
  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.ended === undefined;
  }

  /** What the process printed (its JSON log), for failure messages. */
  output(): string {
    return this.out;
  }

  /** What it printed but the info lines of its log (one per request): warnings, errors, crashes. */
  problems(): string {
    return this.out
      .split('\n')
      .filter((line) => !/^\{"level":(10|20|30),/.test(line))
      .join('\n');
  }

  private async ready(withinMs: number): Promise<void> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited (${JSON.stringify(this.ended)}) before it was ready:\n${this.out}`);
      const status = await fetch(`${this.base}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not ready within ${withinMs} ms:\n${this.out}`);
      await pause(100);
    }
  }

  /** Sends `signal` (SIGKILL by default: no handler runs, nothing is flushed) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    await this.exited;
  }
}

/** Kills every server process still running and removes the temporary folders (for `afterAll`). */
export async function killAllServers(): Promise<void> {
  await Promise.all([...spawned].map((s) => s.kill('SIGKILL')));
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Calls

/**
 * A softphone transport to servers on loopback: the webhook keeps the public URL it is signed
 * for (`BASE`), and goes to the origin `pick()` names for this request (one server, or
 * alternately two). No keep-alive, so a killed server leaves no socket to reuse.
 */
export function loopbackTransport(pick: () => string): Transport {
  return (url, form, signature) => {
    const target = new URL(url);
    const origin = new URL(pick());
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: false,
          method: 'POST',
          hostname: origin.hostname,
          port: origin.port,
          path: target.pathname + target.search,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'content-length': String(Buffer.byteLength(form)) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(form);
    });
  };
}

/** Webhooks turn by turn to each server in `bases`, in turn. */
export function alternating(bases: readonly string[], first = 0): () => string {
  let i = first;
  return () => bases[i++ % bases.length]!;
}

/** The keys of IVR branch 1.1 up to the PIN: Spanish, menu 1, 1.1, DNI, the DNI's digits, the card's last four. */
export const toThePin = (c: Caller): string[] => ['1', '1', '1', '1', c.dniKeys, c.last4];

/** What a caller of branch 1.1 hears last when it worked (the SMS goes to their mobile ending ...). */
export const branchDone = (c: Caller): string => ivrText('ivr.onlineBanking.done', 'es', { mobileEnding: c.mobile.slice(-3).split('').join(', ') });

/** Locks the caller out of online banking by failed passwords, as the callers of branch 1.1 are. */
export async function lockOut(services: Services, c: Caller): Promise<void> {
  await services.db.insertInto('blocks').values({ id: crypto.randomUUID(), customer_id: c.customer.id, target: 'access', origin: 'failed_attempts', reason: 'password attempts', created_by: 'system' }).execute();
}

// ---------------------------------------------------------------------------------------------
// Waiting

export const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls `check` every `everyMs` until it returns a value other than undefined/false, and returns
 * it; fails after `withinMs` with `what` and, if given, `context()` (a server's log ...).
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, withinMs: number, context?: () => string, everyMs = 50): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms${context ? `\n${context()}` : ''}`);
    await pause(everyMs);
  }
}

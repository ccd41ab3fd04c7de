import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BASE, UNLOCK, seedCaller, type Caller } from '../src/ivr/test-fixtures.ts';
import { migrate } from '../src/platform/db/database.ts';
import type { Services } from '../src/platform/services.ts';
import { freshDatabase, openTestDatabase, TEST_ADMIN_TOKEN, TEST_AUDIT_KEY, TEST_SECRET_KEY, testServices, type Backend } from '../test/helpers/db.ts';
import { freePort, lockOut } from '../test/reliability/helpers.ts';
import { startFakeSmtp, startFakeTwilio, TWILIO_SID } from '../test/reliability/providers.ts';
import { drive, type Answer } from './lib/drive.ts';
import { ivrLoadClients, type LoadDialer, type LoadErrors, type LoadResult } from './lib/ivr-load-client.ts';
import { peakRss, serveHasWorkers, startBareFloor, startServe, type ServerTree } from './lib/processes.ts';
import { latency, pool, type Latency } from './lib/stats.ts';

/**
 * Issue 17 §3, the IVR as callers load it: `calls` simultaneous calls from a second process
 * (bench/lib/ivr-load-client.ts), every caller listening `thinkMs` to each prompt, nine calls in
 * ten ending at the generic refusal of branch 2 and one in ten going through branch 1.1 to the
 * PIN turn. The server is `cerrojo serve` in a process of its own, started as the product runs
 * (a configuration file, production mode, the request log on at info, written to nowhere), with
 * one process and, when `serve` has `--workers`, with N; the floor is bare `node:http` in its own
 * process answering every webhook with a constant Gather, under the same client and load. The
 * server's CPU time is that of its process tree, read from /proc at the window's two ends.
 */

export const LOAD_TARGET = { p99Ms: 100, cpuPerWebhookMs: 1.2 } as const;

export interface LoadSizes {
  calls: number;
  thinkMs: number;
  runs: number;
  /** N of the second configuration (`serve --workers N`). */
  workers: number;
}

export interface LoadRun {
  run: number;
  /** Every turn started in the window, the PIN turn included: the target's figure. */
  turns: Latency;
  withoutPin: Latency;
  withPin: Latency;
  errors: LoadErrors;
  /** non-2xx + socket errors + unexpected TwiML + starved lines. */
  errorCount: number;
  /** Webhooks started in the window, and per second. */
  webhooks: number;
  webhooksPerSecond: number;
  calls: LoadResult['calls'];
  /** CPU time of the server's process tree over the window, per webhook of the window, in ms. */
  cpuPerWebhookMs: number;
  /** CPU time of the client's process over the whole run, per webhook sent, in ms (informative: it shares the cores). */
  clientCpuPerWebhookMs: number;
  /** The highest resident memory of the server's process tree during the run (sampled every 250 ms), in MiB. */
  peakRssMiB: number;
  /** p99 < 100 ms and no error (the CPU target is the scenario's, not a run's). */
  met: boolean;
}

export interface LoadConfigResult {
  /** `serve` as started: `1 process`, `--workers N`, or the floor. */
  label: string;
  /** Processes serving HTTP; null when not available on this checkout. */
  workers: number | null;
  available: boolean;
  /** Why not, when not available. */
  note?: string;
  runs: LoadRun[];
}

export interface IvrLoadResult {
  calls: number;
  thinkMs: number;
  runsAsked: number;
  /** Whether `cerrojo serve --help` lists `--workers`. */
  workersOption: boolean;
  cores: number;
  single: LoadConfigResult;
  multi: LoadConfigResult;
  floor: LoadConfigResult;
  target: typeof LOAD_TARGET;
}

const MiB = 2 ** 20;
/** Warm-up calls at once against each server before its measured runs. */
const WARM_CALLS = 200;
/** Calls one line places at most in a run: the shortest call (7 turns) fits ⌈18 / 7⌉ = 3 times in two spans. */
const CALLS_PER_LINE = 3;

const TOKEN = 'bench-twilio-auth-token-0123456789';

/** An 8-digit reference that is neither of the caller's operations. */
const wrongReference = (c: Caller) => {
  let n = (Number(c.held.reference) + 1) % 100_000_000;
  if (String(n).padStart(8, '0') === c.pending.reference) n = (n + 1) % 100_000_000;
  return String(n).padStart(8, '0');
};
const toDialer = (c: Caller): LoadDialer => ({ mobile: c.mobile, dniKeys: c.dniKeys, last4: c.last4, pin: c.pin, wrongReference: wrongReference(c) });

/** Callers as bench/ivr.ts seeds them: every branch walkable, locked out by failed password attempts (branch 1.1 lifts it). */
async function seedCallers(services: Services, count: number): Promise<LoadDialer[]> {
  const out: LoadDialer[] = new Array(count);
  await pool(count, 8, async (i) => {
    const c = await seedCaller(services);
    await lockOut(services, c);
    out[i] = toDialer(c);
  });
  return out;
}

/** Callers the floor is dialled with: only their keys matter. */
const floorDialers = (count: number): LoadDialer[] =>
  Array.from({ length: count }, (_, i) => ({ mobile: `+3460${String(1_000_000 + i).padStart(7, '0')}`, dniKeys: String(10_000_000 + i), last4: '2340', pin: '9731', wrongReference: String(20_000_000 + i) }));

export async function benchIvrLoad(backend: Backend, sizes: LoadSizes): Promise<IvrLoadResult> {
  const { calls: lines, thinkMs, runs } = sizes;
  const workersOption = serveHasWorkers();
  const pglite = backend.name === 'pglite';
  // PGlite is one embedded database in one process: one worker only.
  const multiPlanned = !pglite && workersOption;
  const perConfig = Math.min(lines, WARM_CALLS) + runs * (lines * CALLS_PER_LINE + 10);
  const twilio = await startFakeTwilio();
  const smtp = await startFakeSmtp();
  const scratch = mkdtempSync(join(os.tmpdir(), 'cerrojo-bench-load-'));
  const cleanup: (() => Promise<void>)[] = [() => twilio.close(), () => smtp.close(), async () => rmSync(scratch, { recursive: true, force: true })];

  try {
    // The database, migrated and seeded from here: on PGlite before the server opens its data folder (one process at a time).
    let databaseConfig: Record<string, unknown>;
    let seeded: LoadDialer[];
    if (pglite) {
      const dataDir = join(scratch, 'data');
      const database = await openTestDatabase({ dataDir });
      try {
        await migrate(database.db);
        seeded = await seedCallers(testServices(database, { publicBaseUrl: BASE }), perConfig);
      } finally {
        await database.close();
      }
      databaseConfig = { dataDir };
    } else {
      const database = await freshDatabase(backend);
      cleanup.unshift(() => database.drop());
      seeded = await seedCallers(testServices(database, { publicBaseUrl: BASE }), perConfig * (multiPlanned ? 2 : 1));
      databaseConfig = { databaseUrl: database.url };
    }

    // The window's ends, as the client tells them: the CPU time of the server measured now.
    let current: ServerTree | undefined;
    const window: { open?: number; close?: number } = {};
    const answer: Answer = async (what, arg) => {
      if (what !== 'window' || !current) throw new Error(`no answer to ${what}`);
      window[arg as 'open' | 'close'] = current.cpuUs();
      return null;
    };

    const measure = async (label: string, workers: number | null, start: (port: number) => Promise<ServerTree>, callers: LoadDialer[] | null): Promise<LoadConfigResult> => {
      const port = await freePort();
      const server = await start(port);
      current = server;
      const floor = callers === null;
      const pick = (n: number) => (floor ? floorDialers(n) : callers.splice(0, n));
      const clients = drive('child', new URL('./clients/ivr-load.ts', import.meta.url), ivrLoadClients, { base: server.base, publicBase: BASE, to: UNLOCK, token: TOKEN, connections: lines }, answer);
      try {
        await clients.run('warm', { callers: pick(Math.min(lines, WARM_CALLS)), floor });
        const out: LoadRun[] = [];
        for (let run = 1; run <= runs; run++) {
          delete window.open;
          delete window.close;
          const rss = peakRss(server.pid);
          const { result: r, clientCpuUs } = await clients.run('load', { callers: pick(lines * CALLS_PER_LINE + 10), lines, thinkMs, floor });
          const peak = rss.stop();
          if (window.open === undefined || window.close === undefined) throw new Error('the client did not mark the window');
          const turns = latency([...r.turns.withoutPin, ...r.turns.withPin]);
          const e = r.errors;
          const errorCount = e.non2xx + e.socket + e.unexpectedTwiml + e.starvedLines;
          out.push({
            run,
            turns,
            withoutPin: latency(r.turns.withoutPin),
            withPin: latency(r.turns.withPin),
            errors: e,
            errorCount,
            webhooks: r.webhooks,
            webhooksPerSecond: (r.webhooks * 1000) / r.windowMs,
            calls: r.calls,
            cpuPerWebhookMs: (window.close - window.open) / 1000 / Math.max(1, r.webhooks),
            clientCpuPerWebhookMs: (clientCpuUs ?? 0) / 1000 / Math.max(1, r.webhooksAll),
            peakRssMiB: peak / MiB,
            met: turns.p99 < LOAD_TARGET.p99Ms && errorCount === 0,
          });
        }
        if (server.problems().trim()) console.log(`\n[${label}] the server wrote on stderr:\n${server.problems().slice(-2000)}`);
        return { label, workers, available: true, runs: out };
      } finally {
        await clients.close();
        current = undefined;
        await server.stop();
      }
    };

    const config = (port: number) => {
      const file = join(scratch, `config-${port}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          port,
          host: '127.0.0.1',
          publicBaseUrl: BASE,
          ...databaseConfig,
          logLevel: 'info',
          secretKey: TEST_SECRET_KEY,
          adminToken: TEST_ADMIN_TOKEN,
          audit: { key: TEST_AUDIT_KEY },
          notify: { sms: 'twilio', twilioAccountSid: TWILIO_SID, twilioAuthToken: TOKEN, twilioFrom: '+34950000000', twilioApiBaseUrl: twilio.url, email: 'smtp', smtpUrl: smtp.url, emailFrom: 'Banco <no-reply@bank.test>' },
        }),
      );
      return file;
    };

    const floor = await measure('bare node:http', 1, (port) => startBareFloor(port, BASE), null);
    const single = await measure(workersOption ? 'serve --workers 1' : 'serve (one process)', 1, (port) => startServe(port, config(port), workersOption ? 1 : undefined), seeded);
    const multi: LoadConfigResult = multiPlanned
      ? await measure(`serve --workers ${sizes.workers}`, sizes.workers, (port) => startServe(port, config(port), sizes.workers), seeded)
      : { label: `serve --workers ${pglite ? 'N' : sizes.workers}`, workers: null, available: false, note: pglite ? 'PGlite: one process only' : 'not available (serve has no --workers on this checkout)', runs: [] };
    return { calls: lines, thinkMs, runsAsked: runs, workersOption, cores: os.availableParallelism(), single, multi, floor, target: LOAD_TARGET };
  } finally {
    for (const c of cleanup) await c().catch(() => undefined);
  }
}

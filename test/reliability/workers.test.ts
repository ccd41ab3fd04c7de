import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Softphone } from '../../src/ivr/softphone.ts';
import { seedCaller, type Caller } from '../../src/ivr/test-fixtures.ts';
import type { Database } from '../../src/platform/db/database.ts';
import type { Services } from '../../src/platform/services.ts';
import {
  BASE,
  ServerProcess,
  TWILIO_TOKEN,
  UNLOCK,
  branchDone,
  configFile,
  killAllServers,
  lockOut,
  loopbackTransport,
  postgresUrl,
  productionEnv,
  scratchDatabase,
  testSide,
  toThePin,
  waitFor,
  type ScratchDatabase,
} from './helpers.ts';
import { startFakeSmtp, startFakeTwilio, type FakeTwilio } from './providers.ts';

/**
 * Issue 17 point 2: `cerrojo serve --workers 2` on PostgreSQL. The worker playing a call's PIN
 * turn is killed with SIGKILL while the turn waits on the call's row (held by the test, so the
 * kill lands inside the turn's transaction); the provider retries the webhook, the other worker
 * answers it and the call ends normally, while the primary starts a new worker. The background
 * work runs once (in the primary) and `/metrics` answers the sum of the workers.
 */
const url = postgresUrl('serve --workers');
const METRICS_TOKEN = 'reliability-metrics-token-0123456789';

/** The `cerrojo serve` workers of a primary (its other children, such as esbuild's service, are not). */
function workerPids(primary: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^[0-9]+$/.test(d))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === primary && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('cerrojo.mjs');
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Which of `pids` holds the TCP socket whose local port is `port` (its database connection): the
 * socket's inode from /proc/net/tcp or tcp6 (the row of a live socket: a closed one has inode 0),
 * then the process with that inode among its file descriptors.
 */
function ownerOfPort(port: number, pids: number[]): number | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hex}`) && cols[9] && cols[9] !== '0') inodes.add(`socket:[${cols[9]}]`);
    }
  }
  if (inodes.size === 0) return undefined;
  return pids.find((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
        } catch {
          return false; // closed meanwhile
        }
      });
    } catch {
      return false;
    }
  });
}

/** A GET on a new connection each time, so the primary hands each to the next worker in turn. */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent: false, headers }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe.skipIf(!url)('serve --workers 2: a worker killed mid-call', () => {
  let scratch: ScratchDatabase;
  let side: { database: Database; services: Services };
  let twilio: FakeTwilio;
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  let server: ServerProcess;
  let lock: pg.Client | undefined;
  let caller: Caller;
  let phone: Softphone;
  const seen = {} as {
    atStart: number[];
    victim: number;
    turnAtKill: PromiseSettledResult<unknown>;
    afterRestart: number[];
    healthCounts: [number, number];
    metrics: string;
    stopCode: number | null;
    leftAfterStop: number[];
  };
  const log = () => server?.output().slice(-30_000) ?? '';

  const healthCount = async () => {
    const res = await get(server.base, '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
    if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${res.body}`);
    seen.metrics = res.body;
    return Number(/^http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} ([0-9]+)$/m.exec(res.body)?.[1] ?? 0);
  };

  beforeAll(async () => {
    scratch = await scratchDatabase(url!);
    twilio = await startFakeTwilio();
    smtp = await startFakeSmtp();
    const env = productionEnv(scratch.url, { twilio: twilio.url, smtp: smtp.url }, { METRICS_TOKEN, CERROJO_CONFIG: configFile({ notify: { workerIntervalMs: 100 } }) });
    server = await ServerProcess.start('cluster', { env, args: ['--workers', '2'], readyWithinMs: 120_000 });
    await waitFor('both workers listening', () => server.output().includes('with 2 workers'), 120_000, log);
    seen.atStart = workerPids(server.pid);

    // /metrics: ten requests on new connections, spread over both workers, counted once each.
    const before = await healthCount();
    for (let i = 0; i < 10; i++) expect((await get(server.base, '/healthz')).status).toBe(200);
    seen.healthCounts = [before, await healthCount()];

    side = await testSide(scratch.url, { publicBaseUrl: BASE });
    caller = await seedCaller(side.services);
    await lockOut(side.services, caller);
    phone = new Softphone(
      loopbackTransport(() => server.base),
      { base: BASE, token: TWILIO_TOKEN, to: UNLOCK, from: caller.mobile },
    );
    await phone.dial();
    await phone.walk(toThePin(caller));

    // The PIN turn waits on the call's row, which the test holds; its worker is the one killed.
    lock = new pg.Client({ connectionString: scratch.url });
    lock.on('error', () => undefined);
    await lock.connect();
    await lock.query('begin');
    await lock.query('select call_sid from ivr_calls where call_sid = $1 for update', [phone.callSid]);
    const turn = Promise.allSettled([phone.press(caller.pin)]).then(([r]) => r!);
    const waiting = async () => {
      const rows = await sql<{ port: number }>`select client_port as port from pg_stat_activity where datname = ${scratch.name} and wait_event_type = 'Lock'`.execute(side.database.db);
      return rows.rows[0]?.port;
    };
    const port = await waitFor('the PIN turn waiting on its call', waiting, 10_000, log);
    seen.victim = await waitFor('the worker playing the turn', () => ownerOfPort(port, workerPids(server.pid)), 20_000, () => `${log()}\nworkers: ${workerPids(server.pid).join(', ')}; port ${port}`);
    process.kill(seen.victim, 'SIGKILL');
    seen.turnAtKill = await turn;
    await lock.query('rollback');
    // The primary has seen the death (it hands no connection to the dead worker from now on).
    const death = new RegExp(`"pid":${seen.victim},.*"signal":"SIGKILL".*"msg":"worker died; starting another"`);
    await waitFor('the primary seeing the death', () => death.test(server.output()), 10_000, log);

    // The provider retries the webhook: the other worker answers while the primary replaces the dead one.
    await phone.press(caller.pin);
    expect(await phone.hangUp('completed', 60)).toBe(204);
    seen.afterRestart = await waitFor(
      'a new worker',
      () => {
        const pids = workerPids(server.pid);
        return pids.length === 2 && !pids.includes(seen.victim) ? pids : undefined;
      },
      120_000,
      log,
    );
    await waitFor('the new worker listening', () => server.output().includes('"msg":"worker started"'), 120_000, log);
    const unsent = () => side.database.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute();
    await waitFor('the messages sent', async () => (await unsent()).length === 0 && twilio.accepted().length > 0 && smtp.messages.length > 0, 30_000, log);

    // SIGTERM to the primary drains the workers and ends everything.
    const workers = workerPids(server.pid);
    await server.kill('SIGTERM');
    seen.stopCode = server.ended!.code;
    seen.leftAfterStop = workers.filter((pid) => existsSync(`/proc/${pid}`));
  }, 300_000);

  afterAll(async () => {
    await killAllServers();
    await lock?.end().catch(() => undefined);
    await side?.database.close();
    await scratch?.drop();
    await twilio?.close();
    await smtp?.close();
  });

  it('runs a primary and two workers; the killed worker is replaced and the primary lives on', () => {
    expect(seen.atStart).toHaveLength(2);
    expect(seen.atStart).toContain(seen.victim);
    expect(seen.afterRestart).toHaveLength(2);
    expect(seen.afterRestart).not.toContain(seen.victim);
    expect(seen.afterRestart.filter((pid) => seen.atStart.includes(pid))).toHaveLength(1);
    expect(server.output()).toMatch(new RegExp(`"pid":${seen.victim},.*"signal":"SIGKILL".*"msg":"worker died; starting another"`));
  });

  it('a PIN turn cut by the kill, retried, is played once by the other worker: the call ends normally', async () => {
    expect(seen.turnAtKill.status).toBe('rejected');
    expect(String((seen.turnAtKill as PromiseRejectedResult).reason)).toMatch(/socket hang up|ECONNRESET/);
    expect(phone.transcript()).toContain(branchDone(caller));
    const row = await side.database.db.selectFrom('ivr_calls').selectAll().where('call_sid', '=', phone.callSid).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ branch: '1.1', outcome: 'resolved', provider_status: 'completed' });
    const checks = await side.database.db.selectFrom('audit_log').select('action').where('customer_id', '=', caller.customer.id).where('action', 'like', 'card.pin%').execute();
    expect(checks).toEqual([{ action: 'card.pin_verified' }]);
  });

  it('the background work runs once, in the primary: one delivery worker, each message delivered once', async () => {
    const started = server
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"notification worker started"'));
    expect(started).toHaveLength(1);
    expect(started[0]).toContain('"role":"primary"');
    const queued = await side.database.db.selectFrom('outbox').select(['template', 'status', 'attempts']).where('customer_id', '=', caller.customer.id).orderBy('template').execute();
    expect(queued).toEqual([
      { template: 'email.user_code', status: 'sent', attempts: 1 },
      { template: 'sms.temporary_password', status: 'sent', attempts: 1 },
    ]);
    expect(twilio.accepted(caller.mobile)).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  });

  it('/metrics answers the sum of the workers', () => {
    const [before, after] = seen.healthCounts;
    expect(after - before).toBe(10);
    // Merged per metric: one version line, one resident-memory sum.
    expect(seen.metrics.match(/^nodejs_version_info\{/gm)).toHaveLength(1);
    expect(seen.metrics.match(/^process_resident_memory_bytes /gm)).toHaveLength(1);
  });

  it('SIGTERM to the primary drains the workers and exits 0', () => {
    expect(seen.stopCode).toBe(0);
    expect(seen.leftAfterStop).toEqual([]);
  });
});

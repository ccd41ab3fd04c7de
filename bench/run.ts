import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { CpuPer } from './lib/drive.ts';
import type { Latency } from './lib/stats.ts';
import { describeVerdict, type GuardResult } from './lib/statement-guard.ts';

/**
 * `npm run bench`: each figure beside its floor measured in the same run, on PGlite and, when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL (a new database on that server
 * per scenario, dropped afterwards). Prints a table and writes bench/results/<time>.json and
 * bench/results/latest.json. Method and figures: docs/performance.md.
 */

// The test helpers reused here announce a missing TEST_DATABASE_URL; the bench says its own.
process.env.CERROJO_PG_NOTICE = '1';
const { benchBackends } = await import('./lib/app.ts');
const { sizeFromEnv } = await import('./lib/stats.ts');
const { benchIvr } = await import('./ivr.ts');
const { benchIvrLoad } = await import('./ivr-load.ts');
const { benchRecovery } = await import('./recovery.ts');
const { benchAlerts } = await import('./alerts.ts');
const { benchPlainHttp } = await import('./plain-http.ts');
const { benchOutbox } = await import('./outbox.ts');
const { benchPeer } = await import('./peer/index.ts');
const { clientMode } = await import('./lib/drive.ts');

const sizes = {
  calls: sizeFromEnv('BENCH_CALLS', 200),
  thinkMs: sizeFromEnv('BENCH_THINK_MS', 2000),
  recoveries: sizeFromEnv('BENCH_RECOVERIES', 100),
  recoveryConcurrency: sizeFromEnv('BENCH_RECOVERY_CONCURRENCY', 8),
  alerts: sizeFromEnv('BENCH_ALERTS', 1000),
  alertConcurrency: sizeFromEnv('BENCH_ALERT_CONCURRENCY', 16),
  httpConnections: sizeFromEnv('BENCH_HTTP_CONNECTIONS', 32),
  httpSeconds: sizeFromEnv('BENCH_HTTP_SECONDS', 5),
  outboxMessages: sizeFromEnv('BENCH_OUTBOX_MESSAGES', 1000),
  outboxRate: sizeFromEnv('BENCH_OUTBOX_RATE', 100),
  loadCalls: sizeFromEnv('BENCH_LOAD_CALLS', 500),
  loadThinkMs: sizeFromEnv('BENCH_LOAD_THINK_MS', 1500),
  loadRuns: sizeFromEnv('BENCH_LOAD_RUNS', 1),
  loadWorkers: sizeFromEnv('BENCH_LOAD_WORKERS', os.availableParallelism()),
};
const ALL = ['http', 'ivr', 'ivr-load', 'recovery', 'peer', 'alerts', 'outbox'] as const;
type Scenario = (typeof ALL)[number];
const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
for (const name of only) if (!(ALL as readonly string[]).includes(name)) throw new Error(`BENCH_ONLY: unknown scenario ${name} (one of ${ALL.join(', ')})`);
const scenarios = ALL.filter((s) => only.length === 0 || only.includes(s));

interface Row {
  backend: string;
  figure: string;
  value: string;
  floor: string;
  ratio: string;
  target: string;
  met: string;
}

const f = (n: number, digits = 1) => n.toFixed(digits);
const ms = (n: number) => `${f(n)} ms`;
const met = (ok: boolean) => (ok ? 'yes' : 'NO');
const rows: Row[] = [];
const results: Record<string, Record<string, unknown>> = {};
let failed = false;

const clients = clientMode();
console.log(clients === 'child' ? 'Load clients (IVR, recovery, peer) in a child process (BENCH_CLIENT=inprocess: in this one).' : 'BENCH_CLIENT=inprocess: load clients (IVR, recovery, peer) in the server\'s process.');
/** CPU per unit of work by process: the server's alone when the clients run in a child. */
const cpuText = (c: CpuPer) => (c.clientUs === null ? `${f(c.serverUs, 0)} µs server + clients (one process)` : `${f(c.serverUs, 0)} µs server, ${f(c.clientUs, 0)} µs clients`);
const cpuRow = (c: CpuPer, phase: string): Omit<Row, 'backend'> => ({ figure: `  CPU per ${c.unit}, ${phase} (informative)`, value: cpuText(c), floor: '', ratio: '', target: '', met: '' });
/** The statement-count guard's row; a recording over its limit fails the bench (exit 1) once every figure is out. */
const overLimits: string[] = [];
const guardRow = (g: GuardResult, backend: string): Omit<Row, 'backend'> => {
  if (g.over) overLimits.push(`[${backend}] ${describeVerdict({ ...g, listing: [] })}`);
  return { figure: `  statements, one ${g.what} alone (guard)`, value: String(g.count), floor: '', ratio: '', target: `≤ ${g.limit}`, met: met(!g.over) };
};
const backends = benchBackends();
if (backends.length === 1) console.log('BENCH_DATABASE_URL / TEST_DATABASE_URL not set: PGlite only.');
for (const backend of backends) {
  const out: Record<string, unknown> = {};
  results[backend.name] = out;
  const row = (r: Omit<Row, 'backend'>) => rows.push({ backend: backend.name, ...r });
  const run = async <T>(name: Scenario, work: () => Promise<T>, report: (r: T) => void) => {
    if (!scenarios.includes(name)) return;
    process.stdout.write(`[${backend.name}] ${name}…`);
    const started = Date.now();
    try {
      const r = await work();
      out[name] = r;
      report(r);
      console.log(` ${f((Date.now() - started) / 1000)} s`);
    } catch (err) {
      failed = true;
      out[name] = { error: String(err) };
      console.log(` FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  };

  await run('http', () => benchPlainHttp(backend, sizes.httpConnections, sizes.httpSeconds), (r) => {
    row({ figure: `GET /healthz, ${r.connections} connections`, value: `${f(r.app.requestsPerSecond, 0)} req/s`, floor: `${f(r.floor.requestsPerSecond, 0)} req/s bare node:http`, ratio: f(r.ratio, 2), target: '≥ 0.80', met: met(r.ratio >= 0.8) });
    row({ figure: `  the same, request log off (informative)`, value: `${f(r.quiet.requestsPerSecond, 0)} req/s`, floor: 'same floor', ratio: f(r.quiet.ratio, 2), target: '', met: '' });
    row({ figure: `  server CPU per request (informative)`, value: `${f(r.app.serverCpuMicros)} µs`, floor: `${f(r.floor.serverCpuMicros)} µs bare node:http`, ratio: f(r.floor.serverCpuMicros / r.app.serverCpuMicros, 2), target: '', met: '' });
  });
  await run('ivr', () => benchIvr(backend, sizes.calls, sizes.thinkMs), (r) => {
    row({ figure: `IVR branch 1.1, ${r.calls} simultaneous calls`, value: `${f(r.callsPerSecond)} calls/s`, floor: `${f(r.floor.callsPerSecond)} calls/s bare round trips + PIN + hash`, ratio: f(r.ratio, 2), target: '≥ 0.50', met: met(r.ratio >= 0.5) });
    const w = r.turns.withoutPin;
    row({ figure: `IVR turn without PIN, ${r.calls} calls, ${r.thinkMs} ms think (p50/p95/p99, n=${w.count})`, value: `${f(w.p50)}/${f(w.p95)}/${f(w.p99)} ms`, floor: '', ratio: '', target: r.calls >= 200 ? 'p99 < 100 ms' : 'p99 < 100 ms (at 200 calls)', met: met(w.p99 < 100) });
    const p = r.turns.withPin;
    const sw = r.saturatedTurns.withoutPin;
    const sp = r.saturatedTurns.withPin;
    row({ figure: `IVR turn with PIN, same calls (p50/p95/p99, n=${p.count})`, value: `${f(p.p50)}/${f(p.p95)}/${f(p.p99)} ms`, floor: `${ms(r.floor.oneHashMs)} one argon2id hash`, ratio: f(p.p99 / r.floor.oneHashMs, 2), target: 'p99 < 3 hashes', met: met(p.p99 < 3 * r.floor.oneHashMs) });
    row({ figure: `  turns at saturation, no think (informative)`, value: `p99 ${f(sw.p99, 0)} / ${f(sp.p99, 0)} ms (no PIN / PIN)`, floor: '', ratio: '', target: '', met: '' });
    row(guardRow(r.guard, backend.name));
    row(cpuRow(r.cpu, 'throughput phase'));
    row(cpuRow(r.pacedCpu, 'latency phase'));
  });
  // Issue 17 §3: the server in its own process (one, then N workers), the floor beside it (bench/ivr-load.ts).
  await run('ivr-load', () => benchIvrLoad(backend, { calls: sizes.loadCalls, thinkMs: sizes.loadThinkMs, runs: sizes.loadRuns, workers: sizes.loadWorkers }), (r) => {
    const floorRun = r.floor.runs[0]!;
    const lat = (l: Latency) => `${f(l.p50)}/${f(l.p95)}/${f(l.p99)} ms`;
    row({ figure: `IVR load floor: bare node:http, ${r.calls} calls, ${r.thinkMs} ms think (p50/p95/p99, n=${floorRun.turns.count})`, value: lat(floorRun.turns), floor: '', ratio: '', target: '', met: '' });
    row({ figure: `  floor: errors; CPU per webhook, server and client; peak RSS (informative)`, value: `${floorRun.errorCount}; ${f(floorRun.cpuPerWebhookMs, 2)} ms, ${f(floorRun.clientCpuPerWebhookMs, 2)} ms; ${f(floorRun.peakRssMiB, 0)} MiB`, floor: '', ratio: '', target: '', met: '' });
    for (const config of [r.single, r.multi]) {
      if (!config.available) {
        row({ figure: `IVR load, ${config.label}`, value: config.note ?? 'not available', floor: '', ratio: '', target: '', met: '' });
        continue;
      }
      for (const one of config.runs) {
        const e = one.errors;
        const runOf = r.runsAsked > 1 ? `, run ${one.run} of ${r.runsAsked}` : '';
        row({ figure: `IVR load, ${r.calls} calls, ${r.thinkMs} ms think, ${config.label}${runOf}: turns (p50/p95/p99, n=${one.turns.count})`, value: lat(one.turns), floor: `p99 ${ms(floorRun.turns.p99)} bare node:http`, ratio: f(one.turns.p99 / floorRun.turns.p99, 1), target: `p99 < ${r.target.p99Ms} ms`, met: met(one.turns.p99 < r.target.p99Ms) });
        row({ figure: `  turns without PIN; PIN turn (p50/p95/p99, n=${one.withoutPin.count}; n=${one.withPin.count})`, value: `${lat(one.withoutPin)}; ${lat(one.withPin)}`, floor: '', ratio: '', target: '', met: '' });
        row({ figure: `  errors: non-2xx / socket / unexpected TwiML / starved lines`, value: `${e.non2xx} / ${e.socket} / ${e.unexpectedTwiml} / ${e.starvedLines}`, floor: '', ratio: '', target: '0', met: met(one.errorCount === 0) });
        row({ figure: `  server CPU per webhook (process tree, ${f(one.webhooksPerSecond, 0)} webhooks/s)`, value: `${f(one.cpuPerWebhookMs, 2)} ms`, floor: `${f(floorRun.cpuPerWebhookMs, 2)} ms bare node:http`, ratio: f(one.cpuPerWebhookMs / floorRun.cpuPerWebhookMs, 1), target: `< ${r.target.cpuPerWebhookMs} ms`, met: met(one.cpuPerWebhookMs < r.target.cpuPerWebhookMs) });
        row({ figure: `  peak RSS of the server's processes; client CPU per webhook (informative)`, value: `${f(one.peakRssMiB, 0)} MiB; ${f(one.clientCpuPerWebhookMs, 2)} ms`, floor: `${f(floorRun.peakRssMiB, 0)} MiB bare node:http`, ratio: '', target: '', met: '' });
      }
      if (config.runs.length > 1) row({ figure: `  ${config.label}: runs under target (p99 < ${r.target.p99Ms} ms, 0 errors)`, value: `${config.runs.filter((x) => x.met).length} of ${config.runs.length}`, floor: '', ratio: '', target: 'all', met: met(config.runs.every((x) => x.met)) });
    }
  });
  await run('recovery', () => benchRecovery(backend, sizes.recoveries, sizes.recoveryConcurrency), (r) => {
    row({ figure: `Web recovery, ${r.recoveries} at ${r.concurrency} at once`, value: `${f(r.recoveriesPerSecond)} /s`, floor: `${f(r.floor.recoveriesPerSecond)} /s bare argon2id (${r.floor.hashesPerRecovery} each)`, ratio: f(r.ratio, 2), target: '≥ 0.80', met: met(r.ratio >= 0.8) });
    row(guardRow(r.guard, backend.name));
    row(cpuRow(r.cpu, 'measured recoveries'));
  });
  // The peer: the same reset done by better-auth, at the same count and concurrency (bench/peer/).
  await run('peer', () => benchPeer(backend, sizes.recoveries, sizes.recoveryConcurrency), (r) => {
    row({ figure: `Peer: ${r.library}, ${r.resets} resets at ${r.concurrency} at once`, value: `${f(r.resetsPerSecond)} /s`, floor: `${f(r.floor.resetsPerSecond)} /s bare argon2id (${r.floor.hashesPerReset} each)`, ratio: f(r.ratio, 2), target: '', met: '' });
    row(cpuRow(r.cpu, 'measured resets'));
    const ours = out.recovery as { recoveriesPerSecond?: number } | undefined;
    if (ours?.recoveriesPerSecond) row({ figure: `  web recovery / peer (ours does more: captcha, card + PIN, 3 messages, audit)`, value: `${f(ours.recoveriesPerSecond / r.resetsPerSecond, 2)}×`, floor: '', ratio: '', target: '≥ 1.5×', met: met(ours.recoveriesPerSecond / r.resetsPerSecond >= 1.5) });
  });
  await run('alerts', () => benchAlerts(backend, sizes.alerts, sizes.alertConcurrency), (r) =>
    row({ figure: `Alert ingestion, ${r.posts} posts at ${r.concurrency} at once`, value: `${f(r.alertsPerSecond)} alerts/s`, floor: `${f(r.floor.alertsPerSecond)} rows/s plain inserts`, ratio: f(r.ratio, 2), target: '(none set)', met: '' }),
  );
  await run('outbox', () => benchOutbox(backend, sizes.outboxMessages, sizes.outboxRate), (r) => {
    const d = r.dispatch;
    row({ figure: `Outbox dispatch, ${r.messages} at ${r.ratePerSecond}/s (p50/p95/p99)`, value: `${f(d.p50, 0)}/${f(d.p95, 0)}/${f(d.p99, 0)} ms`, floor: `idle poll every ${r.workerIntervalMs} ms`, ratio: '', target: 'p95 < 1000 ms', met: met(d.p95 < 1000) });
    row({ figure: `  a burst of ${r.burst.messages} at once (informative)`, value: `all out in ${f(r.burst.drainMs, 0)} ms, p95 ${f(r.burst.dispatch.p95, 0)} ms`, floor: `batches of ${r.batchSize}`, ratio: '', target: '', met: '' });
  });
}

const headers: Row = { backend: 'backend', figure: 'figure', value: 'measured', floor: 'floor (same run)', ratio: 'ratio', target: 'target', met: 'met' };
const keys = Object.keys(headers) as (keyof Row)[];
const widths = keys.map((k) => Math.max(...[headers, ...rows].map((r) => r[k].length)));
const line = (r: Row) => keys.map((k, i) => r[k].padEnd(widths[i]!)).join(' | ');
console.log(`\n${line(headers)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.map(line).join('\n')}`);

const at = new Date();
const report = {
  at: at.toISOString(),
  command: 'npm run bench',
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, uvThreadpool: Number(process.env.UV_THREADPOOL_SIZE ?? 4) },
  sizes,
  clients,
  backends: results,
  table: rows,
};
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
const file = `${dir}${at.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`;
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${dir}latest.json`, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWritten: ${file} and bench/results/latest.json`);
if (overLimits.length > 0) console.log(`\nFAILED: the statement-count guard (bench/lib/statement-guard.ts; BENCH_SQL=1 lists the statements):\n${overLimits.join('\n')}`);
process.exit(failed || overLimits.length > 0 ? 1 : 0);

import { createRequire } from 'node:module';

/**
 * The plain-route load generator, in its own process (forked by `http-load.ts`): autocannon with
 * `connections` keep-alive connections against one URL, a warm-up run first, then the measured
 * run. It tells the parent when the measured run starts (so the parent can read its own CPU time
 * from there) and sends the figures back over IPC.
 */
interface Params {
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
}

type Autocannon = (opts: { url: string; connections: number; duration: number }, done: (err: Error | null, result: AutocannonResult) => void) => unknown;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const run = (p: Params, seconds: number) =>
  new Promise<AutocannonResult>((resolve, reject) => autocannon({ url: p.url, connections: p.connections, duration: seconds }, (err, r) => (err ? reject(err) : resolve(r))));

process.once('message', (p: Params) => {
  void (async () => {
    if (p.warmupSeconds > 0) await run(p, p.warmupSeconds);
    process.send!({ started: true });
    const r = await run(p, p.seconds);
    process.send!({
      result: {
        requests: r['2xx'],
        failures: r.errors + r.timeouts + r.non2xx,
        seconds: r.duration,
        latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      },
    });
  })().catch((err: unknown) => {
    process.send!({ error: err instanceof Error ? err.message : String(err) });
  });
});

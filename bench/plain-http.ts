import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import type { Backend } from '../test/helpers/db.ts';
import { serve } from './lib/app.ts';
import type { Latency } from './lib/stats.ts';

/**
 * A plain route of the app (`GET /healthz`, no database) against bare `node:http` answering the
 * same body with the same content type, both driven by the same keep-alive load generator.
 */
export interface Load {
  requests: number;
  errors: number;
  ms: number;
  latency: Latency;
}

export interface PlainHttpResult {
  connections: number;
  seconds: number;
  app: { requestsPerSecond: number; latency: Latency };
  floor: { requestsPerSecond: number; latency: Latency };
  ratio: number;
  /** The same route with the request log off (level `warn`): what the two log lines per request cost. */
  quiet: { requestsPerSecond: number; latency: Latency; ratio: number };
}

const WORKER = new URL('./lib/load-worker.ts', import.meta.url);
const TSX = import.meta.resolve('tsx/esm/api');

function load(url: string, connections: number, seconds: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    // The worker registers tsx itself before loading the TypeScript (a worker does not inherit `--import` hooks on Node 20).
    const script = `import(${JSON.stringify(TSX)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER.href)}); })`;
    const worker = new Worker(script, { eval: true, workerData: { url, connections, seconds } });
    worker.once('message', (m: Load) => resolve(m));
    worker.once('error', reject);
  });
}

const rate = (l: Load) => (l.requests * 1000) / l.ms;

async function measure(url: string, connections: number, seconds: number): Promise<Load> {
  await load(url, connections, Math.min(1, seconds));
  const result = await load(url, connections, seconds);
  if (result.errors > 0) throw new Error(`${url}: ${result.errors} answers were not 200`);
  return result;
}

export async function benchPlainHttp(backend: Backend, connections: number, seconds: number): Promise<PlainHttpResult> {
  const s = await serve(backend);
  const sample = await fetch(`${s.base}/healthz`);
  const body = await sample.text();
  const type = sample.headers.get('content-type') ?? 'application/json';
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  try {
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/healthz`;
    const floor = await measure(bareUrl, connections, seconds);
    const app = await measure(`${s.base}/healthz`, connections, seconds);
    // Request loggers are children made per request, so they take the level in force when it arrives.
    s.app.log.level = 'warn';
    const quiet = await measure(`${s.base}/healthz`, connections, seconds);
    return {
      connections,
      seconds,
      app: { requestsPerSecond: rate(app), latency: app.latency },
      floor: { requestsPerSecond: rate(floor), latency: floor.latency },
      ratio: rate(app) / rate(floor),
      quiet: { requestsPerSecond: rate(quiet), latency: quiet.latency, ratio: rate(quiet) / rate(floor) },
    };
  } finally {
    bare.closeAllConnections();
    await new Promise((resolve) => bare.close(resolve));
    await s.close();
  }
}

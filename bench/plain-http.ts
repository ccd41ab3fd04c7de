import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../test/helpers/db.ts';
import { serve } from './lib/app.ts';
import { httpLoad, type HttpLatency, type HttpLoad } from './lib/http-load.ts';

/**
 * A plain route of the app (`GET /healthz`, no database) against bare `node:http` answering the
 * same body with the same content type, both driven by autocannon from a separate process
 * (`lib/http-load.ts`), so the load generator does not share the server's event loop.
 */
export interface Measured {
  requestsPerSecond: number;
  latency: HttpLatency;
  /** The server's CPU time per request, µs (this process's, the load being elsewhere). */
  serverCpuMicros: number;
}

export interface PlainHttpResult {
  connections: number;
  seconds: number;
  app: Measured;
  floor: Measured;
  ratio: number;
  /** The same route with the request log off (level `warn`): what the log line costs. */
  quiet: Measured & { ratio: number };
}

async function measure(url: string, connections: number, seconds: number): Promise<Measured> {
  const r: HttpLoad = await httpLoad(url, connections, seconds);
  if (r.failures > 0) throw new Error(`${url}: ${r.failures} answers were errors, timeouts or not 2xx`);
  return { requestsPerSecond: r.requestsPerSecond, latency: r.latency, serverCpuMicros: r.serverCpuMicros };
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
    // Request loggers take the level in force when they are made (per request, lazily).
    s.app.log.level = 'warn';
    const quiet = await measure(`${s.base}/healthz`, connections, seconds);
    return {
      connections,
      seconds,
      app,
      floor,
      ratio: app.requestsPerSecond / floor.requestsPerSecond,
      quiet: { ...quiet, ratio: quiet.requestsPerSecond / floor.requestsPerSecond },
    };
  } finally {
    bare.closeAllConnections();
    await new Promise((resolve) => bare.close(resolve));
    await s.close();
  }
}

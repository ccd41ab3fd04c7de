import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Client-side latency of an autocannon run, in ms (autocannon's own percentiles). */
export interface HttpLatency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface HttpLoad {
  /** 2xx answers in the measured run. */
  requests: number;
  /** Errors, timeouts and non-2xx answers. */
  failures: number;
  seconds: number;
  requestsPerSecond: number;
  latency: HttpLatency;
  /** CPU time (user + system) of this process, the server's, per answered request, in µs. */
  serverCpuMicros: number;
}

const CHILD = fileURLToPath(new URL('./http-load-child.ts', import.meta.url));

/**
 * Drives `url` from a separate process: autocannon (`http-load-child.ts`) with `connections`
 * keep-alive connections for `seconds`, after a warm-up of `warmupSeconds`. The server runs in
 * this process, so this process's CPU time over the measured run is the server's.
 */
export function httpLoad(url: string, connections: number, seconds: number, warmupSeconds = 1): Promise<HttpLoad> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let cpu: NodeJS.CpuUsage | undefined;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      child.kill();
      fn();
    };
    child.on('message', (m: { started?: true; error?: string; result?: Omit<HttpLoad, 'requestsPerSecond' | 'serverCpuMicros'> }) => {
      if (m.started) cpu = process.cpuUsage();
      else if (m.error) settle(() => reject(new Error(`load of ${url}: ${m.error}`)));
      else if (m.result) {
        const used = process.cpuUsage(cpu);
        const r = m.result;
        settle(() => resolve({ ...r, requestsPerSecond: r.requests / r.seconds, serverCpuMicros: (used.user + used.system) / Math.max(1, r.requests) }));
      }
    });
    child.once('error', (err) => settle(() => reject(err)));
    child.once('exit', (code) => settle(() => reject(new Error(`load of ${url}: the autocannon process exited (${code}) before answering`))));
    child.send({ url, connections, seconds, warmupSeconds });
  });
}

import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { Type } from '@fastify/type-provider-typebox';
import { OneLineRequestLog, securityHeaders, setSecurityHeaders, slowBodies } from '../src/http/app.ts';
import { lazyChildLogger } from '../src/http/request-logger.ts';
import { csrfPlugin } from '../src/http/csrf.ts';
import { metricsPlugin } from '../src/http/routes/metrics.ts';
import { loggerOptions } from '../src/platform/logger.ts';
import type { Services } from '../src/platform/services.ts';
import { testConfig } from '../test/helpers/db.ts';
import { serve } from './lib/app.ts';
import { httpLoad } from './lib/http-load.ts';
import { sizeFromEnv } from './lib/stats.ts';

/**
 * What each piece registered globally by `buildApp` costs a plain route, alone: a bare Fastify
 * answering `GET /healthz` as the app does, then the same with one piece added, then the whole
 * app. The cost of a piece is the CPU time of one request minus bare Fastify's.
 *
 * Two ways (informative, not part of `npm run bench`):
 * - by default, in process with `inject` (no sockets): `BENCH_HOOK_REQUESTS` (5 000) requests
 *   one after another, `BENCH_HOOK_ROUNDS` (5) times, the least CPU time per request of the
 *   rounds. Other load on the machine moves this little, which makes the differences readable;
 * - with `BENCH_HOOK_LOAD=1`, over loopback driven by autocannon from a separate process
 *   (`lib/http-load.ts`), reporting requests per second and the server's CPU time per request
 *   (the median of the rounds, `BENCH_HOOK_SECONDS` each, 3).
 *
 *   node --import tsx bench/hook-costs.ts
 */
const byLoad = process.env.BENCH_HOOK_LOAD === '1';
const seconds = sizeFromEnv('BENCH_HOOK_SECONDS', 3);
const requests = sizeFromEnv('BENCH_HOOK_REQUESTS', 5_000);
const rounds = sizeFromEnv('BENCH_HOOK_ROUNDS', byLoad ? 3 : 5);
const connections = sizeFromEnv('BENCH_HTTP_CONNECTIONS', 32);
const config = testConfig({ logLevel: 'info' });
const services = { config } as Services;
const discard = { write: () => undefined };

type Built = { app: FastifyInstance; url: string; close: () => Promise<void> };
type Variant = { name: string; build: () => Promise<Built> };

/** A Fastify with `setup` applied and the app's `/healthz`, listening on a loopback port. */
function fastifyWith(name: string, setup: (app: FastifyInstance) => Promise<void> | void, logged: 'no' | 'child' | 'lazy' = 'no'): Variant {
  return {
    name,
    async build() {
      const log = { logger: { ...loggerOptions('info'), stream: discard }, logController: new OneLineRequestLog() };
      const app = Fastify(logged === 'no' ? { logger: false } : logged === 'child' ? log : { ...log, childLoggerFactory: lazyChildLogger });
      await setup(app);
      app.get('/healthz', { schema: { response: { 200: Type.Object({ status: Type.String() }) } } }, async () => ({ status: 'ok' }));
      await app.listen({ host: '127.0.0.1', port: 0 });
      return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/healthz`, close: () => app.close() };
    },
  };
}

const variants: Variant[] = [
  fastifyWith('Fastify alone', () => undefined),
  fastifyWith('+ request logger, a pino child per request (before)', () => undefined, 'child'),
  fastifyWith('+ request logger, lazy child (`lazyChildLogger`)', () => undefined, 'lazy'),
  fastifyWith('+ @fastify/helmet registered as a plugin (before)', async (app) => void (await app.register(helmet, securityHeaders(config)))),
  fastifyWith("+ helmet's headers computed once, set in one hook", (app) => setSecurityHeaders(app, securityHeaders(config))),
  fastifyWith('+ @fastify/cookie', async (app) => void (await app.register(cookie))),
  fastifyWith('+ @fastify/cookie + CSRF plugin', async (app) => {
    await app.register(cookie);
    await app.register(csrfPlugin, { services });
  }),
  fastifyWith('+ Prometheus onResponse hook', async (app) => void (await app.register(metricsPlugin, { token: undefined, serve: false }))),
  fastifyWith('+ @fastify/rate-limit (global: false)', async (app) => void (await app.register(rateLimit, { global: false }))),
  fastifyWith('+ slow-body guard (onRequest + onSend)', (app) => slowBodies(app, 10_000)),
  fastifyWith('+ formbody + swagger', async (app) => {
    await app.register(formbody);
    await app.register(swagger, { openapi: { openapi: '3.0.3', info: { title: 't', version: '0' } } });
  }),
  {
    name: 'the whole app (buildApp, PGlite)',
    async build() {
      const s = await serve({ name: 'pglite' });
      return { app: s.app, url: `${s.base}/healthz`, close: () => s.close() };
    },
  },
];

/** CPU time per request, µs, of `count` injected `GET /healthz` one after another. */
async function injected(app: FastifyInstance, count: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const res = await app.inject({ url: '/healthz' });
    if (res.statusCode !== 200) throw new Error(`GET /healthz: ${res.statusCode}`);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

const samples = new Map<string, { rps: number[]; cpu: number[] }>(variants.map((v) => [v.name, { rps: [], cpu: [] }]));
if (!byLoad) {
  for (let round = 0; round < rounds; round++) {
    for (const v of variants) {
      // A fresh instance each time: injected requests leave garbage that only closing frees.
      const b = await v.build();
      await injected(b.app, 1000);
      samples.get(v.name)!.cpu.push(await injected(b.app, requests));
      await b.close();
    }
  }
} else {
  for (let round = 0; round < rounds; round++) {
    for (const v of variants) {
      const server = await v.build();
      try {
        const r = await httpLoad(server.url, connections, seconds);
        if (r.failures > 0) throw new Error(`${v.name}: ${r.failures} failures`);
        samples.get(v.name)!.rps.push(r.requestsPerSecond);
        samples.get(v.name)!.cpu.push(r.serverCpuMicros);
      } finally {
        await server.close();
      }
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pick = byLoad ? median : (xs: number[]) => Math.min(...xs);
const base = pick(samples.get(variants[0]!.name)!.cpu);
console.log(byLoad ? `over loopback, autocannon in a child process: ${rounds} rounds of ${seconds} s, ${connections} connections; medians` : `injected: ${rounds} rounds of ${requests} requests; the least of the rounds`);
console.log(`| variant |${byLoad ? ' req/s |' : ''} server CPU µs/request | cost over Fastify alone, µs |`);
console.log(`|---|${byLoad ? '---|' : ''}---|---|`);
for (const v of variants) {
  const s = samples.get(v.name)!;
  const cpu = pick(s.cpu);
  console.log(`| ${v.name} |${byLoad ? ` ${median(s.rps).toFixed(0)} |` : ''} ${cpu.toFixed(1)} | ${v === variants[0] ? '' : (cpu - base).toFixed(1)} |`);
}

import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { Type } from '@fastify/type-provider-typebox';
import { OneLineRequestLog, securityHeaders, slowBodies } from '../src/http/app.ts';
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
 * app. Each is driven by autocannon from a separate process (`lib/http-load.ts`) and reported
 * as requests per second and the server's CPU time per request; the cost of a piece is its CPU
 * time per request minus bare Fastify's, which moves much less with other load on the machine
 * than requests per second do. Informative, not part of `npm run bench`:
 *
 *   node --import tsx bench/hook-costs.ts   (BENCH_HOOK_SECONDS, 3; BENCH_HOOK_ROUNDS, 3; BENCH_HTTP_CONNECTIONS, 32)
 */
const seconds = sizeFromEnv('BENCH_HOOK_SECONDS', 3);
const rounds = sizeFromEnv('BENCH_HOOK_ROUNDS', 3);
const connections = sizeFromEnv('BENCH_HTTP_CONNECTIONS', 32);
const config = testConfig({ logLevel: 'info' });
const services = { config } as Services;
const discard = { write: () => undefined };

type Variant = { name: string; build: () => Promise<{ url: string; close: () => Promise<void> }> };

/** A Fastify with `setup` applied and the app's `/healthz`, listening on a loopback port. */
function fastifyWith(name: string, setup: (app: FastifyInstance) => Promise<void> | void, logged = false): Variant {
  return {
    name,
    async build() {
      const app = Fastify(logged ? { logger: { ...loggerOptions('info'), stream: discard }, logController: new OneLineRequestLog() } : { logger: false });
      await setup(app);
      app.get('/healthz', { schema: { response: { 200: Type.Object({ status: Type.String() }) } } }, async () => ({ status: 'ok' }));
      await app.listen({ host: '127.0.0.1', port: 0 });
      return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/healthz`, close: () => app.close() };
    },
  };
}

const variants: Variant[] = [
  fastifyWith('Fastify alone', () => undefined),
  fastifyWith('+ request logger (child per request, one line)', () => undefined, true),
  fastifyWith('+ @fastify/helmet, registered as a plugin', async (app) => void (await app.register(helmet, securityHeaders(config)))),
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
      return { url: `${s.base}/healthz`, close: () => s.close() };
    },
  },
];

const samples = new Map<string, { rps: number[]; cpu: number[] }>(variants.map((v) => [v.name, { rps: [], cpu: [] }]));
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(samples.get(variants[0]!.name)!.cpu);
console.log(`${rounds} rounds of ${seconds} s, ${connections} connections; medians`);
console.log('| variant | req/s | server CPU µs/request | cost over Fastify alone, µs |');
console.log('|---|---|---|---|');
for (const v of variants) {
  const s = samples.get(v.name)!;
  const cpu = median(s.cpu);
  console.log(`| ${v.name} | ${median(s.rps).toFixed(0)} | ${cpu.toFixed(1)} | ${v === variants[0] ? '' : (cpu - base).toFixed(1)} |`);
}

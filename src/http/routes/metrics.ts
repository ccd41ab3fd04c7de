import cluster from 'node:cluster';
import fp from 'fastify-plugin';
import { Registry, collectDefaultMetrics, Histogram } from 'prom-client';
import { AppError } from '../../platform/errors.ts';
import { bearerMatches } from '../../provisioning/admin-auth.ts';
import { clusterMetricsOf } from '../../platform/cluster-metrics.ts';

export interface MetricsOptions {
  /** The bearer token a scraper must present; none: the route is open (dev mode) or absent (see `serve`). */
  token: string | undefined;
  /** Serve `GET /metrics` at all. The metrics are collected either way. */
  serve: boolean;
}

/**
 * Prometheus metrics at /metrics: process metrics and a histogram of HTTP request durations
 * by route (the route pattern, never the raw URL, so ids and tokens do not become labels).
 * With a token, a scrape must carry `Authorization: Bearer <token>` (compared in constant time)
 * or gets 401; without `serve` the route does not exist (404), as in production without a token.
 * In a worker of `serve --workers N` a scrape answers every worker's metrics summed (platform/cluster-metrics.ts).
 */
export const metricsPlugin = fp<MetricsOptions>(async (app, { token, serve }) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.decorate('metrics', registry);
  // A callback hook, not an async one: it runs on every request and needs no promise.
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    duration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  if (!serve) return;
  const text = cluster.isWorker ? clusterMetricsOf(registry) : () => registry.metrics();
  app.get('/metrics', { schema: { tags: ['operations'], hide: true } }, async (req, reply) => {
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError('unauthorized', 'the metrics token is required (Authorization: Bearer <token>)');
    }
    return reply.type(registry.contentType).send(await text());
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}

import fp from 'fastify-plugin';
import { Registry, collectDefaultMetrics, Histogram } from 'prom-client';

/**
 * Prometheus metrics at /metrics: process metrics and a histogram of HTTP request durations
 * by route (the route pattern, never the raw URL, so ids and tokens do not become labels).
 */
export const metricsPlugin = fp(async (app) => {
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
  app.get('/metrics', { schema: { tags: ['operations'], hide: true } }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
});

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}

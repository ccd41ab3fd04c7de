import { Type } from '@fastify/type-provider-typebox';
import type { RouteModule } from '../modules.ts';

/** Liveness (the process answers) and readiness (the database answers). */
export const healthRoutes: RouteModule = async (app, { services }) => {
  let shuttingDown = false;
  app.addHook('onClose', async () => {
    shuttingDown = true;
  });
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], response: { 200: Type.Object({ status: Type.String() }) } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        response: { 200: Type.Object({ status: Type.String(), database: Type.String() }), 503: Type.Object({ status: Type.String(), database: Type.String() }) },
      },
    },
    async (_req, reply) => {
      if (shuttingDown) return reply.status(503).header('retry-after', '5').send({ status: 'shutting_down', database: services.database.kind });
      try {
        await services.database.ping();
        return { status: 'ready', database: services.database.kind };
      } catch {
        return reply.status(503).header('retry-after', '5').send({ status: 'unavailable', database: services.database.kind });
      }
    },
  );
};

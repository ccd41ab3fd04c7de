import type { RouteModule } from '../http/modules.ts';
import { operationRoutes } from './operation-routes.ts';
import { sessionRoutes } from './session-routes.ts';

/**
 * The online-banking API (issue 4, "Banking API"): JSON under `/api/banking`, the session in the
 * `cerrojo_session` cookie, every POST behind the CSRF token. Nothing of it may be cached.
 */
export const bankingRoutes: RouteModule = async (app, { services }) => {
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/banking/')) reply.header('cache-control', 'no-store');
  });
  sessionRoutes(app, services);
  operationRoutes(app, services);
};

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loggerOptions } from '../platform/logger.ts';
import type { Services } from '../platform/services.ts';
import { csrfPlugin } from './csrf.ts';
import { errorHandler } from './errors.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsPlugin } from './routes/metrics.ts';
import { WEB_PATHS } from './web-paths.ts';
import { routeModules } from './modules.ts';

export type App = FastifyInstance;

export interface AppOptions {
  /** Log to stdout (the server) or not at all (tests). */
  logger?: boolean;
  /** Folder of the built web faces. */
  webDir?: string;
  /** Where log lines go (tests capture them to check redaction); stdout by default. */
  logStream?: { write(line: string): void };
}

/** Builds the HTTP edge: framework plugins, cross-cutting routes and every module's routes. */
export async function buildApp(services: Services, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { ...loggerOptions(services.config.logLevel), ...(options.logStream ? { stream: options.logStream } : {}) },
    logController: new OneLineRequestLog(),
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(errorHandler);
  await app.register(formbody);
  await app.register(cookie);
  await app.register(csrfPlugin, { services });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Cerrojo API',
        version: '0.1.0',
        description:
          'Credential self-service and fraud-alert operations. Admin routes take `Authorization: Bearer <ADMIN_TOKEN>`.',
      },
      components: { securitySchemes: { admin: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(metricsPlugin);
  await app.register(healthRoutes, { services });
  for (const register of routeModules) await app.register(register, { services });

  const webDir = resolve(options.webDir ?? 'dist/web');
  if (existsSync(resolve(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false });
    const page = (_req: unknown, reply: { sendFile(f: string): unknown }) => reply.sendFile('index.html');
    for (const path of WEB_PATHS) app.get(path, { schema: { hide: true } }, page as never);
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('The web faces are not built. Run `npm run build:web` (npm start does it for you).'),
    );
  }
  return app;
}

/**
 * The request log: one line per completed request, with the path but never the query string
 * (it may carry a token), the route pattern, the status and the time taken. Fastify's own
 * request logging writes two lines per request ("incoming request", "request completed") and
 * was most of a plain route's cost (docs/performance.md).
 */
class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const q = req.url.indexOf('?');
    const line = {
      method: req.method,
      path: q === -1 ? req.url : req.url.slice(0, q),
      route: req.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ip: req.ip,
    };
    if (error) req.log.error({ ...line, err: error }, 'request errored');
    else req.log.info(line, 'request');
  }
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { apiDocsEnabled, trustProxyOption, type Config } from '../config/config.ts';
import { logoOrigin, siteInfo } from '../brand/brand.ts';
import { loggerOptions, pathOf } from '../platform/logger.ts';
import type { Services } from '../platform/services.ts';
import { csrfPlugin } from './csrf.ts';
import { errorHandlerFor } from './errors.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsPlugin } from './routes/metrics.ts';
import { rateLimitPlugin } from './rate-limit.ts';
import { DEV_ONLY_WEB_PATHS, WEB_PATHS } from './web-paths.ts';
import { cookieRouteModules, routeModules } from './modules.ts';
import { lazyChildLogger } from './request-logger.ts';

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
  const { config } = services;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { ...loggerOptions(config.logLevel), ...(options.logStream ? { stream: options.logStream } : {}) },
    logController: new OneLineRequestLog(),
    // A request's logger is made when it first logs (request-logger.ts), not for every request.
    childLoggerFactory: lazyChildLogger,
    // Only the configured proxies' X-Forwarded-For is believed (none by default): otherwise any
    // client names its own address and escapes the limits by address (issue 14, finding 8).
    trustProxy: trustProxyOption(config.trustedProxies),
    bodyLimit: 1024 * 1024,
    // A slow or stalled client must not hold a connection (issue 14, finding 11). Node checks
    // `requestTimeout` on a timer (`connectionsCheckingInterval`, 30 s by default): check at
    // least twice per timeout so trickled headers end close to the limit. Node stops timing a
    // request once its headers are in, so the body has its own deadline (`slowBodies`).
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    http: { connectionsCheckingInterval: Math.min(30_000, Math.ceil(config.http.requestTimeoutMs / 2)) },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // The refusals that name the help line ("call {helpPhone}") name the brand's, not the demo's.
  app.setErrorHandler(errorHandlerFor({ helpPhone: siteInfo(config).brand.helpPhone.display }));
  slowBodies(app, config.http.requestTimeoutMs);
  await setSecurityHeaders(app, securityHeaders(config));
  await app.register(formbody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Cerrojo API',
        version: '0.1.0',
        description:
          'Credential self-service and fraud-alert operations. Admin routes take `Authorization: Bearer <ADMIN_TOKEN>`.',
      },
      components: {
        securitySchemes: {
          admin: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN: provisioning (`/api/admin/*`) only' },
          staffSession: { type: 'apiKey', in: 'cookie', name: 'cerrojo_staff', description: 'A console sign-in (`POST /api/staff/login`); the CSRF token in `x-csrf-token` on every change' },
          serviceAccount: { type: 'http', scheme: 'bearer', description: 'A service account of `SERVICE_ACCOUNTS`, acting as `service:<name>` with its configured role' },
        },
      },
    },
  });
  // The document is always built (app.swagger()); it is served only where intended (ASVS 5.0 13.4.5).
  if (apiDocsEnabled(config)) {
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      // Swagger UI's bundle injects a <style> element: inline styles are allowed on /docs alone.
      transformStaticCSP: (header: string) => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
    });
  }
  await app.register(metricsPlugin, { token: config.metricsToken, serve: config.dev || config.metricsToken !== undefined });
  await app.register(rateLimitPlugin, { services });
  await app.register(healthRoutes, { services });
  for (const register of routeModules) await app.register(register, { services });
  // The cookie parser and CSRF only where a cookie is read: one scope for the cookie faces.
  await app.register(async (scope) => {
    await scope.register(cookie);
    await scope.register(csrfPlugin, { services });
    for (const register of cookieRouteModules) await scope.register(register, { services });
  });

  const webDir = resolve(options.webDir ?? 'dist/web');
  if (existsSync(resolve(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: false });
    const page = (_req: unknown, reply: { sendFile(f: string): unknown }) => reply.sendFile('index.html');
    // The web phone and the sent-messages list are dev tools: production does not serve their shells.
    const paths = config.dev ? WEB_PATHS : WEB_PATHS.filter((p) => !(DEV_ONLY_WEB_PATHS as readonly string[]).includes(p));
    for (const path of paths) app.get(path, { schema: { hide: true } }, page as never);
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
export class OneLineRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: req.method,
      path: pathOf(req.url),
      route: req.routeOptions.url ?? null,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ip: req.ip,
    };
    if (error) req.log.error({ ...line, err: error }, 'request errored');
    else req.log.info(line, 'request');
  }

  /** Fastify's own line is `Route GET:/x?password=… not found`: the path only, here. */
  override routeNotFound(req: FastifyRequest): void {
    req.log.info({ method: req.method, path: pathOf(req.url) }, 'route not found');
  }
}

/**
 * A request body must arrive within `ms` of its headers: Node's `requestTimeout` stops counting
 * once the headers are in and the handler runs, so a body trickled a byte at a time would hold
 * the connection for as long as the client likes. When the deadline passes with the body still
 * incomplete, the connection is answered 408 (if nothing was sent yet) and closed. And an answer
 * sent before the body has arrived (a hook's 403, a 413) closes the connection, instead of Node
 * reading and discarding the rest of the body at the client's pace.
 */
export function slowBodies(app: App, ms: number): void {
  // A request with a body still arriving. `complete` is false until the whole request is read
  // (injected requests, in tests, have no such flag); a request without a body can also be
  // incomplete while an answer given at once (a synchronous 404) is sent, so it is not counted.
  const bodyPending = (raw: FastifyRequest['raw']) =>
    raw.complete === false && (raw.headers['content-length'] !== undefined || raw.headers['transfer-encoding'] !== undefined);
  app.addHook('onRequest', (req, reply, done) => {
    const raw = req.raw;
    if (!bodyPending(raw)) return done();
    const timer = setTimeout(() => {
      if (raw.complete) return;
      req.log.info({ method: req.method, path: pathOf(req.url), ms }, 'request body too slow: connection closed');
      const socket = raw.socket;
      if (!reply.raw.headersSent && socket.writable) {
        socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
      } else socket.destroy();
    }, ms);
    timer.unref();
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    if (bodyPending(req.raw)) reply.header('connection', 'close');
    done(null, payload);
  });
}

/**
 * The headers `@fastify/helmet` sets with `options`, in its order and letter case: the plugin
 * runs once, on a throwaway instance, for one injected request. With no per-route helmet
 * options and no CSP nonces they are the same for every answer, and `@fastify/helmet` builds
 * them again on every request (it calls `helmet(options)`, which parses the CSP directives,
 * each time: a fifth of a plain route's cost, docs/performance.md).
 */
export async function helmetHeaders(options: ReturnType<typeof securityHeaders>): Promise<[string, string | number | readonly string[]][]> {
  const probe = Fastify({ logger: false });
  let headers: [string, string | number | readonly string[]][] = [];
  await probe.register(helmet, options);
  probe.addHook('onRequest', (_req, reply, done) => {
    // The names as helmet wrote them (Node keeps their case; @types/node lacks the method).
    const raw = reply.raw as typeof reply.raw & { getRawHeaderNames(): string[] };
    headers = raw.getRawHeaderNames().map((name) => [name, raw.getHeader(name)!]);
    done();
  });
  probe.get('/', async () => '');
  await probe.inject({ url: '/' });
  await probe.close();
  return headers;
}

/**
 * Sets helmet's headers (`helmetHeaders`) on every answer, from one root `onRequest` hook, as
 * `@fastify/helmet` does: before any route or the not-found handler runs, so every answer
 * carries them, and `@fastify/swagger-ui`'s `transformStaticCSP` still rewrites /docs' CSP.
 * (Helmet also removes `X-Powered-By`, which neither Node nor Fastify sets.)
 */
export async function setSecurityHeaders(app: App, options: ReturnType<typeof securityHeaders>): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
}

/**
 * The security headers of every answer (issue 14, finding 7), through `@fastify/helmet`:
 *
 * - a Content-Security-Policy that loads scripts, styles, workers and connections from this
 *   origin only (no inline script or style: the web app is a built bundle, the captcha widget
 *   is ALTCHA's "external" build with its stylesheet and worker as files), images also from
 *   `data:` (Swagger UI's icons), `object-src` and `base-uri` 'none' (ASVS 5.0 3.4.3), and
 *   `frame-ancestors 'none'` (3.4.6) with `X-Frame-Options: DENY` for older browsers. Only the
 *   /docs pages (Swagger UI, off in production by default) also allow inline styles;
 * - `Strict-Transport-Security` for a year with subdomains, outside dev mode only (3.4.1): a
 *   dev setup ever served over TLS on localhost would otherwise pin every local port to https
 *   for a year;
 * - `X-Content-Type-Options: nosniff` (3.4.4) and `Referrer-Policy: no-referrer` (3.4.5);
 * - helmet's cross-origin isolation headers (COOP, CORP same-origin; 3.4.8).
 */
export function securityHeaders(config: Config) {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'"],
        // A brand logo given as an https:// address is loaded from its origin.
        'img-src': ["'self'", 'data:', ...[logoOrigin(config.brand)].filter((o) => o !== null)],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'worker-src': ["'self'"],
        'manifest-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    strictTransportSecurity: config.dev ? false : { maxAge: 31_536_000, includeSubDomains: true, preload: false },
    xFrameOptions: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    crossOriginEmbedderPolicy: false,
  };
}

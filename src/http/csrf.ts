import csrfProtection from '@fastify/csrf-protection';
import type { FastifyPluginAsync, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { secureCookies } from '../config/config.ts';
import type { Services } from '../platform/services.ts';

/** Name of the cookie that holds the CSRF secret (HttpOnly; the page never reads it). */
export const CSRF_COOKIE = 'cerrojo_csrf';
/** Header a page sends its CSRF token in on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * CSRF protection for the customer faces (OWASP CSRF Prevention Cheat Sheet, SECURITY.md
 * "CSRF tokens on every state-changing form"): @fastify/csrf-protection keeps a secret in an
 * HttpOnly, SameSite=Strict cookie; `GET /api/csrf` hands the page a token derived from it;
 * routes that change state add `onRequest: app.csrfProtection` (or `requireCsrf`) and the
 * page sends the token in the `x-csrf-token` header. A missing or wrong token is a 403 with
 * `reason: "csrf"`. Works before login too (login CSRF), and nothing is kept in memory.
 */
const plugin: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  await app.register(csrfProtection, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies(services.config) },
    getToken: (req) => {
      const value = req.headers[CSRF_HEADER];
      return typeof value === 'string' ? value : undefined;
    },
  });
  app.get(
    '/api/csrf',
    {
      schema: {
        tags: ['web'],
        summary: 'A CSRF token for the web pages',
        description: `Sets the HttpOnly secret cookie \`${CSRF_COOKIE}\` and returns a token to send in the \`${CSRF_HEADER}\` header of every POST of the customer faces.`,
        response: { 200: Type.Object({ token: Type.String() }) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return { token: reply.generateCsrf() };
    },
  );
};

export const csrfPlugin = fp(plugin, { name: 'cerrojo-csrf' });

/** The hook that rejects a request without a valid CSRF token. */
export function requireCsrf(app: { csrfProtection: onRequestHookHandler }): onRequestHookHandler {
  return app.csrfProtection;
}

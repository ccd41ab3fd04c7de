import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { secureCookies } from '../config/config.ts';
import { phoneEnding } from '../customers/mask.ts';
import type { Services } from '../platform/services.ts';
import { requireCaller, type AccessOptions, type Caller } from './access.ts';
import { doc, LoginBody, LoginReply, OperationReply, PasswordBody, SessionReply } from './api-schemas.ts';
import { login } from './login.ts';
import { operationView } from './operation-view.ts';
import { passwordLimits, requestPasswordChange } from './password-change.ts';
import { identityOf } from '../http/rate-limit.ts';
import { sessionExpiresAt } from './session-rules.ts';
import { endSession, sessionIdHash } from './sessions-store.ts';

/** The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS; it holds a random token only. */
export const SESSION_COOKIE = 'cerrojo_session';


export const sessionToken = (req: FastifyRequest): string | undefined => req.cookies[SESSION_COOKIE] || undefined;

/** The authenticated caller of a request (see access.ts for the checks, in order). */
export function caller(services: Services, req: FastifyRequest, options?: AccessOptions): Promise<Caller> {
  return requireCaller(services.db, services, sessionToken(req), options);
}

function setSessionCookie(services: Services, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies(services.config) });
}

/** Login, logout, the session and the forced password change (seed 001 step 5). */
export function sessionRoutes(plain: FastifyInstance, services: Services): void {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const csrf = { onRequest: app.csrfProtection };
  const idleSeconds = services.config.web.sessionIdleSeconds;

  // Throttled by address, then by user code (issue 14, finding 8), before any password is checked.
  const loginGuard = app.credentialGuard('login', { identity: (req) => identityOf((req.body as { userCode?: string } | undefined)?.userCode) });
  app.post('/api/banking/login', { ...csrf, preHandler: loginGuard, schema: { ...doc, summary: 'Log in with user code and password', body: LoginBody, response: { 200: LoginReply } } }, async (req, reply) => {
    const result = await login(services.db, services, { ...req.body, previousToken: sessionToken(req) });
    setSessionCookie(services, reply, result.token);
    return { state: result.session.state, customer: { name: result.name }, idleSeconds };
  });

  app.post('/api/banking/logout', { ...csrf, schema: { ...doc, summary: 'End the session', response: { 204: { type: 'null' } } } }, async (req, reply) => {
    const token = sessionToken(req);
    if (token) await endSession(services.db, services, sessionIdHash(services.hasher, token), 'logout');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/banking/session', { schema: { ...doc, summary: 'The current session; counts as activity', response: { 200: SessionReply } } }, async (req) => {
    const who = await caller(services, req, { duringPasswordChange: true });
    const touched = { ...who.session, last_seen_at: services.clock.now() };
    return {
      state: who.session.state,
      customer: { name: who.customer.name, userCode: who.user.user_code },
      profile: who.user.profile,
      mobileEnding: who.customer.mobile ? phoneEnding(who.customer.mobile) : null,
      idleSeconds,
      expiresAt: sessionExpiresAt(touched, services.config.web).toISOString(),
      passwordLimits: passwordLimits(services.config.limits),
    };
  });

  app.post('/api/banking/password', { ...csrf, schema: { ...doc, summary: 'Ask for a password change: an operation to sign with the SMS code', body: PasswordBody, response: { 201: OperationReply } } }, async (req, reply) => {
    const who = await caller(services, req, { duringPasswordChange: true });
    const op = await requestPasswordChange(services.db, services, who, req.body);
    return reply.code(201).send({ operation: operationView(op, who.customer.mobile) });
  });
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { sessionExpiresAt } from '../banking/session-rules.ts';
import { Nullable, Refusal } from '../backoffice/cases/views.ts';
import { secureCookies } from '../config/config.ts';
import type { RouteModule } from '../http/modules.ts';
import type { Services } from '../platform/services.ts';
import { staffLogin } from './login.ts';
import type { StaffAccount } from './schema.ts';
import { requireStaffSession, STAFF_COOKIE, staffToken } from './session-access.ts';
import { endStaffSession, findStaffSession, staffSessionHash } from './sessions.ts';
import { staffError } from './errors.ts';
import { oidcLogoutUrl } from './oidc.ts';

/**
 * Staff sign-in for the agent console (issue 6): login, logout and who is signed in. The session
 * lives in the `cerrojo_staff` cookie; every POST carries the CSRF token (login too: login CSRF).
 */
const doc = { tags: ['staff'] };

export const StaffView = Type.Object({
  id: Type.String({ description: 'The staff id: timelines and owners read `staff:<id>`' }),
  username: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('agent'), Type.Literal('supervisor'), Type.Literal('branch'), Type.Literal('admin'), Type.Literal('fraud')]),
  officeCode: Nullable(Type.String({ description: 'A branch user’s office' })),
});
const MeReply = Type.Object({
  staff: StaffView,
  idleSeconds: Type.Integer({ description: 'The session ends after this long without a request' }),
  expiresAt: Type.String({ format: 'date-time', description: 'When the session ends if no request comes first' }),
});

export const staffView = (a: StaffAccount) => ({ id: a.id, username: a.id, name: a.name, role: a.role, officeCode: a.office_code });

/** Sets the staff session cookie (password and single sign-on alike). */
export function setStaffCookie(services: Services, reply: FastifyReply, token: string): void {
  reply.setCookie(STAFF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies(services.config) });
}

export const staffRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const csrf = { onRequest: app.csrfProtection };
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));

  app.post(
    '/api/staff/login',
    {
      ...csrf,
      // By address first, so one source cannot lock every agent out by name (issue 14, findings 8 and 10).
      preHandler: app.credentialGuard('staffLogin', { identity: (req) => (req.body as { username?: string } | undefined)?.username?.normalize('NFKC').toLowerCase() }),
      schema: {
        ...doc,
        summary: 'Sign in to the console',
        description: `Sets the HttpOnly session cookie \`${STAFF_COOKIE}\`. 403 \`local_login_off\` when password sign-in is turned off (\`STAFF_LOCAL_LOGIN=false\`: single sign-on only). A wrong user name or password is 401 \`invalid_credentials\` (the same for an unknown user); the failure that reaches \`console.loginAttempts\` (10) locks the account for \`console.lockMinutes\` (30): 429 \`locked\`, also for the right password while it lasts.`,
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000\\p{Cs}]*$' }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ staff: StaffView }), 400: Refusal, 401: Refusal, 403: Refusal, 429: Refusal },
      },
    },
    async (req, reply) => {
      if (!services.config.console.localLogin) throw staffError('local_login_off', 'password sign-in is turned off: use single sign-on');
      const { token, account } = await staffLogin(services.db, services, { ...req.body, previousToken: staffToken(req) });
      setStaffCookie(services, reply, token);
      return { staff: staffView(account) };
    },
  );

  app.post(
    '/api/staff/logout',
    {
      ...csrf,
      schema: {
        ...doc,
        summary: 'Sign out',
        description: 'Ends the session here (204). A session opened through single sign-on whose provider has an `end_session_endpoint` answers 200 with `endSessionUrl`: the provider’s own sign-out (RP-initiated logout, with the ID token as hint), where the console sends the browser next.',
        response: { 200: Type.Object({ endSessionUrl: Type.String({ format: 'uri' }) }), 204: Type.Null(), 403: Refusal },
      },
    },
    async (req, reply) => {
      const token = staffToken(req);
      const session = token ? await findStaffSession(services.db, services, token) : undefined;
      if (token) await endStaffSession(services.db, services, staffSessionHash(services.hasher, token), 'logout');
      reply.clearCookie(STAFF_COOKIE, { path: '/' });
      const endSessionUrl = session && !session.ended_at ? await oidcLogoutUrl(services, session.oidc_id_token_sealed) : undefined;
      if (endSessionUrl) return { endSessionUrl };
      return reply.code(204).send(null);
    },
  );

  app.get('/api/staff/me', { schema: { ...doc, summary: 'Who is signed in; counts as activity', response: { 200: MeReply, 401: Refusal } } }, async (req) => {
    const { session, account } = await requireStaffSession(services.db, services, staffToken(req));
    const limits = services.config.console;
    return { staff: staffView(account), idleSeconds: limits.sessionIdleSeconds, expiresAt: sessionExpiresAt({ ...session, last_seen_at: services.clock.now() }, limits).toISOString() };
  });
};

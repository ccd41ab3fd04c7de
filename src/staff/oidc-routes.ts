import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Refusal } from '../backoffice/cases/views.ts';
import { oidcEnabled, oidcRedirectUri, secureCookies } from '../config/config.ts';
import type { RouteModule } from '../http/modules.ts';
import { isAppError } from '../platform/errors.ts';
import { STAFF_REASONS } from './errors.ts';
import { finishOidcLogin, OIDC_LOGIN_COOKIE, OIDC_LOGIN_TTL_SECONDS, startOidcLogin } from './oidc.ts';
import { setStaffCookie } from './routes.ts';
import { staffToken } from './session-access.ts';

/**
 * Staff single sign-on over HTTP (issue 15, section 3): the ways the console's sign-in page
 * offers, the start of a sign-in at the provider and the provider's callback. Both legs are
 * browser navigations: a refusal sends the browser back to the console's sign-in page with
 * `?signin_error=<reason>`, which the page shows in the person's language.
 */
const doc = { tags: ['staff'] };
const COOKIE_PATH = '/api/staff/oidc';
const CONSOLE = '/console';

const AuthMethods = Type.Object({
  localLogin: Type.Boolean({ description: 'Sign-in with a user name and password kept here' }),
  oidc: Type.Object({
    enabled: Type.Boolean({ description: 'Sign-in through the bank’s identity provider (`GET /api/staff/oidc/start`)' }),
    label: Type.Union([Type.String(), Type.Null()], { description: 'The button’s text when configured (`OIDC_LABEL`); null for the console’s own words' }),
  }),
});

const isStaffReason = (reason: string | undefined): reason is keyof typeof STAFF_REASONS => reason !== undefined && Object.hasOwn(STAFF_REASONS, reason);

export const staffOidcRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = services;
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  const backToLogin = (reason: string) => `${CONSOLE}?signin_error=${encodeURIComponent(reason)}`;

  app.get('/api/staff/auth-methods', { schema: { ...doc, summary: 'How staff may sign in (for the console’s sign-in page)', response: { 200: AuthMethods } } }, async () => ({
    localLogin: config.console.localLogin,
    oidc: { enabled: oidcEnabled(config), label: config.console.oidc.label ?? null },
  }));

  app.get(
    '/api/staff/oidc/start',
    {
      schema: {
        ...doc,
        summary: 'Start single sign-on at the bank’s identity provider',
        description: `Redirects (302) to the provider’s authorization endpoint with a new state, nonce and PKCE challenge (S256), kept in the database under the sign-in cookie \`${OIDC_LOGIN_COOKIE}\` (HttpOnly, SameSite=Lax, ${OIDC_LOGIN_TTL_SECONDS} s). 404 \`oidc_off\` when single sign-on is not configured; 503 \`oidc_unavailable\` when the provider cannot be reached (a browser asking for HTML is sent back to the sign-in page with that reason instead).`,
        response: { 302: Type.Null(), 404: Refusal, 503: Refusal },
      },
    },
    async (req, reply) => {
      try {
        const { token, url } = await startOidcLogin({ ...services, config }, oidcRedirectUri(config)!);
        reply.setCookie(OIDC_LOGIN_COOKIE, token, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: secureCookies(config), maxAge: OIDC_LOGIN_TTL_SECONDS });
        return reply.redirect(url.href, 302);
      } catch (err) {
        if (isAppError(err) && err.reason === 'oidc_unavailable' && (req.headers.accept ?? '').includes('text/html')) {
          req.log.warn({ reason: err.reason, detail: err.message }, 'single sign-on: provider unavailable');
          return reply.redirect(backToLogin(err.reason), 302);
        }
        throw err;
      }
    },
  );

  app.get(
    '/api/staff/oidc/callback',
    {
      schema: {
        ...doc,
        summary: 'The provider’s redirect back after single sign-on',
        description:
          'Exchanges the code (with the PKCE verifier; state and nonce checked), maps the claims to a role and office, finds or creates the account of (issuer, subject), opens the staff session (`cerrojo_staff`, as a password sign-in does) and redirects (303) to `/console`. Any refusal redirects to `/console?signin_error=<reason>`: `oidc_expired` (no, used or expired sign-in), `oidc_failed` (the provider refused, or the state, nonce or code did not check), `oidc_no_role`, `oidc_no_office`, `oidc_disabled`, `oidc_unavailable`, `oidc_off`.',
        response: { 303: Type.Null() },
      },
    },
    async (req, reply) => {
      reply.clearCookie(OIDC_LOGIN_COOKIE, { path: COOKIE_PATH });
      // The URL the provider called, rebuilt from configuration: never from the request's Host.
      const callbackUrl = new URL(oidcRedirectUri(config)!);
      const query = req.url.indexOf('?');
      callbackUrl.search = query >= 0 ? req.url.slice(query) : '';
      try {
        const { token } = await finishOidcLogin({ ...services, config }, { loginToken: req.cookies[OIDC_LOGIN_COOKIE], callbackUrl, previousToken: staffToken(req) });
        setStaffCookie(services, reply, token);
        return reply.redirect(CONSOLE, 303);
      } catch (err) {
        if (!isAppError(err) || !isStaffReason(err.reason)) throw err;
        req.log.info({ reason: err.reason }, 'single sign-on refused');
        return reply.redirect(backToLogin(err.reason), 303);
      }
    },
  );
};

import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionStatus } from '../banking/session-rules.ts';
import type { ConsoleConfig } from '../config/config.ts';
import type { Executor } from '../platform/db/database.ts';
import { staffError } from './errors.ts';
import type { StaffAccount, StaffSession } from './schema.ts';
import { endStaffSession, findStaffSession, touchStaffSession, type StaffSessionDeps } from './sessions.ts';
import { staffDb } from './schema.ts';

/** The staff session cookie: HttpOnly, SameSite=Strict, Secure behind TLS; a random token only. */
export const STAFF_COOKIE = 'cerrojo_staff';

export interface StaffAccessDeps extends StaffSessionDeps {
  config: { console: Pick<ConsoleConfig, 'sessionIdleSeconds' | 'sessionMaxSeconds'> };
}

export const staffToken = (req: FastifyRequest): string | undefined => req.cookies[STAFF_COOKIE] || undefined;

/**
 * The live session a cookie names and its account, in order: the session exists and is live
 * (inactivity and maximum life from the Services clock, the same rule as online banking's), the
 * account is not disabled, and the request counts as activity unless `touch` is false (the
 * live-update stream re-checks without keeping a session alive).
 */
export async function requireStaffSession(ex: Executor, deps: StaffAccessDeps, token: string | undefined, touch = true): Promise<{ session: StaffSession; account: StaffAccount }> {
  const session = token ? await findStaffSession(ex, deps, token) : undefined;
  if (!session || session.ended_at) {
    const expired = session?.end_reason === 'idle' || session?.end_reason === 'max';
    throw expired ? staffError('session_expired', 'the session has expired') : staffError('no_session', 'no staff session');
  }
  const status = sessionStatus(session, deps.clock.now(), deps.config.console);
  if (status !== 'live') {
    await endStaffSession(ex, deps, session.id_hash, status === 'idle_expired' ? 'idle' : 'max');
    throw staffError('session_expired', 'the session has expired');
  }
  const account = await staffDb(ex).selectFrom('staff_accounts').selectAll().where('id', '=', session.staff_id).executeTakeFirstOrThrow();
  if (account.disabled_at) {
    await endStaffSession(ex, deps, session.id_hash, 'disabled');
    throw staffError('no_session', 'the account is disabled');
  }
  if (touch) await touchStaffSession(ex, deps, session.id_hash);
  return { session, account };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF check of `src/http/csrf.ts` for a request already in its handler: cookie-authenticated
 * staff requests that change state must carry the token, on every back-office route alike,
 * without each route declaring the hook. Rejects with the plugin's own error (403 `csrf`).
 */
export function checkStaffCsrf(req: FastifyRequest): Promise<void> {
  if (SAFE_METHODS.has(req.method)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    // The cookie-secret variant of the hook reads only the request; a failure goes to `send`.
    const reply = { send: reject } as unknown as FastifyReply;
    void req.server.csrfProtection.call(req.server, req, reply, (err?: unknown) => (err ? reject(err) : resolve()));
  });
}

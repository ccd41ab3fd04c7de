import { appendAudit } from '../audit/audit.ts';
import { inTransaction, type ClockDeps } from '../customers/store-support.ts';
import type { KeyedHasher } from '../platform/crypto.ts';
import { randomToken } from '../platform/crypto.ts';
import type { Executor } from '../platform/db/database.ts';
import { banking, type BankingSession, type SessionState } from './schema.ts';

/**
 * Online-banking sessions in the database (any instance serves any request). The cookie holds a
 * random 256-bit token; the row holds only its keyed hash, so a copy of the table opens nothing.
 */
export interface SessionDeps extends ClockDeps {
  hasher: KeyedHasher;
}

export const sessionIdHash = (hasher: KeyedHasher, token: string): string => hasher.hash('banking.session', token);

/**
 * Opens a new session (a new id at every login, ASVS 5.0 §7.2.4), ending the one the browser
 * still carried, if any. Returns the token for the cookie.
 */
export function openSession(ex: Executor, deps: SessionDeps, input: { customerId: string; state: SessionState; previousToken?: string | undefined }): Promise<{ token: string; session: BankingSession }> {
  return inTransaction(ex, async (tx) => {
    const at = deps.clock.now();
    if (input.previousToken) await endSession(tx, deps, sessionIdHash(deps.hasher, input.previousToken), 'replaced');
    const token = randomToken();
    const session = await banking(tx)
      .insertInto('banking_sessions')
      .values({ id_hash: sessionIdHash(deps.hasher, token), customer_id: input.customerId, state: input.state, created_at: at, last_seen_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { token, session };
  });
}

/** The session a cookie names, live or not; undefined when there is none. */
export function findSession(ex: Executor, deps: SessionDeps, token: string): Promise<BankingSession | undefined> {
  return banking(ex).selectFrom('banking_sessions').selectAll().where('id_hash', '=', sessionIdHash(deps.hasher, token)).executeTakeFirst();
}

/** Records activity: the inactivity limit counts from here. */
export async function touchSession(ex: Executor, deps: ClockDeps, idHash: string): Promise<void> {
  await banking(ex).updateTable('banking_sessions').set({ last_seen_at: deps.clock.now() }).where('id_hash', '=', idHash).where('ended_at', 'is', null).execute();
}

/** Ends one session (logout, expiry, replaced); audited when it was live. */
export async function endSession(ex: Executor, deps: ClockDeps, idHash: string, reason: string): Promise<void> {
  const at = deps.clock.now();
  const row = await banking(ex)
    .updateTable('banking_sessions')
    .set({ ended_at: at, end_reason: reason })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .returning('customer_id')
    .executeTakeFirst();
  if (row) await appendAudit(ex, { at, actor: `customer:${row.customer_id}`, action: 'banking.session_ended', customerId: row.customer_id, subject: 'online_banking', details: { reason } });
}

/** Ends every live session of the customer except `keep` (after a password change, ASVS 5.0 §7.4.3). */
export async function endCustomerSessions(ex: Executor, deps: ClockDeps, customerId: string, reason: string, keep?: string): Promise<number> {
  const at = deps.clock.now();
  let query = banking(ex).updateTable('banking_sessions').set({ ended_at: at, end_reason: reason }).where('customer_id', '=', customerId).where('ended_at', 'is', null);
  if (keep) query = query.where('id_hash', '!=', keep);
  const ended = await query.returning('id_hash').execute();
  if (ended.length > 0) await appendAudit(ex, { at, actor: 'system', action: 'banking.sessions_ended', customerId, subject: 'online_banking', details: { reason, count: ended.length } });
  return ended.length;
}

/** Moves a session from the forced password change to full use. */
export async function activateSession(ex: Executor, idHash: string): Promise<void> {
  await banking(ex).updateTable('banking_sessions').set({ state: 'active' }).where('id_hash', '=', idHash).where('ended_at', 'is', null).execute();
}

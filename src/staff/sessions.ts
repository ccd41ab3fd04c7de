import { appendAudit } from '../audit/audit.ts';
import type { ClockDeps } from '../customers/store-support.ts';
import type { KeyedHasher } from '../platform/crypto.ts';
import { randomToken } from '../platform/crypto.ts';
import type { Executor } from '../platform/db/database.ts';
import { staffDb, type StaffSession } from './schema.ts';

/**
 * Staff sessions in the database (any instance serves any request). The cookie holds a random
 * 256-bit token; the row only its keyed hash, under a purpose of its own.
 */
export interface StaffSessionDeps extends ClockDeps {
  hasher: KeyedHasher;
}

export const staffSessionHash = (hasher: KeyedHasher, token: string): string => hasher.hash('staff.session', token);

/**
 * Opens a session (a new token at every login), ending the one the browser still carried. A
 * single sign-on session keeps the provider's ID token, sealed, for the provider's logout.
 */
export async function openStaffSession(ex: Executor, deps: StaffSessionDeps, staffId: string, previousToken?: string, sealedIdToken: string | null = null): Promise<string> {
  const at = deps.clock.now();
  if (previousToken) await endStaffSession(ex, deps, staffSessionHash(deps.hasher, previousToken), 'replaced');
  const token = randomToken();
  await staffDb(ex).insertInto('staff_sessions').values({ id_hash: staffSessionHash(deps.hasher, token), staff_id: staffId, created_at: at, last_seen_at: at, oidc_id_token_sealed: sealedIdToken }).execute();
  return token;
}

export function findStaffSession(ex: Executor, deps: StaffSessionDeps, token: string): Promise<StaffSession | undefined> {
  return staffDb(ex).selectFrom('staff_sessions').selectAll().where('id_hash', '=', staffSessionHash(deps.hasher, token)).executeTakeFirst();
}

/** Records activity: the inactivity limit counts from here. */
export async function touchStaffSession(ex: Executor, deps: ClockDeps, idHash: string): Promise<void> {
  await staffDb(ex).updateTable('staff_sessions').set({ last_seen_at: deps.clock.now() }).where('id_hash', '=', idHash).where('ended_at', 'is', null).execute();
}

/** Ends one session (logout, expiry, replaced); audited when it was live. */
export async function endStaffSession(ex: Executor, deps: ClockDeps, idHash: string, reason: string): Promise<void> {
  const at = deps.clock.now();
  const row = await staffDb(ex).updateTable('staff_sessions').set({ ended_at: at, end_reason: reason }).where('id_hash', '=', idHash).where('ended_at', 'is', null).returning('staff_id').executeTakeFirst();
  if (row) await appendAudit(ex, { at, actor: `staff:${row.staff_id}`, action: 'staff.session_ended', subject: 'console', details: { reason } });
}

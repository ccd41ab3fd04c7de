import { sql, type ColumnType } from 'kysely';
import type { Clock } from './clock.ts';
import type { KeyedHasher } from './crypto.ts';
import type { Executor } from './db/database.ts';

/**
 * Failed sign-ins of identities that match no account (issue 14, finding 10). A lockout tells
 * an attacker which accounts exist if only real ones ever lock: so a user code or a staff name
 * that matches nobody is counted too, under a keyed hash, and answers "blocked" or "locked"
 * when a real account would. Nothing here is an account: no secret, no name in clear.
 */
export type UnknownRealm = 'online_banking' | 'staff';

type UnknownIdentityFailuresTable = {
  realm: UnknownRealm;
  key_hash: string;
  failures: number;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: ColumnType<Date, Date | string, Date | string>;
};
type Tables = { unknown_identity_failures: UnknownIdentityFailuresTable };

export interface UnknownIdentityDeps {
  hasher: KeyedHasher;
  clock: Clock;
}

const table = (ex: Executor) => ex.withTables<Tables>();
const keyOf = (deps: UnknownIdentityDeps, realm: UnknownRealm, identity: string) => deps.hasher.hash(`unknown-identity:${realm}`, identity);

/** Until when an unknown identity is locked, if it is (the staff realm's timed lock). */
export async function unknownLockedUntil(ex: Executor, deps: UnknownIdentityDeps, realm: UnknownRealm, identity: string): Promise<Date | null> {
  const row = await table(ex).selectFrom('unknown_identity_failures').select('locked_until').where('realm', '=', realm).where('key_hash', '=', keyOf(deps, realm, identity)).executeTakeFirst();
  const until = row?.locked_until ?? null;
  return until && until.getTime() > deps.clock.now().getTime() ? until : null;
}

/**
 * Counts one failure of an unknown identity; returns the count so far. With `lock`, the
 * failure that reaches `lock.attempts` locks it until `lock.until` and starts the count again,
 * as a staff account's lock does (`staff/login.ts`).
 */
export async function countUnknownFailure(ex: Executor, deps: UnknownIdentityDeps, realm: UnknownRealm, identity: string, lock?: { attempts: number; until: Date }): Promise<{ failures: number; lockedUntil: Date | null }> {
  const now = deps.clock.now();
  const reaches = lock ? sql<boolean>`unknown_identity_failures.failures + 1 >= ${lock.attempts}` : sql<boolean>`false`;
  const row = await table(ex)
    .insertInto('unknown_identity_failures')
    .values({ realm, key_hash: keyOf(deps, realm, identity), failures: lock && lock.attempts <= 1 ? 0 : 1, locked_until: lock && lock.attempts <= 1 ? lock.until : null, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['realm', 'key_hash']).doUpdateSet({
        failures: sql<number>`case when ${reaches} then 0 else unknown_identity_failures.failures + 1 end`,
        locked_until: lock ? sql<Date>`case when ${reaches} then ${lock.until.toISOString()}::timestamptz else unknown_identity_failures.locked_until end` : sql<Date>`unknown_identity_failures.locked_until`,
        updated_at: now,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  const lockedUntil = row.locked_until && row.locked_until.getTime() > now.getTime() ? row.locked_until : null;
  return { failures: row.failures, lockedUntil };
}

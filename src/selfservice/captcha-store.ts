import type { KeyedHasher } from '../platform/crypto.ts';
import type { Executor } from '../platform/db/database.ts';
import type { SelfserviceTables } from './schema.ts';

/**
 * Spends a solved challenge: true the first time, false on any replay. The primary key makes
 * two concurrent submissions of one payload end with exactly one winner; rows are deleted once
 * their challenge has expired (an expired challenge is refused anyway).
 */
export async function spendChallenge(ex: Executor, hasher: KeyedHasher, nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
  const db = ex.withTables<SelfserviceTables>();
  // One statement: the expired rows go as the challenge is spent.
  const row = await db
    .with('purged', (q) => q.deleteFrom('captcha_spent').where('expires_at', '<=', now))
    .insertInto('captcha_spent')
    .values({ challenge_hash: hasher.hash('altcha.spent', nonce), expires_at: expiresAt })
    .onConflict((oc) => oc.column('challenge_hash').doNothing())
    .returning('challenge_hash')
    .executeTakeFirst();
  return row !== undefined;
}

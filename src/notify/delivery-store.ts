import { sql, type Updateable } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { OutboxMessage, OutboxTable } from '../platform/db/schema.ts';

/** A message a worker holds the lease on; `attempts` already counts the current attempt. */
export type ClaimedMessage = OutboxMessage;

/**
 * Claims up to `limit` due messages for one worker: pending ones whose time has come and
 * "sending" ones whose lease ran out (their worker died between claim and send). `SKIP LOCKED`
 * lets several workers claim at once without waiting on, or taking, each other's rows; the claim
 * commits on its own so the lease is visible to every other worker before anything is sent.
 */
export async function claimDue(db: Db, now: Date, leaseMs: number, maxAttempts: number, limit: number): Promise<ClaimedMessage[]> {
  return claim(db, db, now, leaseMs, maxAttempts, limit).execute();
}

/**
 * `failExhausted` and then `claimDue`, in one statement (a data-modifying CTE): the worker's
 * round. The two touch disjoint rows (attempts at the limit, attempts below it), so the one
 * snapshot they share decides nothing differently from two statements in a row.
 */
export async function sweepAndClaimDue(db: Db, now: Date, leaseMs: number, maxAttempts: number, limit: number): Promise<ClaimedMessage[]> {
  return claim(db.with('exhausted', (qb) => exhaustedUpdate(qb, now, maxAttempts)), db, now, leaseMs, maxAttempts, limit).execute();
}

// `top` writes (with the sweep's CTE, when there is one); the subquery comes from `db` alone.
function claim(top: Pick<Db, 'updateTable'>, db: Db, now: Date, leaseMs: number, maxAttempts: number, limit: number) {
  const due = db
    .selectFrom('outbox')
    .select('id')
    .where('attempts', '<', maxAttempts)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('locked_until', '<=', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  return top
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), locked_until: new Date(now.getTime() + leaseMs) }))
    .where('id', 'in', due)
    .returningAll();
}

/**
 * Gives up messages that can no longer be claimed: a lease that ran out on the last attempt
 * (we cannot know whether it was sent, and we promised at most `maxAttempts` tries), or
 * pending ones left over after `maxAttempts` was lowered. Their sealed body is dropped.
 */
export async function failExhausted(db: Db, now: Date, maxAttempts: number): Promise<number> {
  const result = await exhaustedUpdate(db, now, maxAttempts).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function exhaustedUpdate(db: Pick<Db, 'updateTable'>, now: Date, maxAttempts: number) {
  return db
    .updateTable('outbox')
    .set({ status: 'failed', body: null, locked_until: null, last_error: 'no attempts left' })
    .where('attempts', '>=', maxAttempts)
    .where((eb) =>
      eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('locked_until', '<=', now)])]),
    );
}

/** Records a delivery and drops the sealed body (the one-time code it carried). */
export async function markSent(db: Db, message: ClaimedMessage, providerId: string, now: Date): Promise<boolean> {
  return update(db, message, { status: 'sent', provider_id: providerId, sent_at: now, body: null, locked_until: null, last_error: null });
}

/**
 * `markSent` for several messages in one statement: each recorded only while this worker still
 * holds its lease (same status and attempt number). Returns the ids it recorded.
 */
export async function markSentMany(db: Db, sent: readonly { message: ClaimedMessage; providerId: string }[], now: Date): Promise<Set<number>> {
  if (sent.length === 0) return new Set();
  const rows = sent.map(({ message, providerId }) => sql`(${message.id}::bigint, ${message.attempts}::int, ${providerId}::text)`);
  const result = await sql<{ id: number | string }>`
    update outbox set status = 'sent', provider_id = v.provider_id, sent_at = ${now}::timestamptz, body = null, locked_until = null, last_error = null
    from (values ${sql.join(rows)}) as v(id, attempts, provider_id)
    where outbox.id = v.id and outbox.status = 'sending' and outbox.attempts = v.attempts
    returning outbox.id`.execute(db);
  return new Set(result.rows.map((r) => Number(r.id)));
}

/** Puts a message back in the queue for another attempt at `nextAttemptAt`. */
export async function markRetry(db: Db, message: ClaimedMessage, nextAttemptAt: Date, error: string): Promise<boolean> {
  return update(db, message, { status: 'pending', next_attempt_at: nextAttemptAt, locked_until: null, last_error: error });
}

/** Gives a message up for good and drops its sealed body. */
export async function markFailed(db: Db, message: ClaimedMessage, error: string): Promise<boolean> {
  return update(db, message, { status: 'failed', body: null, locked_until: null, last_error: error });
}

// An outcome applies only while this worker still holds the lease it claimed (same status and
// attempt number): a worker that outlived its lease must not overwrite the outcome of the
// worker that took the message over.
async function update(db: Db, message: ClaimedMessage, set: Updateable<OutboxTable>): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set(set)
    .where('id', '=', message.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', message.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

import { randomUUID } from 'node:crypto';
import type { KeyedHasher } from '../platform/crypto.ts';
import { randomToken } from '../platform/crypto.ts';
import type { Executor } from '../platform/db/database.ts';
import type { RecoveryStep } from './flow.ts';
import type { RecoveryFlow, SelfserviceTables } from './schema.ts';

/**
 * Storage of recovery flows. The browser's cookie holds a random token; the table keeps only
 * its keyed hash, so a database reader cannot take over a flow.
 */
const tables = (ex: Executor) => ex.withTables<SelfserviceTables>();
const tokenHash = (hasher: KeyedHasher, token: string) => hasher.hash('recovery.flow', token);
const purgeBefore = (now: Date) => new Date(now.getTime() - 86_400_000);

export interface NewFlow {
  customerId: string | null;
  cardId: string | null;
  step: RecoveryStep;
  now: Date;
  expiresAt: Date;
  /** Created with its code sent (`code_sent`): when. */
  lastCodeAt?: Date;
}

/**
 * Creates a flow; returns it with the token for the cookie (never stored). The flows that
 * ended more than a day ago are purged in the same statement (they hold no secret;
 * the audit log keeps the story).
 */
export async function createFlow(ex: Executor, hasher: KeyedHasher, flow: NewFlow): Promise<{ flow: RecoveryFlow; token: string }> {
  const token = randomToken();
  const row = await tables(ex)
    .with('purged', (db) => db.deleteFrom('recovery_flows').where('expires_at', '<', purgeBefore(flow.now)))
    .insertInto('recovery_flows')
    .values({ id: randomUUID(), id_hash: tokenHash(hasher, token), customer_id: flow.customerId, card_id: flow.cardId, step: flow.step, last_code_at: flow.lastCodeAt ?? null, expires_at: flow.expiresAt, created_at: flow.now, updated_at: flow.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { flow: row, token };
}

/** The flow a cookie token names, locked for the caller's transaction when `lock` is set. */
export async function findFlow(ex: Executor, hasher: KeyedHasher, token: string | undefined, lock = false): Promise<RecoveryFlow | undefined> {
  if (!token || token.length > 100) return undefined;
  const query = tables(ex).selectFrom('recovery_flows').selectAll().where('id_hash', '=', tokenHash(hasher, token));
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Moves a flow to `step` (and records when a code was sent, when one was). */
export async function setStep(ex: Executor, id: string, step: RecoveryStep, now: Date, codeSent = false): Promise<void> {
  await tables(ex)
    .updateTable('recovery_flows')
    .set({ step, updated_at: now, ...(codeSent ? { last_code_at: now } : {}) })
    .where('id', '=', id)
    .execute();
}

/**
 * Counts one code submission before it is compared (kratos' order), only while the flow is
 * still collecting codes and below the limit; returns the new count, or undefined when the
 * flow took no more attempts.
 */
export async function countCodeAttempt(ex: Executor, id: string, max: number, now: Date): Promise<number | undefined> {
  const row = await tables(ex)
    .updateTable('recovery_flows')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('step', '=', 'code_sent')
    .where('code_attempts', '<', max)
    .returning('code_attempts')
    .executeTakeFirst();
  return row?.code_attempts;
}

/** Records a resent code. */
export async function recordResend(ex: Executor, id: string, now: Date): Promise<void> {
  await tables(ex)
    .updateTable('recovery_flows')
    .set((eb) => ({ resends: eb('resends', '+', 1), last_code_at: now, updated_at: now }))
    .where('id', '=', id)
    .execute();
}

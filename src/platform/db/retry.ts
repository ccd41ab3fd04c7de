import { randomInt } from 'node:crypto';
import type { Db, Tx } from './database.ts';

/**
 * PostgreSQL's "try again" failures: a serialization failure (40001) and a deadlock the server
 * broke by aborting one side (40P01). The aborted transaction changed nothing, so running it
 * again is safe and is what the server asks for.
 */
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** Upper bound of the random pause before a retry, doubled each time. */
  baseDelayMs?: number;
}

/**
 * Runs `fn` in a transaction, again (after a short random pause) when PostgreSQL aborted it
 * as a deadlock victim or for serialization. `fn` must do nothing outside the database that a
 * rerun would repeat. The last failure is thrown; the HTTP edge answers it with 503.
 * `inTransaction` (customers/store-support.ts) is the usual way in.
 */
export async function transactionWithRetry<T>(db: Db, fn: (tx: Tx) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 20;
  for (let i = 1; ; i++) {
    try {
      return await db.transaction().execute(async (tx) => {
        const hooks: (() => Promise<void>)[] = [];
        commitHooks.set(tx, hooks);
        try {
          const result = await fn(tx);
          // A hook may register another; each runs once, in order.
          for (let h = 0; h < hooks.length; h++) await hooks[h]!();
          return result;
        } finally {
          commitHooks.delete(tx);
        }
      });
    } catch (err) {
      if (i >= attempts || !isRetryableConflict(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, randomInt(1, base * 2 ** (i - 1) + 1)));
    }
  }
}

const commitHooks = new WeakMap<object, (() => Promise<void>)[]>();

/**
 * Registers work to run at the end of a transaction opened by `transactionWithRetry`, after its
 * body and before its commit, inside it. Answers false for any other transaction (the caller
 * then does the work at once). The audit log uses it to write all the rows of a transaction
 * last, in one insert (src/audit/audit.ts).
 */
export function beforeCommit(tx: object, hook: () => Promise<void>): boolean {
  const hooks = commitHooks.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

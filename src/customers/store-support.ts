import type { Config } from '../config/config.ts';
import type { Clock } from '../platform/clock.ts';
import type { KeyedHasher } from '../platform/crypto.ts';
import type { Db, Executor, Tx } from '../platform/db/database.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';

/** The narrow slices of `Services` the credential stores take. */
export interface ClockDeps {
  clock: Clock;
}
export interface LimitsDeps extends ClockDeps {
  config: Pick<Config, 'limits'>;
}
export interface HashingDeps extends LimitsDeps {
  hasher: KeyedHasher;
}

/**
 * Runs `fn` in the caller's transaction when there is one, else in a new one: a credential
 * change and its audit row must land together (or not at all). A new transaction is run again
 * when PostgreSQL aborts it as a deadlock victim or for serialization (`transactionWithRetry`).
 */
export function inTransaction<T>(ex: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (ex.isTransaction) return fn(ex as Tx);
  return transactionWithRetry(ex as Db, fn);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID; an id from outside is checked before it reaches a uuid column. */
export const isUuid = (value: string): boolean => UUID.test(value);

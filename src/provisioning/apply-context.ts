import { appendAudit } from '../audit/audit.ts';
import type { PinVerifier } from '../customers/pin-verifier.ts';
import type { Clock } from '../platform/clock.ts';
import type { KeyedHasher } from '../platform/crypto.ts';
import type { Tx } from '../platform/db/database.ts';

/** What an import needs from the platform: narrow, so tests and the CLI wire it the same way. */
export interface ProvisioningDeps {
  hasher: KeyedHasher;
  pinVerifier: PinVerifier;
  clock: Clock;
  /** Who the audit log names: `admin` for the API and the CLI, `system` for the demo loader. */
  actor: string;
}

/** A record that cannot be applied, with the field to blame. Never carries a secret. */
export class RecordError extends Error {
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The open transaction of one record, and a way to audit what it changed. */
export interface ApplyContext {
  tx: Tx;
  deps: ProvisioningDeps;
  at: Date;
  audit(action: string, customerId: string | null, subject: string | null, details: Record<string, unknown>): Promise<void>;
}

export function applyContext(tx: Tx, deps: ProvisioningDeps): ApplyContext {
  const at = deps.clock.now();
  return {
    tx,
    deps,
    at,
    audit: (action, customerId, subject, details) => appendAudit(tx, { at, actor: deps.actor, action, customerId, subject, details }),
  };
}

/** The names of the fields whose values differ: what an update audit event reports (never the values). */
export function changedFields<T extends object>(before: T, after: Partial<T>): (keyof T & string)[] {
  return (Object.keys(after) as (keyof T & string)[]).filter((k) => after[k] !== undefined && !same(before[k], after[k]));
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

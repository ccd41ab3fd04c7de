import { appendAudit } from '../audit/audit.ts';
import type { PinVerifier } from '../customers/pin-verifier.ts';
import type { EnqueueDeps } from '../notify/outbox.ts';
import type { Clock } from '../platform/clock.ts';
import type { KeyedHasher } from '../platform/crypto.ts';
import type { Tx } from '../platform/db/database.ts';

/**
 * What an import needs from the platform: narrow, so tests and the CLI wire it the same way.
 * The outbox is for the SMS a customer gets when a reissue or a PIN change lifts a PIN block.
 */
export interface ProvisioningDeps extends EnqueueDeps {
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

/** A change of the record the import did not make (the import reports it), with its stable reason. */
export interface FieldSkip {
  field: string;
  reason: string;
  message: string;
}

/** The open transaction of one record, a way to audit what it changed, and what it left alone. */
export interface ApplyContext {
  tx: Tx;
  deps: ProvisioningDeps;
  at: Date;
  audit(action: string, customerId: string | null, subject: string | null, details: Record<string, unknown>): Promise<void>;
  /** Records a change not made; it is audited and listed in the import's `skipped`. */
  skip(customerId: string, skip: FieldSkip): Promise<void>;
  readonly skipped: FieldSkip[];
}

export function applyContext(tx: Tx, deps: ProvisioningDeps): ApplyContext {
  const at = deps.clock.now();
  const audit: ApplyContext['audit'] = (action, customerId, subject, details) => appendAudit(tx, { at, actor: deps.actor, action, customerId, subject, details });
  const skipped: FieldSkip[] = [];
  return {
    tx,
    deps,
    at,
    audit,
    skipped,
    async skip(customerId, skip) {
      skipped.push(skip);
      await audit('provisioning.skipped', customerId, `customer:${customerId}`, { field: skip.field, reason: skip.reason });
    },
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

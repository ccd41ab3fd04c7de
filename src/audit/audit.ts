import { createHash } from 'node:crypto';
import type { Executor, Tx } from '../platform/db/database.ts';
import { beforeCommit } from '../platform/db/retry.ts';
import { requireAuditKeys, type AuditKey } from './keys.ts';

/** One security-relevant event. `details` must never hold a secret (PIN, code, password). */
export interface AuditEvent {
  at: Date;
  /** Who acted: `customer:<id>`, `ivr`, `web`, `agent:<id>`, `system`, `admin` ... */
  actor: string;
  /** What happened, dotted: `code.issued`, `block.created`, `login.failed` ... */
  action: string;
  customerId?: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers. */
export interface ChainedFields {
  at: Date;
  actor: string;
  action: string;
  customer_id: string | null;
  subject: string | null;
  details: unknown;
}

/** The canonical text of a row: keys sorted at every level, UTC instants. */
export function canonicalRow(row: ChainedFields): string {
  return stableStringify({
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    customer_id: row.customer_id,
    subject: row.subject,
    details: row.details ?? {},
  });
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/**
 * The unkeyed link of the rows written before migration 0017 (`key_id` null):
 * hash = SHA-256(previous hash ‖ canonical row). Anyone can recompute it, so it is kept only
 * to verify those old rows; every new row is keyed (`keyedHash`).
 */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * The keyed link: hash = HMAC-SHA-256(audit key, seq ‖ key id ‖ previous hash ‖ canonical row)
 * (PCI DSS 10.3.2, 10.3.4). Without the key, which is not in the database, an edited row cannot
 * be given a hash that verifies, and a row cannot be moved to another place in the chain.
 */
export function keyedHash(key: AuditKey, seq: number, prevHash: string, canonical: string): string {
  return key.mac(['cerrojo.audit.row.v2', String(seq), key.id, prevHash, canonical]);
}

/**
 * A row's own MAC, written with it by the request: HMAC-SHA-256(audit key, key id ‖ canonical
 * row). Until the sealer chains the row it is what shows an edit (`cerrojo audit verify` names
 * such a row `forged`); after, the chain covers the row too.
 */
export function rowMac(key: AuditKey, canonical: string): string {
  return key.mac(['cerrojo.audit.unsealed.v1', key.id, canonical]);
}

/**
 * Appends an event to the audit log. Call it inside the transaction that makes the change it
 * reports, so both land or neither does. The row is written unchained, with its own MAC, and
 * without any global lock: the background sealer (src/audit/sealer.ts) chains it after it
 * commits. In a transaction opened by `transactionWithRetry` (`inTransaction`) the events are
 * written at the end of the transaction, all in one INSERT, in the order they were appended.
 */
export async function appendAudit(executor: Executor, event: AuditEvent): Promise<void> {
  if (!executor.isTransaction) {
    // One statement, so no transaction of its own is needed.
    await writeUnsealed(executor, [event]);
    return;
  }
  const tx = executor as Tx;
  let buffer = deferred.get(tx);
  if (!buffer) {
    const events: AuditEvent[] = [];
    if (beforeCommit(tx, () => writeUnsealed(tx, events))) {
      buffer = events;
      deferred.set(tx, buffer);
    }
  }
  if (buffer) buffer.push(event);
  else await writeUnsealed(tx, [event]);
}

const deferred = new WeakMap<Tx, AuditEvent[]>();

/** The rows of some events as the request inserts them: unsealed, each with its own MAC. */
export function unsealedRows(key: AuditKey, events: readonly AuditEvent[]) {
  return events.map((event) => {
    // Microsecond precision is what the database keeps; round so the stored row hashes the same.
    const row = {
      at: new Date(Math.floor(event.at.getTime())),
      actor: event.actor,
      action: event.action,
      customer_id: event.customerId ?? null,
      subject: event.subject ?? null,
      details: event.details ?? {},
    };
    return { ...row, details: JSON.stringify(row.details), row_key_id: key.id, row_mac: rowMac(key, canonicalRow(row)) };
  });
}

async function writeUnsealed(ex: Executor, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const key = requireAuditKeys(ex).current;
  // One statement for all the events of the transaction; ids give the sealer an order to take them in.
  await ex.insertInto('audit_log').values(unsealedRows(key, events)).execute();
}

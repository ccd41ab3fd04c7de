import { createHash } from 'node:crypto';
import { sql } from 'kysely';
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

const AUDIT_LOCK = 0x63657272; // 'cerr': serialises appends so the chain has one order

/**
 * Appends an event to the audit log, chained to the previous row. Call it inside the
 * transaction that makes the change it reports, so both land or neither does. In a transaction
 * opened by `transactionWithRetry` (`inTransaction`) the event is written at the end of the
 * transaction, just before its commit, with the others of the same transaction in the order
 * they were appended: the lock that gives the chain one order is then held for those few
 * statements and the commit instead of from the first event to the commit (docs/performance.md).
 */
export async function appendAudit(executor: Executor, event: AuditEvent): Promise<void> {
  if (!executor.isTransaction) {
    await executor.transaction().execute((tx) => appendAudit(tx, event));
    return;
  }
  const tx = executor as Tx;
  let buffer = deferred.get(tx);
  if (!buffer) {
    const events: AuditEvent[] = [];
    if (beforeCommit(tx, () => writeChained(tx, events))) {
      buffer = events;
      deferred.set(tx, buffer);
    }
  }
  if (buffer) buffer.push(event);
  else await writeChained(tx, [event]);
}

const deferred = new WeakMap<Tx, AuditEvent[]>();

async function writeChained(tx: Tx, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const key = requireAuditKeys(tx).current;
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  let seq = Number(last?.seq ?? 0);
  const values = events.map((event) => {
    seq++;
    // Microsecond precision is what the database keeps; round so the stored row hashes the same.
    const row = {
      at: new Date(Math.floor(event.at.getTime())),
      actor: event.actor,
      action: event.action,
      customer_id: event.customerId ?? null,
      subject: event.subject ?? null,
      details: event.details ?? {},
    };
    const hash = keyedHash(key, seq, prevHash, canonicalRow(row));
    const value = { ...row, details: JSON.stringify(row.details), seq, key_id: key.id, prev_hash: prevHash, hash };
    prevHash = hash;
    return value;
  });
  // One statement; its rows take their ids in the order given, which is the chain's order (`seq`,
  // gapless, unlike ids, which a rolled-back transaction skips).
  await tx.insertInto('audit_log').values(values).execute();
}

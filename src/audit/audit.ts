import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor, Tx } from '../platform/db/database.ts';

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

/** hash = SHA-256(previous hash ‖ canonical row) (PCI DSS 10.3.2). */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

const AUDIT_LOCK = 0x63657272; // 'cerr': serialises appends so the chain has one order

/**
 * Appends an event to the audit log, chained to the previous row. Call it inside the
 * transaction that makes the change it reports, so both land or neither does.
 */
export async function appendAudit(executor: Executor, event: AuditEvent): Promise<void> {
  if (!executor.isTransaction) {
    await executor.transaction().execute((tx) => appendAudit(tx, event));
    return;
  }
  const tx = executor as Tx;
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Microsecond precision is what the database keeps; round so the stored row hashes the same.
  const at = new Date(Math.floor(event.at.getTime()));
  const row = {
    at,
    actor: event.actor,
    action: event.action,
    customer_id: event.customerId ?? null,
    subject: event.subject ?? null,
    details: event.details ?? {},
  };
  await tx
    .insertInto('audit_log')
    .values({ ...row, details: JSON.stringify(row.details), prev_hash: prevHash, hash: chainHash(prevHash, canonicalRow(row)) })
    .execute();
}

import type { Executor } from '../platform/db/database.ts';
import { GENESIS_HASH, canonicalRow, chainHash, type ChainedFields } from './audit.ts';

export type AuditVerification =
  | { ok: true; rows: number }
  /** `rows` counts the intact rows before `firstBrokenId`. */
  | { ok: false; rows: number; firstBrokenId: number; reason: string };

interface ChainRow extends ChainedFields {
  id: number;
  prev_hash: string;
  hash: string;
}

/**
 * Checks one row against the hash of the row before it. A pure function so the rule reads on
 * its own: a row whose prev_hash no longer names its predecessor means a row was removed (or
 * its predecessor re-hashed); a row whose own hash no longer matches its content was edited.
 */
export function checkLink(expectedPrev: string, row: ChainRow): string | null {
  if (row.prev_hash !== expectedPrev) {
    return expectedPrev === GENESIS_HASH
      ? 'the first row does not start the chain: earlier rows were deleted'
      : 'prev_hash does not match the previous row: a row before it was deleted or rewritten';
  }
  if (chainHash(row.prev_hash, canonicalRow(row)) !== row.hash) {
    return 'the row content does not match its hash: the row was edited';
  }
  return null;
}

/**
 * Walks `audit_log` in id order, page by page (constant memory however long the log), and
 * reports the first row that breaks the chain (PCI DSS 10.3.2, 10.3.4).
 */
export async function verifyAuditChain(ex: Executor, pageSize = 1000): Promise<AuditVerification> {
  let expectedPrev = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const page = await ex
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      const reason = checkLink(expectedPrev, { ...row, at: new Date(row.at) });
      if (reason) return { ok: false, rows, firstBrokenId: Number(row.id), reason };
      expectedPrev = row.hash;
      lastId = Number(row.id);
      rows++;
    }
    if (page.length < pageSize) return { ok: true, rows };
  }
}

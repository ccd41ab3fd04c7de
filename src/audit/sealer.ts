import { sql } from 'kysely';
import type { BackgroundTask } from '../background.ts';
import type { Db } from '../platform/db/database.ts';
import { describeError } from '../notify/deliver.ts';
import { repeat } from '../platform/repeat.ts';
import { GENESIS_HASH, canonicalRow, keyedHash, rowMac } from './audit.ts';
import { chainHead } from './checkpoints.ts';
import { requireAuditKeys, sameMac, type AuditKeyring } from './keys.ts';

/** Serialises the sealers of all instances: only the sealer takes it, never a request. */
export const SEAL_LOCK = 0x63657273; // 'cers'

export const DEFAULT_SEAL_BATCH_SIZE = 500;

export interface SealOutcome {
  /** Rows chained by this call. */
  sealed: number;
  /** Of them, the ids of rows whose own MAC failed (edited before sealing): chained as found, and named by verify. */
  forged: number[];
  /** True when another sealer held the lock and this one did nothing (only with `wait: false`). */
  busy: boolean;
}

/**
 * Chains one batch of committed unsealed audit rows to the head of the chain, in one
 * transaction under the seal lock: the rows, taken in id order, get the next `seq` numbers and
 * their keyed HMAC links (the same as `keyedHash` always made), in one UPDATE. The chain's order
 * is the order of sealing, not of insertion: a row that commits after rows with higher ids is
 * simply taken by a later batch, so none is skipped. If the transaction dies half way (a crash,
 * a dropped connection), nothing of the batch is kept and the next seal takes the same rows.
 */
export async function sealBatch(db: Db, options: { batchSize?: number; wait?: boolean; keyring?: AuditKeyring } = {}): Promise<SealOutcome> {
  const keyring = options.keyring ?? requireAuditKeys(db);
  const batchSize = options.batchSize ?? DEFAULT_SEAL_BATCH_SIZE;
  return db.transaction().execute(async (tx) => {
    if (options.wait === false) {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`.execute(tx);
      if (!got.rows[0]!.ok) return { sealed: 0, forged: [], busy: true };
    } else {
      await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(tx);
    }
    const rows = await tx.selectFrom('audit_log').selectAll().where('hash', 'is', null).orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return { sealed: 0, forged: [], busy: false };
    const head = await chainHead(tx);
    const key = keyring.current;
    let prevHash = head?.hash ?? GENESIS_HASH;
    let seq = head?.seq ?? 0;
    const forged: number[] = [];
    const links = rows.map((row) => {
      seq++;
      const canonical = canonicalRow({ ...row, at: new Date(row.at) });
      const signer = row.row_key_id === null ? undefined : keyring.byId.get(row.row_key_id);
      if (!signer || row.row_mac === null || !sameMac(rowMac(signer, canonical), row.row_mac)) forged.push(Number(row.id));
      const hash = keyedHash(key, seq, prevHash, canonical);
      const link = sql`(${Number(row.id)}::bigint, ${seq}::bigint, ${prevHash}::text, ${hash}::text)`;
      prevHash = hash;
      return link;
    });
    const updated = await sql`
      update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash, key_id = ${key.id}
      from (values ${sql.join(links)}) as v(id, seq, prev_hash, hash)
      where a.id = v.id and a.hash is null`.execute(tx);
    if (Number(updated.numAffectedRows) !== rows.length) {
      // Only possible if something sealed these rows without the lock: keep nothing of this batch.
      throw new Error(`audit sealer: ${rows.length - Number(updated.numAffectedRows)} rows of the batch were sealed meanwhile; batch abandoned`);
    }
    return { sealed: rows.length, forged, busy: false };
  });
}

/**
 * Seals every committed unsealed row now, batch after batch, waiting for the seal lock if
 * another sealer holds it (`cerrojo audit seal`, shutdown, tests before they verify the chain).
 */
export async function sealAudit(db: Db, options: { batchSize?: number; keyring?: AuditKeyring } = {}): Promise<SealOutcome> {
  const batchSize = options.batchSize ?? DEFAULT_SEAL_BATCH_SIZE;
  const total: SealOutcome = { sealed: 0, forged: [], busy: false };
  for (;;) {
    const batch = await sealBatch(db, { ...options, batchSize, wait: true });
    total.sealed += batch.sealed;
    total.forged.push(...batch.forged);
    if (batch.sealed < batchSize) return total;
  }
}

/**
 * Seals the audit log every `audit.sealIntervalMs`, in batches of `audit.sealBatchSize`, and
 * what is left at stop. Every instance runs it; the seal lock lets one seal at a time, and an
 * instance that finds it taken skips that round.
 */
export const startAuditSealer: BackgroundTask = async (services, log) => {
  const { sealIntervalMs, sealBatchSize } = services.config.audit;
  const db = services.db;
  const report = (outcome: SealOutcome) => {
    if (outcome.forged.length > 0) log.warn({ ids: outcome.forged.slice(0, 100), count: outcome.forged.length }, 'audit sealer: rows whose own MAC fails were sealed as found (edited before sealing)');
  };
  const round = async () => {
    try {
      for (;;) {
        const outcome = await sealBatch(db, { batchSize: sealBatchSize, wait: false });
        report(outcome);
        if (outcome.busy || outcome.sealed < sealBatchSize) return;
      }
    } catch (err) {
      log.warn({ error: describeError(err) }, 'audit sealing failed');
    }
  };
  const loop = repeat(round, sealIntervalMs);
  return {
    async stop() {
      await loop.stop();
      try {
        report(await sealAudit(db, { batchSize: sealBatchSize }));
      } catch (err) {
        log.warn({ error: describeError(err) }, 'audit sealing at stop failed: the next instance seals the rest');
      }
    },
  };
};

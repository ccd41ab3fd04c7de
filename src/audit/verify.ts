import type { Executor } from '../platform/db/database.ts';
import { GENESIS_HASH, canonicalRow, chainHash, keyedHash, rowMac, type ChainedFields } from './audit.ts';
import { checkCheckpointSignature, type AuditCheckpoint } from './checkpoints.ts';
import { requireAuditKeys, sameMac, type AuditKeyring } from './keys.ts';

/** What broke, so a report (and a test) can tell an edit from a re-hash, a deletion or a cut tail. */
export type AuditProblemKind =
  /** A row's content no longer matches its hash. */
  | 'edited'
  /** A run of rows that link to each other but fail their HMAC: rewritten and re-hashed without the key. */
  | 'rechained'
  /** Numbers missing from the chain: rows deleted from the middle or the start. */
  | 'deleted'
  /** A row whose prev_hash does not name the row before it. */
  | 'relinked'
  /** An unkeyed (legacy SHA-256) row after the keyed chain began. */
  | 'downgraded'
  /** A row made under a key that is not configured. */
  | 'unknown_key'
  /** A row whose own MAC (written with it, before sealing) fails: edited before the sealer chained it. */
  | 'forged'
  /** A checkpoint names a row beyond the end of the log: the tail was deleted. */
  | 'truncated'
  /** A checkpoint names a row that is now different or missing. */
  | 'checkpoint_mismatch'
  /** A checkpoint whose signature does not verify. */
  | 'checkpoint_forged';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The place in the chain (`seq`) where it shows; null for a row not yet sealed. */
  seq: number | null;
  /** The row's id, for a row not yet sealed. */
  id?: number;
  reason: string;
}

/** The rows the sealer has not chained yet (src/audit/sealer.ts). */
export interface UnsealedRows {
  rows: number;
  /** The oldest one's `at` (ISO 8601), or null when there is none. */
  oldestAt: string | null;
  /** Its age in seconds when verified, or null when there is none. */
  oldestAgeSeconds: number | null;
}

export interface AuditVerification {
  ok: boolean;
  /** Rows walked. */
  rows: number;
  /** Of them, unkeyed rows from before the keyed chain (migration 0017). */
  legacyRows: number;
  head: { seq: number; hash: string } | null;
  /** Checkpoints checked against the chain. */
  checkpoints: number;
  /** Each thing found, by row (`seq`, then the unsealed rows by id); at most `MAX_PROBLEMS`. */
  problems: AuditProblem[];
  /** Rows written and not yet chained: not a problem, but a growing count or age is a sealer stopped. */
  unsealed: UnsealedRows;
}

export const MAX_PROBLEMS = 100;

export interface ChainRow extends ChainedFields {
  seq: number;
  key_id: string | null;
  prev_hash: string;
  hash: string;
  row_key_id?: string | null;
  row_mac?: string | null;
}

/**
 * Why a row's own MAC (written by the request, before sealing) does not hold, or null. Rows
 * from before migration 0025 have none.
 */
export function checkRowMac(keyring: AuditKeyring, row: ChainedFields & { row_key_id?: string | null; row_mac?: string | null }): string | null {
  if (row.row_mac === null || row.row_mac === undefined) return null;
  const key = row.row_key_id ? keyring.byId.get(row.row_key_id) : undefined;
  if (!key) return `the row's own MAC names key ${row.row_key_id}, which is not configured (AUDIT_KEY, AUDIT_PREVIOUS_KEYS): forged, or a retired key is missing`;
  if (sameMac(rowMac(key, canonicalRow(row)), row.row_mac)) return null;
  return 'the row does not match its own MAC: it was edited before it was sealed';
}

/**
 * Why a row's hash does not hold, or null. A keyed row must carry the HMAC of its content,
 * place and predecessor under a key of the ring; an unkeyed row is accepted only before the
 * first keyed one, with its old SHA-256.
 */
export function checkRowHash(keyring: AuditKeyring, row: ChainRow, keyedBefore: boolean): { kind: AuditProblemKind; reason: string } | null {
  const canonical = canonicalRow(row);
  if (row.key_id === null) {
    if (keyedBefore) return { kind: 'downgraded', reason: 'an unkeyed row after the keyed chain began: written or rewritten by someone without the audit key' };
    return chainHash(row.prev_hash, canonical) === row.hash ? null : { kind: 'edited', reason: 'the row content does not match its hash: the row was edited' };
  }
  const key = keyring.byId.get(row.key_id);
  if (!key) return { kind: 'unknown_key', reason: `the row names key ${row.key_id}, which is not configured (AUDIT_KEY, AUDIT_PREVIOUS_KEYS): forged, or a retired key is missing` };
  if (sameMac(keyedHash(key, row.seq, row.prev_hash, canonical), row.hash)) return null;
  return { kind: 'edited', reason: 'the row does not match its HMAC: the row was edited' };
}

const range = (a: number, b: number) => (a === b ? `row ${a} is` : `rows ${a} to ${b} are`);

/**
 * Walks the chain in `seq` order and names what is wrong. Rows failing their HMAC one after
 * another while linking to each other are one re-chained stretch (an edit whose following rows
 * were re-hashed by someone without the key); a single one is an edit.
 */
class ChainWalker {
  readonly problems: AuditProblem[] = [];
  rows = 0;
  legacyRows = 0;
  head: { seq: number; hash: string } | null = null;
  private expectedSeq = 1;
  private expectedPrev = GENESIS_HASH;
  private keyedSeen = false;
  private run: { from: number; to: number; reason: string; plainSha: boolean } | null = null;

  constructor(
    private readonly keyring: AuditKeyring,
    private readonly checkpoints: ReadonlyMap<number, readonly AuditCheckpoint[]>,
  ) {}

  add(problem: AuditProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }

  visit(row: ChainRow): void {
    this.rows++;
    if (row.seq > this.expectedSeq) {
      this.closeRun();
      this.add({ kind: 'deleted', seq: this.expectedSeq, reason: `${range(this.expectedSeq, row.seq - 1)} missing: deleted` });
    } else if (row.prev_hash !== this.expectedPrev) {
      this.closeRun();
      this.add(
        this.expectedSeq === 1
          ? { kind: 'deleted', seq: row.seq, reason: 'the first row does not start the chain: earlier rows were deleted' }
          : { kind: 'relinked', seq: row.seq, reason: `prev_hash does not name row ${row.seq - 1}: that row was rewritten, or rows were deleted and renumbered` },
      );
    }
    const bad = checkRowHash(this.keyring, row, this.keyedSeen);
    if (bad?.kind === 'edited' && row.key_id !== null) {
      if (this.run && this.run.to === row.seq - 1 && row.prev_hash === this.head?.hash) this.run.to = row.seq;
      else {
        this.closeRun();
        this.run = { from: row.seq, to: row.seq, reason: bad.reason, plainSha: chainHash(row.prev_hash, canonicalRow(row)) === row.hash };
      }
    } else {
      this.closeRun();
      if (bad) this.add({ kind: bad.kind, seq: row.seq, reason: bad.reason });
      else {
        // The chain holds: the row was chained as it was found; its own MAC says if it was edited before.
        const forged = checkRowMac(this.keyring, row);
        if (forged) this.add({ kind: 'forged', seq: row.seq, reason: forged });
      }
    }
    if (row.key_id === null) this.legacyRows++;
    else this.keyedSeen = true;
    for (const cp of this.checkpoints.get(row.seq) ?? []) {
      if (cp.hash !== row.hash) this.add({ kind: 'checkpoint_mismatch', seq: row.seq, reason: `the checkpoint of ${cp.at} names another row ${row.seq}: the row was rewritten after it` });
    }
    this.head = { seq: row.seq, hash: row.hash };
    this.expectedSeq = row.seq + 1;
    this.expectedPrev = row.hash;
  }

  closeRun(): void {
    const run = this.run;
    if (!run) return;
    this.run = null;
    if (run.from === run.to && !run.plainSha) this.add({ kind: 'edited', seq: run.from, reason: run.reason });
    else {
      const how = run.plainSha ? 're-hashed with plain SHA-256' : 're-hashed without the audit key';
      const what = run.from === run.to ? `row ${run.from} fails its HMAC` : `rows ${run.from} to ${run.to} link to each other but fail their HMAC`;
      this.add({ kind: 'rechained', seq: run.from, reason: `${what}: the chain was rewritten from row ${run.from} and ${how}` });
    }
  }

  finish(): void {
    this.closeRun();
    const end = this.head?.seq ?? 0;
    for (const [seq, cps] of this.checkpoints) {
      if (seq <= end) continue;
      for (const cp of cps) {
        this.add({ kind: 'truncated', seq, reason: `the checkpoint of ${cp.at} names row ${seq}, but the log ends at row ${end}: ${range(end + 1, seq)} gone (the tail was deleted)` });
      }
    }
  }
}

/**
 * Walks `audit_log` in chain order, page by page (constant memory however long the log), and
 * names every break it finds (PCI DSS 10.3.2, 10.3.4). With checkpoints (read from outside the
 * database), also checks each one's signature and that the row it names is still there and the
 * same: that is what shows a deleted tail or a chain rewritten from some row to the end.
 * Then checks the rows not yet sealed against their own MAC, and counts them. Run on a handle,
 * it reads one snapshot (repeatable read), so a sealer working meanwhile moves no row from one
 * part to the other. The keys are those the handle carries unless given.
 */
export async function verifyAuditChain(
  ex: Executor,
  options: { keyring?: AuditKeyring; checkpoints?: readonly AuditCheckpoint[]; pageSize?: number; now?: Date } = {},
): Promise<AuditVerification> {
  if (!ex.isTransaction) return ex.transaction().setIsolationLevel('repeatable read').execute((tx) => verifyAuditChain(tx, options));
  const keyring = options.keyring ?? requireAuditKeys(ex);
  const pageSize = options.pageSize ?? 1000;
  const bySeq = new Map<number, AuditCheckpoint[]>();
  const forged: AuditProblem[] = [];
  for (const cp of options.checkpoints ?? []) {
    const bad = checkCheckpointSignature(keyring, cp);
    if (bad) forged.push({ kind: 'checkpoint_forged', seq: cp.seq, reason: `the checkpoint of ${cp.at} for row ${cp.seq}: ${bad}` });
    else bySeq.set(cp.seq, [...(bySeq.get(cp.seq) ?? []), cp]);
  }
  const walker = new ChainWalker(keyring, bySeq);
  let lastSeq = 0;
  for (;;) {
    const page = await ex.selectFrom('audit_log').selectAll().where('seq', '>', lastSeq).orderBy('seq').limit(pageSize).execute();
    for (const row of page) {
      walker.visit({ ...row, seq: Number(row.seq), at: new Date(row.at), prev_hash: row.prev_hash!, hash: row.hash! });
      lastSeq = Number(row.seq);
    }
    if (page.length < pageSize) break;
  }
  walker.finish();
  for (const p of forged) walker.add(p);
  const unsealed = await walkUnsealed(ex, keyring, pageSize, options.now ?? new Date(), (p) => walker.add(p));
  // A re-chained stretch is known at its end: order by row (stable, so a row's own problem stays first); unsealed rows last.
  const problems = walker.problems.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  return {
    ok: problems.length === 0,
    rows: walker.rows,
    legacyRows: walker.legacyRows,
    head: walker.head,
    checkpoints: options.checkpoints?.length ?? 0,
    problems,
    unsealed,
  };
}

/** Checks the rows not yet sealed against their own MAC, in id order, and counts them. */
async function walkUnsealed(ex: Executor, keyring: AuditKeyring, pageSize: number, now: Date, add: (p: AuditProblem) => void): Promise<UnsealedRows> {
  let rows = 0;
  let oldest: Date | null = null;
  let lastId = 0;
  for (;;) {
    const page = await ex.selectFrom('audit_log').selectAll().where('hash', 'is', null).where('id', '>', lastId).orderBy('id').limit(pageSize).execute();
    for (const row of page) {
      rows++;
      const at = new Date(row.at);
      if (oldest === null || at < oldest) oldest = at;
      const bad = checkRowMac(keyring, { ...row, at });
      if (bad) add({ kind: 'forged', seq: null, id: Number(row.id), reason: `unsealed row (id ${row.id}): ${bad}` });
      lastId = Number(row.id);
    }
    if (page.length < pageSize) break;
  }
  return {
    rows,
    oldestAt: oldest?.toISOString() ?? null,
    oldestAgeSeconds: oldest === null ? null : Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)),
  };
}

import { appendFile } from 'node:fs/promises';
import type { Executor } from '../platform/db/database.ts';
import { sameMac, type AuditKey, type AuditKeyring } from './keys.ts';

/**
 * A signed statement of the audit chain's head, kept outside the database (the log, a file, a
 * webhook). The database's operator can rewrite rows and cannot sign: a checkpoint whose row is
 * gone (the tail was cut) or different (a row was rewritten and the chain re-hashed) shows at
 * `cerrojo audit verify --checkpoints`.
 */
export interface AuditCheckpoint {
  type: typeof CHECKPOINT_TYPE;
  seq: number;
  hash: string;
  /** When the checkpoint was taken (ISO 8601, UTC). */
  at: string;
  keyId: string;
  /** HMAC-SHA-256 under the audit key `keyId` of the fields above. */
  signature: string;
}

export const CHECKPOINT_TYPE = 'cerrojo.audit.checkpoint';

function checkpointMac(key: AuditKey, seq: number, hash: string, at: string): string {
  return key.mac(['cerrojo.audit.checkpoint.v1', String(seq), hash, at, key.id]);
}

export function signCheckpoint(key: AuditKey, head: { seq: number; hash: string }, at: Date): AuditCheckpoint {
  const iso = at.toISOString();
  return { type: CHECKPOINT_TYPE, seq: head.seq, hash: head.hash, at: iso, keyId: key.id, signature: checkpointMac(key, head.seq, head.hash, iso) };
}

/** Null when the checkpoint is signed by a key of the ring, else why not. */
export function checkCheckpointSignature(keyring: AuditKeyring, cp: AuditCheckpoint): string | null {
  const key = keyring.byId.get(cp.keyId);
  if (!key) return `signed under key ${cp.keyId}, which is not configured (AUDIT_KEY, AUDIT_PREVIOUS_KEYS)`;
  if (!sameMac(checkpointMac(key, cp.seq, cp.hash, cp.at), cp.signature)) return 'its signature does not match: it was not written by cerrojo, or it was altered';
  return null;
}

function asCheckpoint(value: unknown): AuditCheckpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.type !== CHECKPOINT_TYPE) return asCheckpoint(v.auditCheckpoint);
  const ok =
    Number.isSafeInteger(v.seq) &&
    (v.seq as number) > 0 &&
    typeof v.hash === 'string' &&
    typeof v.at === 'string' &&
    typeof v.keyId === 'string' &&
    typeof v.signature === 'string';
  return ok ? (v as unknown as AuditCheckpoint) : undefined;
}

/**
 * The checkpoints in a text of JSON lines: a checkpoint file, or the structured log, whose
 * checkpoint lines carry one under `auditCheckpoint`. Other lines are skipped.
 */
export function parseCheckpoints(text: string): AuditCheckpoint[] {
  const out: AuditCheckpoint[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const cp = asCheckpoint(parsed);
    if (cp) out.push(cp);
  }
  return out;
}

/** The last sealed row of the chain, or undefined while nothing is sealed. */
export async function chainHead(ex: Executor): Promise<{ seq: number; hash: string } | undefined> {
  const row = await ex.selectFrom('audit_log').select(['seq', 'hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash! } : undefined;
}

export interface CheckpointLog {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface CheckpointTargets {
  /** Append each checkpoint as a JSON line to this file. */
  file?: string | undefined;
  /** POST each checkpoint as JSON to this URL. */
  url?: string | undefined;
  /** Give up on the webhook after this long. */
  timeoutMs?: number;
}

/**
 * Writes a checkpoint out of the database: always to the log, and to the file and the webhook
 * when configured. A target that fails is logged and does not stop the others (the next
 * checkpoint covers everything before it). Answers the targets that took it.
 */
export async function publishCheckpoint(cp: AuditCheckpoint, targets: CheckpointTargets, log: CheckpointLog): Promise<string[]> {
  const done = ['log'];
  log.info({ auditCheckpoint: cp }, 'audit checkpoint');
  if (targets.file) {
    try {
      await appendFile(targets.file, JSON.stringify(cp) + '\n', { mode: 0o600 });
      done.push('file');
    } catch (err) {
      log.warn({ err: (err as Error).message, seq: cp.seq }, 'audit checkpoint: the file could not be written');
    }
  }
  if (targets.url) {
    try {
      const res = await fetch(targets.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(cp),
        signal: AbortSignal.timeout(targets.timeoutMs ?? 10_000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      done.push('webhook');
    } catch (err) {
      log.warn({ err: (err as Error).message, seq: cp.seq }, 'audit checkpoint: the webhook did not take it');
    }
  }
  return done;
}

/**
 * Signs the chain's head and publishes it, unless it is the head `after` already covered.
 * Answers the checkpoint, or undefined when there was nothing new.
 */
export async function takeCheckpoint(
  ex: Executor,
  keyring: AuditKeyring,
  now: Date,
  targets: CheckpointTargets,
  log: CheckpointLog,
  after?: { seq: number; hash: string },
): Promise<AuditCheckpoint | undefined> {
  const head = await chainHead(ex);
  if (!head || (after && after.seq === head.seq && after.hash === head.hash)) return undefined;
  const cp = signCheckpoint(keyring.current, head, now);
  await publishCheckpoint(cp, targets, log);
  return cp;
}

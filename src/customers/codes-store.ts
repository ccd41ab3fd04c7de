import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.ts';
import { randomDigits } from '../platform/crypto.ts';
import type { Db, Executor, Tx } from '../platform/db/database.ts';
import type { Sealer } from '../platform/sealing.ts';
import { checkCodeKey, codeHash, codeMatches, codeMaxAttempts, codeTtlSeconds, deadCodeStatus, type CodeCheck } from './codes.ts';
import { inTransaction, type HashingDeps } from './store-support.ts';

export interface CodeRequest {
  /** What the code authorises: `recovery`, `signing`, `unlock` ... */
  purpose: string;
  /** Exactly what it is bound to: `operation:<id>`, `recovery:<flow id>` ... */
  subject: string;
  customerId?: string | null;
  ttlSeconds?: number;
  maxAttempts?: number;
  /**
   * Keep the digits sealed while the code lives, so it can be read out again (IVR 3.2 reads the
   * code the SMS carried): needs `deps.sealer`.
   */
  readable?: boolean;
  /**
   * The subject was created in the caller's transaction, not yet committed (a new recovery
   * flow's id): no other transaction can issue or check its codes, so the lock that serialises
   * them is not taken.
   */
  subjectIsNew?: boolean;
}

/** What issuing a readable code needs besides hashing: the sealer of `platform/sealing.ts`. */
export interface SealingDeps {
  sealer: Sealer;
}

export interface IssuedCode {
  id: string;
  /** The digits to send; never stored, never logged, never recoverable afterwards. */
  code: string;
  expiresAt: Date;
}

/** Serialises issue and check of the codes of one purpose and subject (PGlite has advisory locks too). */
async function lockKey(tx: Tx, purpose: string, subject: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`otp:${purpose}:${subject}`}))`.execute(tx);
}

/**
 * Issues a one-time code and keeps only its keyed hash. Earlier live codes for the same purpose
 * and subject stop working, but their failed attempts carry over: asking for a new SMS does not
 * buy new guesses (NIST SP 800-63B 3.1.3.2).
 */
export async function issueCode(ex: Executor, deps: HashingDeps & Partial<SealingDeps>, req: CodeRequest): Promise<IssuedCode> {
  checkCodeKey(req.purpose, req.subject);
  if (req.readable && !deps.sealer) throw new Error('a readable code needs a sealer');
  const ttl = codeTtlSeconds(deps.config.limits, req.ttlSeconds);
  const maxAttempts = codeMaxAttempts(deps.config.limits, req.maxAttempts);
  return inTransaction(ex, async (tx) => {
    if (!req.subjectIsNew) await lockKey(tx, req.purpose, req.subject);
    const now = deps.clock.now();
    const id = randomUUID();
    const code = randomDigits(deps.config.limits.codeDigits);
    const expiresAt = new Date(now.getTime() + ttl * 1000);
    // One statement after the lock (whose snapshot therefore sees every code issued before):
    // the live codes replaced, and the new one inserted carrying their highest failed attempts.
    const { carried, replacedCount } = await tx
      .with('replaced', (db) =>
        db
          .updateTable('one_time_codes')
          .set({ expires_at: now, sealed_code: null })
          .where('purpose', '=', req.purpose)
          .where('subject', '=', req.subject)
          .where('consumed_at', 'is', null)
          .where('expires_at', '>', now)
          .returning('attempts'),
      )
      .with('issued', (db) =>
        db
          .insertInto('one_time_codes')
          .columns(['id', 'purpose', 'subject', 'customer_id', 'code_hash', 'sealed_code', 'expires_at', 'attempts', 'max_attempts', 'created_at'])
          .expression(
            db
              .selectNoFrom((eb) => [
                sql<string>`${id}::uuid`.as('id'),
                eb.val(req.purpose).as('purpose'),
                eb.val(req.subject).as('subject'),
                sql<string | null>`${req.customerId ?? null}::uuid`.as('customer_id'),
                eb.val(codeHash(deps.hasher, req.purpose, req.subject, code)).as('code_hash'),
                sql<string | null>`${req.readable ? deps.sealer!.seal(code) : null}::text`.as('sealed_code'),
                sql<Date>`${expiresAt}::timestamptz`.as('expires_at'),
                sql<number>`coalesce((select max(attempts) from replaced), 0)`.as('attempts'),
                eb.val(maxAttempts).as('max_attempts'),
                sql<Date>`${now}::timestamptz`.as('created_at'),
              ]),
          )
          .returning('attempts'),
      )
      .selectFrom('issued')
      .select([sql<number>`issued.attempts`.as('carried'), sql<number>`(select count(*) from replaced)::int`.as('replacedCount')])
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      at: now,
      actor: 'system',
      action: 'code.issued',
      customerId: req.customerId ?? null,
      subject: req.subject,
      details: { codeId: id, purpose: req.purpose, expiresAt: expiresAt.toISOString(), carriedAttempts: carried, replaced: replacedCount },
    });
    return { id, code, expiresAt };
  });
}

/** The newest code of a purpose and subject, the one a submission is checked against. */
export function newestCode(ex: Executor, purpose: string, subject: string) {
  return ex
    .selectFrom('one_time_codes')
    .select(['id', 'attempts', 'max_attempts', 'consumed_at', 'expires_at'])
    .where('purpose', '=', purpose)
    .where('subject', '=', subject)
    .orderBy('created_at', 'desc')
    .orderBy('expires_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Whether the newest code has merely run out of time: unused, with tries left, past its
 * expiry. Typing it is no guess, so a flow that counts its own tries must not count it.
 */
export async function newestCodeExpired(ex: Executor, purpose: string, subject: string, now: Date): Promise<boolean> {
  const row = await newestCode(ex, purpose, subject);
  return row !== undefined && deadCodeStatus(row, now) === 'expired' && row.attempts < row.max_attempts;
}

export interface CodeSubmission {
  purpose: string;
  subject: string;
  code: string;
}

/**
 * Checks a submitted code. The attempt is counted before the comparison, in the same statement
 * that finds the live code; a match consumes it with a conditional update, so of two
 * concurrent correct submissions exactly one gets 'ok'.
 */
export async function verifyCode(ex: Executor, deps: HashingDeps, sub: CodeSubmission): Promise<CodeCheck> {
  checkCodeKey(sub.purpose, sub.subject);
  return inTransaction(ex, async (tx) => {
    const now = deps.clock.now();
    // Only the newest code of the purpose and subject counts: a resend retired the others (and
    // set their expiry to the resend time, which orders them first when the clock did not move).
    const latest = tx.selectFrom('one_time_codes').select('id').where('purpose', '=', sub.purpose).where('subject', '=', sub.subject).orderBy('created_at', 'desc').orderBy('expires_at', 'desc').orderBy('id', 'desc').limit(1);
    const tried = await tx
      .updateTable('one_time_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', latest)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
      .returning(['id', 'code_hash', 'attempts', 'max_attempts', 'customer_id'])
      .executeTakeFirst();
    if (!tried) {
      const row = await tx.selectFrom('one_time_codes').select(['consumed_at', 'expires_at', 'attempts', 'max_attempts']).where('id', '=', latest).executeTakeFirst();
      return deadCodeStatus(row, now);
    }
    const audit = { at: now, actor: 'system', customerId: tried.customer_id, subject: sub.subject };
    if (!codeMatches(deps.hasher, sub.purpose, sub.subject, sub.code, tried.code_hash)) {
      const exhausted = tried.attempts >= tried.max_attempts;
      await appendAudit(tx, { ...audit, action: 'code.failed', details: { codeId: tried.id, purpose: sub.purpose, attempts: tried.attempts, exhausted } });
      return exhausted ? 'exhausted' : 'invalid';
    }
    const consumed = await tx.updateTable('one_time_codes').set({ consumed_at: now, sealed_code: null }).where('id', '=', tried.id).where('consumed_at', 'is', null).returning('id').executeTakeFirst();
    if (!consumed) return 'not_found';
    await appendAudit(tx, { ...audit, action: 'code.consumed', details: { codeId: tried.id, purpose: sub.purpose, attempts: tried.attempts } });
    return 'ok';
  });
}

/**
 * The digits of the live code of a purpose and subject, when it was issued readable: the code
 * the SMS carried, to be read out again (IVR 3.2). Undefined when there is none that could
 * still be typed (used, replaced, expired or out of tries): then a new one is due.
 */
export async function readLiveCode(ex: Executor, deps: SealingDeps & { clock: { now(): Date } }, purpose: string, subject: string): Promise<{ id: string; code: string; expiresAt: Date } | undefined> {
  checkCodeKey(purpose, subject);
  const row = await newestCode(ex, purpose, subject);
  const now = deps.clock.now();
  if (!row || row.consumed_at || row.expires_at.getTime() <= now.getTime() || row.attempts >= row.max_attempts) return undefined;
  const sealed = await ex.selectFrom('one_time_codes').select('sealed_code').where('id', '=', row.id).executeTakeFirst();
  if (!sealed?.sealed_code) return undefined;
  return { id: row.id, code: deps.sealer.open(sealed.sealed_code), expiresAt: row.expires_at };
}

/**
 * Gives the customer's live codes of a purpose a fresh set of attempts: an unlock of what the
 * failed tries blocked (the signature, through IVR 3.1 or a branch) must not leave the code
 * the customer then reads or receives already spent. Audited per code; returns how many.
 */
export function refreshCodeAttempts(ex: Executor, deps: { clock: { now(): Date } }, input: { purpose: string; customerId: string; by: string }): Promise<number> {
  return inTransaction(ex, async (tx) => {
    const now = deps.clock.now();
    const rows = await tx
      .updateTable('one_time_codes')
      .set({ attempts: 0 })
      .where('purpose', '=', input.purpose)
      .where('customer_id', '=', input.customerId)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', now)
      .where('attempts', '>', 0)
      .returning(['id', 'subject', 'attempts'])
      .execute();
    for (const r of rows) {
      await appendAudit(tx, { at: now, actor: input.by, action: 'code.attempts_refreshed', customerId: input.customerId, subject: r.subject, details: { codeId: r.id, purpose: input.purpose } });
    }
    return rows.length;
  });
}

/** Clears the sealed digits of codes that can no longer be typed (expired or used); returns how many. */
export async function sweepSealedCodes(db: Db, now: Date): Promise<number> {
  const rows = await db
    .updateTable('one_time_codes')
    .set({ sealed_code: null })
    .where('sealed_code', 'is not', null)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('consumed_at', 'is not', null), eb('attempts', '>=', eb.ref('max_attempts'))]))
    .returning('id')
    .execute();
  return rows.length;
}

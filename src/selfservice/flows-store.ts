import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.ts';
import { checkCodeKey, codeHash, deadCodeStatus, type CodeCheck } from '../customers/codes.ts';
import { standingColumns, withStanding, type CustomerWithStanding } from '../customers/standing-store.ts';
import type { Customer } from '../platform/db/schema.ts';
import type { KeyedHasher } from '../platform/crypto.ts';
import { randomToken } from '../platform/crypto.ts';
import type { Executor, Tx } from '../platform/db/database.ts';
import type { RecoveryStep } from './flow.ts';
import type { RecoveryFlow, SelfserviceTables } from './schema.ts';

/**
 * Storage of recovery flows. The browser's cookie holds a random token; the table keeps only
 * its keyed hash, so a database reader cannot take over a flow.
 */
const tables = (ex: Executor) => ex.withTables<SelfserviceTables>();
const tokenHash = (hasher: KeyedHasher, token: string) => hasher.hash('recovery.flow', token);
const purgeBefore = (now: Date) => new Date(now.getTime() - 86_400_000);

export interface NewFlow {
  customerId: string | null;
  cardId: string | null;
  step: RecoveryStep;
  now: Date;
  expiresAt: Date;
  /** Created with its code sent (`code_sent`): when. */
  lastCodeAt?: Date;
}

/**
 * Creates a flow; returns it with the token for the cookie (never stored). The flows that
 * ended more than a day ago are purged in the same statement (they hold no secret;
 * the audit log keeps the story).
 */
export async function createFlow(ex: Executor, hasher: KeyedHasher, flow: NewFlow): Promise<{ flow: RecoveryFlow; token: string }> {
  const token = randomToken();
  const row = await tables(ex)
    .with('purged', (db) => db.deleteFrom('recovery_flows').where('expires_at', '<', purgeBefore(flow.now)))
    .insertInto('recovery_flows')
    .values({ id: randomUUID(), id_hash: tokenHash(hasher, token), customer_id: flow.customerId, card_id: flow.cardId, step: flow.step, last_code_at: flow.lastCodeAt ?? null, expires_at: flow.expiresAt, created_at: flow.now, updated_at: flow.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { flow: row, token };
}

/** The flow a cookie token names, locked for the caller's transaction when `lock` is set. */
export async function findFlow(ex: Executor, hasher: KeyedHasher, token: string | undefined, lock = false): Promise<RecoveryFlow | undefined> {
  if (!token || token.length > 100) return undefined;
  const query = tables(ex).selectFrom('recovery_flows').selectAll().where('id_hash', '=', tokenHash(hasher, token));
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

type FlowJson = Omit<RecoveryFlow, 'last_code_at' | 'expires_at' | 'created_at' | 'updated_at'> & Record<'last_code_at', string | null> & Record<'expires_at' | 'created_at' | 'updated_at', string>;

/**
 * `findFlow(…, lock)` and `getCustomerWithStanding` of its customer, in one statement: the flow
 * locked for the caller's transaction, its customer (undefined for a flow of nobody) read with it.
 */
export async function lockFlowWithCustomer(tx: Tx, hasher: KeyedHasher, token: string | undefined): Promise<{ flow: RecoveryFlow; customer: CustomerWithStanding | undefined } | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await tables(tx)
    .selectFrom('recovery_flows as f')
    .leftJoin('customers as c', 'c.id', 'f.customer_id')
    .selectAll('c')
    .select([sql<FlowJson | string>`to_json(f)`.as('flow_row'), ...standingColumns(sql.ref('c.id'))])
    .where('f.id_hash', '=', tokenHash(hasher, token))
    .forUpdate('f')
    .executeTakeFirst();
  if (!row) return undefined;
  const { flow_row, ...rest } = row;
  const f = (typeof flow_row === 'string' ? JSON.parse(flow_row) : flow_row) as FlowJson;
  const flow: RecoveryFlow = { ...f, last_code_at: f.last_code_at === null ? null : new Date(f.last_code_at), expires_at: new Date(f.expires_at), created_at: new Date(f.created_at), updated_at: new Date(f.updated_at) };
  const customer = (rest as { id: string | null }).id === null ? undefined : (withStanding(rest as unknown as Customer & Parameters<typeof withStanding>[0]) as unknown as CustomerWithStanding);
  return { flow, customer };
}

export type FlowCodeTry =
  /** The newest code merely ran out of time: nothing was counted (typing it is no guess). */
  | { kind: 'expired' }
  /** The flow takes no more attempts: nothing was counted. */
  | { kind: 'no_more_attempts' }
  /** Counted on the flow (`attempts`, the new count) and, when it was live, on the code: `check` is the code's answer. */
  | { kind: 'counted'; attempts: number; check: CodeCheck; completed: boolean };

/**
 * One submission of the code of a flow that the caller's transaction holds locked, in one
 * statement: `newestCodeExpired`, `countCodeAttempt` and `verifyCode` (the newest code's
 * attempt counted, and the code consumed when it matches) — and, when it matches and
 * `completes` says a match ends the flow, the flow moved to `done` (`setStep`). The conditions
 * are those of the three functions, each evaluated on the rows the statement updates, so of two
 * concurrent right submissions exactly one consumes the code; an expired code spends no
 * attempt, neither of the flow nor of the code. The match is the keyed hash of the submitted
 * code compared with the stored one in SQL: an HMAC under a key the database does not hold.
 * Audits `code.failed` / `code.consumed` as `verifyCode` does.
 */
export async function tryFlowCode(tx: Tx, deps: { hasher: KeyedHasher; clock: { now(): Date } }, input: { flowId: string; code: string; max: number; completes: boolean }): Promise<FlowCodeTry> {
  const purpose = 'recovery';
  const subject = `flow:${input.flowId}`;
  checkCodeKey(purpose, subject);
  const now = deps.clock.now();
  const submitted = codeHash(deps.hasher, purpose, subject, input.code);
  const { rows } = await sql<{
    expired_only: boolean;
    flow_ok: boolean;
    flow_attempts: number | null;
    completed: boolean | null;
    consumed_at: Date | null;
    expires_at: Date | null;
    attempts: number | null;
    max_attempts: number | null;
    tried_id: string | null;
    tried_attempts: number | null;
    tried_max: number | null;
    tried_customer: string | null;
    matched: boolean | null;
  }>`
    with latest as (
      select id, attempts, max_attempts, consumed_at, expires_at from one_time_codes
      where purpose = ${purpose} and subject = ${subject}
      order by created_at desc, expires_at desc, id desc limit 1
    ), expired_only as (
      select 1 from latest where consumed_at is null and expires_at <= ${now}::timestamptz and attempts < max_attempts
    ), flow_ok as (
      select id from recovery_flows
      where id = ${input.flowId}::uuid and step = 'code_sent' and code_attempts < ${input.max}::int and not exists (select 1 from expired_only)
    ), tried as (
      update one_time_codes set
        attempts = attempts + 1,
        consumed_at = case when code_hash = ${submitted} then ${now}::timestamptz end,
        sealed_code = case when code_hash = ${submitted} then null else sealed_code end
      where id = (select id from latest) and consumed_at is null and expires_at > ${now}::timestamptz and attempts < max_attempts
        and exists (select 1 from flow_ok)
      returning id, attempts, max_attempts, customer_id, consumed_at is not null as matched
    ), counted as (
      update recovery_flows set
        code_attempts = code_attempts + 1,
        updated_at = ${now}::timestamptz,
        step = case when ${input.completes}::boolean and exists (select 1 from tried where matched) then 'done' else step end
      where id in (select id from flow_ok)
      returning code_attempts, step = 'done' as completed
    )
    select
      exists (select 1 from expired_only) as expired_only,
      exists (select 1 from flow_ok) as flow_ok,
      counted.code_attempts as flow_attempts, counted.completed,
      latest.consumed_at, latest.expires_at, latest.attempts, latest.max_attempts,
      tried.id as tried_id, tried.attempts as tried_attempts, tried.max_attempts as tried_max, tried.customer_id as tried_customer, tried.matched
    from (select 1) as one
    left join latest on true
    left join tried on true
    left join counted on true`.execute(tx);
  const r = rows[0]!;
  if (r.expired_only) return { kind: 'expired' };
  if (!r.flow_ok || r.flow_attempts === null) return { kind: 'no_more_attempts' };
  const attempts = r.flow_attempts;
  if (r.tried_id === null) {
    const latest = r.expires_at === null ? undefined : { consumed_at: r.consumed_at && new Date(r.consumed_at), expires_at: new Date(r.expires_at), attempts: r.attempts!, max_attempts: r.max_attempts! };
    return { kind: 'counted', attempts, check: deadCodeStatus(latest, now), completed: false };
  }
  const audit = { at: now, actor: 'system', customerId: r.tried_customer, subject };
  if (!r.matched) {
    const exhausted = r.tried_attempts! >= r.tried_max!;
    await appendAudit(tx, { ...audit, action: 'code.failed', details: { codeId: r.tried_id, purpose, attempts: r.tried_attempts, exhausted } });
    return { kind: 'counted', attempts, check: exhausted ? 'exhausted' : 'invalid', completed: false };
  }
  await appendAudit(tx, { ...audit, action: 'code.consumed', details: { codeId: r.tried_id, purpose, attempts: r.tried_attempts } });
  return { kind: 'counted', attempts, check: 'ok', completed: r.completed === true };
}

/** Moves a flow to `step` (and records when a code was sent, when one was). */
export async function setStep(ex: Executor, id: string, step: RecoveryStep, now: Date, codeSent = false): Promise<void> {
  await tables(ex)
    .updateTable('recovery_flows')
    .set({ step, updated_at: now, ...(codeSent ? { last_code_at: now } : {}) })
    .where('id', '=', id)
    .execute();
}

/**
 * Counts one code submission before it is compared (kratos' order), only while the flow is
 * still collecting codes and below the limit; returns the new count, or undefined when the
 * flow took no more attempts.
 */
export async function countCodeAttempt(ex: Executor, id: string, max: number, now: Date): Promise<number | undefined> {
  const row = await tables(ex)
    .updateTable('recovery_flows')
    .set((eb) => ({ code_attempts: eb('code_attempts', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('step', '=', 'code_sent')
    .where('code_attempts', '<', max)
    .returning('code_attempts')
    .executeTakeFirst();
  return row?.code_attempts;
}

/** Records a resent code. */
export async function recordResend(ex: Executor, id: string, now: Date): Promise<void> {
  await tables(ex)
    .updateTable('recovery_flows')
    .set((eb) => ({ resends: eb('resends', '+', 1), last_code_at: now, updated_at: now }))
    .where('id', '=', id)
    .execute();
}

import { appendAudit } from '../../audit/audit.ts';
import { inTransaction } from '../../customers/store-support.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { canChangeCases, canReassign, canSeeCase, staffActor, type Staff } from '../access.ts';
import { backofficeError } from '../errors.ts';
import { checkWork, decideTake, mayReassign } from '../ownership.ts';
import type { BackofficeTables, Case } from '../schema.ts';
import { cleanText, MAX_TEXT } from './rules.ts';
import { appendCaseEvent, lockCase, type CaseDeps } from './store.ts';

/**
 * A case being worked is locked to its owner (issue 13, `ownership.ts`): taking a case, taking it
 * over from someone else (recorded on the timeline and in the audit, with whom it was taken
 * from), and the check every working action makes first.
 */
const bo = (ex: Executor) => ex.withTables<BackofficeTables>();

/** Refused: another person has the case; `details.owner` says who. */
const locked = (row: Case, owner: string) => backofficeError('case_locked', `case ${row.number} is being worked by ${owner}`, { owner });

async function setOwner(tx: Tx, deps: CaseDeps, row: Case, owner: string): Promise<Case> {
  return bo(tx)
    .updateTable('cases')
    .set((eb) => ({ owner, updated_at: deps.clock.now(), version: eb('version', '+', 1) }))
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records that `actor` took the (locked) case, from nobody or, on a takeover, from `from`. */
async function recordTake(tx: Tx, deps: CaseDeps, row: Case, actor: string, data: { from: string | null; reason?: string; auto?: boolean }): Promise<Case> {
  const next = await setOwner(tx, deps, row, actor);
  const type = data.from === null ? 'taken' : 'taken_over';
  await appendCaseEvent(tx, deps, row.id, actor, type, data);
  await appendAudit(tx, { at: deps.clock.now(), actor, action: `case.${type}`, customerId: row.customer_id, subject: `case:${row.id}`, details: { number: row.number, ...data } });
  return next;
}

export interface TakeOptions {
  /** Take it from whoever has it (the console's "Tomar el caso"); without it, another's case is refused. */
  takeover?: boolean;
  /** Why, on a takeover (kept on the timeline). */
  reason?: string;
}

/** `actor` takes the case: nobody's becomes theirs, theirs stays, another's only on a takeover. */
export function takeCase(ex: Executor, deps: CaseDeps, caseId: string, actor: string, opts: TakeOptions = {}): Promise<Case> {
  const reason = cleanText(opts.reason ?? '');
  if (reason.length > MAX_TEXT) return Promise.reject(backofficeError('text_too_long', `at most ${MAX_TEXT} characters`));
  return inTransaction(ex, async (t) => {
    const row = await lockCase(t, caseId);
    const decision = decideTake(row.owner, actor, opts.takeover === true);
    if (decision.kind === 'keep') return row;
    if (row.status === 'closed') throw backofficeError('case_closed', `case ${row.number} is closed`);
    if (decision.kind === 'refused') throw locked(row, decision.owner);
    return recordTake(t, deps, row, actor, { from: decision.kind === 'takeover' ? decision.from : null, ...(reason ? { reason } : {}) });
  });
}

/**
 * The case `staff` is about to work on (an attempt, questions, an outcome, the macro's email),
 * locked for the caller's transaction: a case outside what they may see is 404; another's case
 * is refused (409 `case_locked`); nobody's open case becomes theirs now. A closed case is left to
 * the action, which refuses what a closed case does not take.
 */
export async function workOnCase(tx: Tx, deps: CaseDeps, staff: Staff, caseId: string): Promise<Case> {
  const row = await lockCase(tx, caseId);
  if (!canSeeCase(staff, row)) throw backofficeError('case_not_found', 'no such case');
  if (!canChangeCases(staff)) throw backofficeError('case_read_only', 'the fraud team reads cases and works its own tasks');
  if (row.status === 'closed') return row;
  const actor = staffActor(staff);
  const check = checkWork(row.owner, actor);
  if (!check.ok) throw locked(row, check.owner);
  return check.takes ? recordTake(tx, deps, row, actor, { from: null, auto: true }) : row;
}

/**
 * Refuses a change by hand (`PATCH`, closing, linking) of a case another person has; takes
 * nothing. The owner itself changes only as `mayReassign` allows (supervisors reassign); the
 * other fields only on a case that is, after that, the caller's or nobody's.
 */
export function checkManualChange(staff: Staff, row: Case, change: { owner?: string | null; others: boolean } = { others: true }): void {
  if (!canChangeCases(staff)) throw backofficeError('case_read_only', 'the fraud team reads cases and works its own tasks');
  if (row.status === 'closed') return;
  const actor = staffActor(staff);
  if (change.owner !== undefined && !mayReassign(row.owner, actor, canReassign(staff))) throw locked(row, row.owner ?? '');
  const check = checkWork(change.owner !== undefined ? change.owner : row.owner, actor);
  if (change.others && !check.ok) throw locked(row, check.owner);
}

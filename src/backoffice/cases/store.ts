import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.ts';
import { inTransaction, isUuid, type ClockDeps } from '../../customers/store-support.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { CONTACT_CENTRE_QUEUE } from '../access.ts';
import { cleanText, decideStatus, isOwner, MAX_TEXT, parseQueue, type StatusCommand } from './rules.ts';
import { backofficeError } from '../errors.ts';
import { OUTCOMES, type BackofficeTables, type Case, type CaseKind, type CaseStatus, type Mention, type Outcome } from '../schema.ts';

/**
 * The cases of the back office and their append-only timeline. Every change locks the case row
 * (many instances share one database), appends its `case_events` row and, where it matters for
 * security (creation, status, assignment, links, outcome, closing), an audit row, all in the
 * caller's transaction (or a new one when given the database).
 */
export type CaseDeps = ClockDeps;

const bo = (ex: Executor) => ex.withTables<BackofficeTables>();
const subject = (id: string) => `case:${id}`;

export interface NewCase {
  kind: CaseKind;
  customerId: string;
  situation?: string | null;
  operationId?: string | null;
  /** `contact_centre` (default) or `office:<code>`. */
  queue?: string;
  /** `new` (default) or `in_progress`; a case is put pending or closed afterwards, with its reason or comment. */
  status?: CaseStatus;
  /** The earlier, closed case of the same customer and situation this one follows (an alert's). */
  previousCaseId?: string | null;
  actor: string;
}

export function createCase(tx: Executor, deps: CaseDeps, input: NewCase): Promise<Case> {
  return inTransaction(tx, async (t) => {
    const status = input.status ?? 'new';
    if (status !== 'new' && status !== 'in_progress') throw backofficeError('wrong_status', 'a case starts new or in progress; pending and closed need their reason or comment afterwards');
    const queue = input.queue ?? CONTACT_CENTRE_QUEUE;
    await checkQueue(t, queue);
    const customer = isUuid(input.customerId) ? await t.selectFrom('customers').select(['id', 'office_code']).where('id', '=', input.customerId).executeTakeFirst() : undefined;
    if (!customer) throw backofficeError('unknown_customer', 'no such customer');
    checkOfficeQueue(queue, customer.office_code);
    const operationId = input.operationId ?? null;
    if (operationId !== null) {
      const op = isUuid(operationId) ? await t.selectFrom('operations').select('id').where('id', '=', operationId).where('customer_id', '=', customer.id).executeTakeFirst() : undefined;
      if (!op) throw backofficeError('unknown_operation', 'no such operation of this customer');
    }
    const at = deps.clock.now();
    const row = await bo(t)
      .insertInto('cases')
      .values({ id: randomUUID(), kind: input.kind, customer_id: customer.id, situation: input.situation ?? null, operation_id: operationId, status, pending_reason: null, queue, owner: null, category: null, main_case_id: null, previous_case_id: input.previousCaseId ?? null, outcome: null, closing_comment: null, opened_at: at, updated_at: at, closed_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const previous = input.previousCaseId ? { previousCaseId: input.previousCaseId } : {};
    await appendCaseEvent(t, deps, row.id, input.actor, 'created', { kind: row.kind, number: row.number, queue, status, situation: row.situation, operationId, ...previous });
    await appendAudit(t, { at, actor: input.actor, action: 'case.created', customerId: customer.id, subject: subject(row.id), details: { number: row.number, kind: row.kind, queue, ...previous } });
    return row;
  });
}

/** The case with this id; undefined for an unknown or malformed id. */
export async function getCase(ex: Executor, id: string): Promise<Case | undefined> {
  if (!isUuid(id)) return undefined;
  return bo(ex).selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case locked for the rest of the caller's transaction, or `case_not_found`. */
export async function lockCase(tx: Tx, id: string): Promise<Case> {
  const row = isUuid(id) ? await bo(tx).selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!row) throw backofficeError('case_not_found', 'no such case');
  return row;
}

/** Appends one event to a case's timeline (never updated, never deleted). */
export async function appendCaseEvent(ex: Executor, deps: CaseDeps, caseId: string, actor: string, type: string, data: Record<string, unknown> = {}): Promise<void> {
  await bo(ex).insertInto('case_events').values({ case_id: caseId, at: deps.clock.now(), actor, type, data: JSON.stringify(data) }).execute();
}

/** Writes the changed fields of a locked case, bumping its version. */
async function update(tx: Tx, deps: CaseDeps, row: Case, changes: Partial<Omit<Case, 'id' | 'number' | 'version'>>): Promise<Case> {
  return bo(tx)
    .updateTable('cases')
    .set((eb) => ({ ...changes, updated_at: deps.clock.now(), version: eb('version', '+', 1) }))
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

function decide(row: Case, command: StatusCommand) {
  const decision = decideStatus({ status: row.status, pendingReason: row.pending_reason }, command);
  if (!decision.ok) throw backofficeError(decision.reason, `case ${row.number} (${row.status}) cannot move to ${command.to}`, { status: row.status });
  return decision;
}

/** Moves a case along the status table of `rules.ts`; `pending_customer` needs `pendingReason`. */
export function setCaseStatus(tx: Executor, deps: CaseDeps, caseId: string, status: Exclude<CaseStatus, 'closed'>, actor: string, opts: { pendingReason?: string } = {}): Promise<Case> {
  return inTransaction(tx, async (t) => {
    const row = await lockCase(t, caseId);
    const decision = decide(row, { to: status, pendingReason: opts.pendingReason });
    if (!decision.changed) return row;
    const next = await update(t, deps, row, { status: decision.next.status, pending_reason: decision.next.pendingReason });
    await appendCaseEvent(t, deps, row.id, actor, 'status_changed', { from: row.status, to: next.status, pendingReason: next.pending_reason });
    await appendAudit(t, { at: deps.clock.now(), actor, action: 'case.status_changed', customerId: row.customer_id, subject: subject(row.id), details: { number: row.number, from: row.status, to: next.status } });
    return next;
  });
}

/** Moves a case to a queue and/or an owner (`staff:<id>`, or null to leave it unowned). */
export function assignCase(tx: Executor, deps: CaseDeps, caseId: string, to: { queue?: string; owner?: string | null }, actor: string): Promise<Case> {
  return inTransaction(tx, async (t) => {
    const row = await lockCase(t, caseId);
    if (to.queue !== undefined) {
      await checkQueue(t, to.queue);
      const customer = await t.selectFrom('customers').select('office_code').where('id', '=', row.customer_id).executeTakeFirstOrThrow();
      checkOfficeQueue(to.queue, customer.office_code);
    }
    if (to.owner !== undefined && to.owner !== null && !isOwner(to.owner)) throw backofficeError('invalid_owner', 'an owner is staff:<id>');
    const changes: { queue?: string; owner?: string | null } = {};
    if (to.queue !== undefined && to.queue !== row.queue) changes.queue = to.queue;
    if (to.owner !== undefined && to.owner !== row.owner) changes.owner = to.owner;
    if (Object.keys(changes).length === 0) return row;
    if (row.status === 'closed') throw backofficeError('case_closed', `case ${row.number} is closed`);
    const next = await update(t, deps, row, changes);
    const data = {
      ...('queue' in changes ? { queue: { from: row.queue, to: next.queue } } : {}),
      ...('owner' in changes ? { owner: { from: row.owner, to: next.owner } } : {}),
    };
    await appendCaseEvent(t, deps, row.id, actor, 'assigned', data);
    await appendAudit(t, { at: deps.clock.now(), actor, action: 'case.assigned', customerId: row.customer_id, subject: subject(row.id), details: { number: row.number, ...data } });
    return next;
  });
}

/**
 * Closes a case with its closing comments (seed 002: "se cierra el caso detallando en comentarios
 * de cierre la gestión realizada") and a category ("Es de suma importancia categorizar el caso"):
 * the case's own, or `category` (a leaf the caller checked against the tree), set first. An empty
 * comment is refused (`closing_comment_required`), a case without a category too
 * (`category_required`); closing a closed case answers it unchanged.
 */
export function closeCase(tx: Executor, deps: CaseDeps, caseId: string, closingComment: string, actor: string, opts: { outcome?: Outcome; category?: string } = {}): Promise<Case> {
  if (cleanText(closingComment) === '') return Promise.reject(backofficeError('closing_comment_required', 'a case closes only with closing comments'));
  if (opts.outcome !== undefined) checkOutcome(opts.outcome);
  return inTransaction(tx, async (t) => {
    let row = await lockCase(t, caseId);
    const decision = decide(row, { to: 'closed', closingComment });
    if (!decision.changed) return row;
    if (opts.category !== undefined) row = await setCaseCategory(t, deps, row.id, opts.category, actor);
    if (!row.category) throw backofficeError('category_required', `case ${row.number} closes only with a category`);
    const comment = cleanText(closingComment);
    const outcome = opts.outcome ?? row.outcome;
    const at = deps.clock.now();
    const next = await update(t, deps, row, { status: 'closed', pending_reason: null, closing_comment: comment, outcome, closed_at: at });
    await appendCaseEvent(t, deps, row.id, actor, 'closed', { from: row.status, closingComment: comment, outcome });
    await appendAudit(t, { at, actor, action: 'case.closed', customerId: row.customer_id, subject: subject(row.id), details: { number: row.number, outcome } });
    return next;
  });
}

/**
 * Links a case to a main case (seed 002: "cerramos el caso generado por la alerta vinculándolo al
 * caso que hemos creado"). Both belong to the same customer; a main case is not linked under
 * another. Linking again to the same main case changes nothing.
 */
export function linkToMainCase(tx: Executor, deps: CaseDeps, caseId: string, mainCaseId: string, actor: string): Promise<void> {
  return inTransaction(tx, async (t) => {
    if (caseId === mainCaseId) throw backofficeError('link_itself', 'a case cannot be its own main case');
    // Both rows locked in id order, so two links racing the other way round cannot deadlock.
    const [first, second] = [caseId, mainCaseId].sort();
    const locked = new Map<string, Case>();
    for (const id of [first!, second!]) locked.set(id, await lockCase(t, id));
    const row = locked.get(caseId)!;
    const main = locked.get(mainCaseId)!;
    if (main.kind !== 'main') throw backofficeError('not_main_case', `case ${main.number} is not a main case`);
    if (row.kind === 'main') throw backofficeError('not_main_case', `case ${row.number} is itself a main case`);
    if (main.customer_id !== row.customer_id) throw backofficeError('other_customer', 'a case links only to a main case of the same customer');
    if (row.main_case_id === main.id) return;
    if (row.main_case_id !== null) throw backofficeError('already_linked', `case ${row.number} is already linked to another main case`);
    await update(t, deps, row, { main_case_id: main.id });
    await appendCaseEvent(t, deps, row.id, actor, 'linked_to_main', { mainCaseId: main.id, mainNumber: main.number });
    await appendCaseEvent(t, deps, main.id, actor, 'case_linked', { caseId: row.id, number: row.number });
    await appendAudit(t, { at: deps.clock.now(), actor, action: 'case.linked', customerId: row.customer_id, subject: subject(row.id), details: { number: row.number, mainNumber: main.number } });
  });
}

/** A comment on the timeline; a closed case still takes comments (what happened after). */
export function addComment(tx: Executor, deps: CaseDeps, caseId: string, text: string, actor: string): Promise<void> {
  return inTransaction(tx, async (t) => {
    const clean = checkText(text, 'comment_required');
    const row = await getCase(t, caseId);
    if (!row) throw backofficeError('case_not_found', 'no such case');
    await appendCaseEvent(t, deps, row.id, actor, 'comment', { text: clean });
  });
}

/**
 * A mention of an office (by code) or a manager (by id): it lands in their inbox
 * (`GET /api/inbox`) and on the case's timeline.
 */
export function addMention(tx: Executor, deps: CaseDeps, caseId: string, target: { kind: 'office' | 'manager'; id: string }, text: string, actor: string): Promise<Mention> {
  return inTransaction(tx, async (t) => {
    const clean = checkText(text, 'comment_required');
    const row = await getCase(t, caseId);
    if (!row) throw backofficeError('case_not_found', 'no such case');
    const known =
      target.kind === 'office'
        ? await t.selectFrom('offices').select('code').where('code', '=', target.id).executeTakeFirst()
        : await t.selectFrom('managers').select('id').where('id', '=', target.id).executeTakeFirst();
    if (!known) throw backofficeError('unknown_mention_target', `no ${target.kind} ${target.id}`);
    const mention = await bo(t)
      .insertInto('mentions')
      .values({ id: randomUUID(), case_id: row.id, target_kind: target.kind, target_id: target.id, text: clean, created_by: actor, created_at: deps.clock.now(), read_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendCaseEvent(t, deps, row.id, actor, 'mention', { mentionId: mention.id, targetKind: target.kind, targetId: target.id, text: clean });
    return mention;
  });
}

/** Records which of seed 002's situations the call ended in; a closed case keeps the one it closed with. */
export function setOutcome(tx: Executor, deps: CaseDeps, caseId: string, outcome: Outcome, actor: string): Promise<void> {
  checkOutcome(outcome);
  return inTransaction(tx, async (t) => {
    const row = await lockCase(t, caseId);
    if (row.outcome === outcome) return;
    if (row.status === 'closed') throw backofficeError('case_closed', `case ${row.number} is closed`);
    await update(t, deps, row, { outcome });
    await appendCaseEvent(t, deps, row.id, actor, 'outcome_set', { from: row.outcome, outcome });
    await appendAudit(t, { at: deps.clock.now(), actor, action: 'case.outcome_set', customerId: row.customer_id, subject: subject(row.id), details: { number: row.number, outcome } });
  });
}

/** Sets (or clears) the category path; the tree and its special rule are checked by `categories.ts`. */
export function setCaseCategory(tx: Executor, deps: CaseDeps, caseId: string, category: string | null, actor: string, data: Record<string, unknown> = {}): Promise<Case> {
  return inTransaction(tx, async (t) => {
    const row = await lockCase(t, caseId);
    if (row.category === category) return row;
    if (row.status === 'closed') throw backofficeError('case_closed', `case ${row.number} is closed`);
    const next = await update(t, deps, row, { category });
    await appendCaseEvent(t, deps, row.id, actor, 'categorised', { from: row.category, to: category, ...data });
    return next;
  });
}

function checkOutcome(outcome: Outcome): void {
  if (!OUTCOMES.includes(outcome)) throw backofficeError('invalid_outcome', `an outcome is one of ${OUTCOMES.join(', ')}`);
}

function checkText(text: string, empty: 'comment_required'): string {
  const clean = cleanText(text);
  if (clean === '') throw backofficeError(empty, 'the text is empty');
  if (clean.length > MAX_TEXT) throw backofficeError('text_too_long', `at most ${MAX_TEXT} characters`);
  return clean;
}

/** A queue that exists: the contact centre's, or the queue of a known office. */
async function checkQueue(ex: Executor, queue: string): Promise<void> {
  const parsed = parseQueue(queue);
  const known = parsed?.kind === 'contact_centre' || (parsed?.kind === 'office' && (await ex.selectFrom('offices').select('code').where('code', '=', parsed.officeCode).executeTakeFirst()) !== undefined);
  if (!known) throw backofficeError('unknown_queue', `no queue ${queue}: contact_centre or office:<code> of a known office`);
}

/**
 * An office's queue holds its own customers' cases only (issue 14, finding 5): a branch user sees
 * its office's queue, so a case of another office's customer there would show that customer.
 */
function checkOfficeQueue(queue: string, customerOffice: string): void {
  const parsed = parseQueue(queue);
  if (parsed?.kind === 'office' && parsed.officeCode !== customerOffice) {
    throw backofficeError('other_office_queue', `${queue} holds the cases of office ${parsed.officeCode}'s customers; this customer is of another office`);
  }
}

/** Writes the changed fields of a case the caller locked (`lockCase`), bumping its version: for changes kept in their own files (`reopen.ts`). */
export { update as updateLockedCase };

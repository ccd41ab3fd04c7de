import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.ts';
import type { BackofficeConfig } from '../../config/config.ts';
import { getCustomer } from '../../customers/customers-store.ts';
import { isUuid, inTransaction } from '../../customers/store-support.ts';
import { t, type Locale } from '../../i18n/catalogue.ts';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import { isAppError } from '../../platform/errors.ts';
import { cleanText, MAX_TEXT } from '../cases/rules.ts';
import { addComment, appendCaseEvent, lockCase, setCaseCategory, setOutcome } from '../cases/store.ts';
import { MAX_ATTEMPTS, reached } from '../contact/rules.ts';
import { backofficeError } from '../errors.ts';
import { ACTIONS, freshCase, type ActionContext, type ActionDeps } from './actions.ts';
import { playbookError } from './errors.ts';
import { runCategory, type OutcomeCategories } from './outcome-categories.ts';
import { missingRequirements, needsClosingComment, nextStep, runVariant, stepsOf, type CaseFacts } from './rules.ts';
import { PLAYBOOK, type OutcomeDefinition, type PlaybookStep, type Requirement } from './playbook.ts';
import type { BackofficeTables, Case, Outcome, PlaybookRunsTable } from '../schema.ts';
import type { Selectable } from 'kysely';

/**
 * The engine that runs the playbook of `playbook.ts` on a case. Posting an outcome checks what
 * the seed requires (an answered call and a passed check before a confirmation, three failed
 * attempts before "no answer", a failed check before "fails the security questions"), records
 * one run per case (a unique row, so a second, racing post finds the first run and changes
 * nothing twice) and runs the steps in order.
 *
 * Each step is one transaction that locks the run, does the action through the domain and
 * records the finished step, so a step is done and recorded together or not at all. A run that
 * stops half way (a crash, an action that throws) is `failed` with its error and resumes from
 * its first unfinished step; a step that needs the agent (sending the macro's email) leaves the
 * run `waiting`, and sending the draft resumes it. Nothing of a run lives in process memory.
 */
export type PlaybookDeps = ActionDeps & {
  db: Db;
  config: { backoffice: Pick<BackofficeConfig, 'recentDeviceDays' | 'macrosFile' | 'outcomeCategories'>; defaultLocale: Locale };
};

export type Run = Selectable<PlaybookRunsTable>;
interface RunContext {
  closingComment: string;
  answeredBy: string | null;
  /** The category the run closes its cases with (`outcome-categories.ts`); absent in runs older than it. */
  category?: string;
}

const bo = (ex: Executor) => ex.withTables<BackofficeTables>();
const runContext = (run: Run): RunContext => ({
  closingComment: String(run.context.closingComment ?? ''),
  answeredBy: (run.context.answeredBy as string | null | undefined) ?? null,
  ...(typeof run.context.category === 'string' ? { category: run.context.category } : {}),
});

/** What the case shows about contact and checks, for an outcome's requirements. */
export async function caseFacts(ex: Executor, caseId: string): Promise<CaseFacts & { passedBy: string[] }> {
  const [attempts, checks] = await Promise.all([
    bo(ex).selectFrom('contact_attempts').select('result').where('case_id', '=', caseId).orderBy('attempt_no').execute(),
    bo(ex).selectFrom('security_checks').select(['passed', 'customer_id']).where('case_id', '=', caseId).where('passed', 'is not', null).orderBy('asked_at').execute(),
  ]);
  return {
    attempts: attempts.map((a) => ({ reached: reached(a.result) })),
    checks: checks.map((c) => c.passed === true),
    maxAttempts: MAX_ATTEMPTS,
    passedBy: checks.filter((c) => c.passed === true).map((c) => c.customer_id),
  };
}

export interface OutcomeInput {
  outcome: Outcome;
  closingComment?: string;
  /** Who confirmed: the person who passed the security questions (checked when given). */
  answeredBy?: string;
  /** The category to close with instead of the case's or the outcome's (a leaf the route checked). */
  category?: string;
}

/**
 * Applies an outcome to an alert case and runs its playbook. Posting the outcome the case
 * already has resumes its run (a repeat or a race changes nothing twice); another outcome is
 * refused (`outcome_already_set`).
 */
export async function applyOutcome(deps: PlaybookDeps, caseId: string, input: OutcomeInput, actor: string): Promise<Run> {
  const def = PLAYBOOK.outcomes[input.outcome];
  if (!def) throw backofficeError('invalid_outcome', 'unknown outcome');
  const runId = await inTransaction(deps.db, async (tx) => {
    const row = await lockCase(tx, caseId);
    const existing = await bo(tx).selectFrom('playbook_runs').selectAll().where('case_id', '=', row.id).executeTakeFirst();
    if (existing) {
      if (existing.outcome !== input.outcome) throw playbookError('outcome_already_set', `case ${row.number} already has the outcome ${existing.outcome}`, { outcome: existing.outcome, runId: existing.id });
      return existing.id;
    }
    return startRun(tx, deps, row, def, input, actor);
  });
  return drive(deps, runId, actor);
}

async function startRun(tx: Tx, deps: PlaybookDeps, row: Case, def: OutcomeDefinition, input: OutcomeInput, actor: string): Promise<string> {
  if (row.kind !== 'alert') throw playbookError('not_alert_case', `case ${row.number} is a main case`);
  if (row.status === 'closed') throw backofficeError('case_closed', `case ${row.number} is closed`);
  const facts = await caseFacts(tx, row.id);
  const missing = missingRequirements(def, facts);
  if (missing.length > 0) throw playbookError('requirements_not_met', `${def.outcome} needs: ${missing.join(', ')}`, { missing });
  const comment = cleanText(input.closingComment ?? '');
  if (needsClosingComment(def) && comment === '') throw backofficeError('closing_comment_required', `${def.outcome} closes a case: closing comments are required`);
  if (comment.length > MAX_TEXT) throw backofficeError('text_too_long', `at most ${MAX_TEXT} characters`);
  let answeredBy: string | null = null;
  if (def.requires.includes('passed_check')) {
    answeredBy = input.answeredBy ?? facts.passedBy[0] ?? null;
    if (answeredBy === null || !facts.passedBy.includes(answeredBy)) throw playbookError('answered_by_mismatch', 'only the person who passed the security questions confirms');
  }
  const customer = await getCustomer(tx, row.customer_id);
  const office = customer ? await tx.selectFrom('offices').select('kind').where('code', '=', customer.office_code).executeTakeFirst() : undefined;
  if (!customer || !office) throw backofficeError('unknown_customer', 'the case has no customer or office');
  const variant = runVariant(def, office.kind);
  const id = randomUUID();
  const at = deps.clock.now();
  const category = runCategory(def.outcome, input.category, row.category, deps.config.backoffice.outcomeCategories);
  const context: RunContext = { closingComment: comment, answeredBy, category };
  await bo(tx)
    .insertInto('playbook_runs')
    .values({ id, case_id: row.id, outcome: def.outcome, variant, status: 'running', context: JSON.stringify(context), started_by: actor, started_at: at, finished_at: null, last_error: null })
    .execute();
  await setOutcome(tx, deps, row.id, def.outcome, actor);
  // Categorised now, so an outcome that closes nothing leaves a case the agent closes as it is.
  await setCaseCategory(tx, deps, row.id, category, actor, { outcome: def.outcome });
  // An outcome that closes nothing keeps the agent's words as a comment on the case.
  if (!needsClosingComment(def) && comment !== '') await addComment(tx, deps, row.id, comment, actor);
  const data = { runId: id, outcome: def.outcome, variant, answeredBy };
  await appendCaseEvent(tx, deps, row.id, actor, 'playbook_started', data);
  await appendAudit(tx, { at, actor, action: 'playbook.started', customerId: row.customer_id, subject: `case:${row.id}`, details: data });
  return id;
}

async function lockRun(tx: Tx, runId: string): Promise<Run> {
  const run = await bo(tx).selectFrom('playbook_runs').selectAll().where('id', '=', runId).forUpdate().executeTakeFirst();
  if (!run) throw playbookError('run_not_found', 'no such playbook run');
  return run;
}

const stepRows = (ex: Executor, runId: string) => bo(ex).selectFrom('playbook_steps').selectAll().where('run_id', '=', runId).orderBy('step_no').execute();
const mainCaseIdOf = (results: Iterable<Record<string, unknown>>): string | null => {
  for (const r of results) if (typeof r.mainCaseId === 'string') return r.mainCaseId;
  return null;
};

type Advance = 'next' | 'waiting' | 'done';

/**
 * Runs the steps of a run until it is done, waits for the agent, or a step fails. Safe to call
 * from many requests and instances at once: each step locks the run row, so a step another
 * request finished is seen as finished.
 */
export async function drive(deps: PlaybookDeps, runId: string, actor: string): Promise<Run> {
  for (;;) {
    const at: { step?: { stepNo: number; action: string } } = {};
    let advance: Advance;
    try {
      advance = await inTransaction(deps.db, (tx) => advanceOnce(tx, deps, runId, actor, at));
    } catch (err) {
      if (!at.step) throw err;
      await recordFailure(deps, runId, at.step, err, actor);
      break;
    }
    if (advance !== 'next') break;
  }
  return getRun(deps.db, runId);
}

async function advanceOnce(tx: Tx, deps: PlaybookDeps, runId: string, actor: string, at: { step?: { stepNo: number; action: string } }): Promise<Advance> {
  const run = await lockRun(tx, runId);
  if (run.status === 'done') return 'done';
  const def = PLAYBOOK.outcomes[run.outcome];
  const steps = stepsOf(def, run.variant as 'branch' | 'virtual' | null);
  const done = await stepRows(tx, run.id);
  const next = nextStep(steps, done.map((s) => s.step_no));
  const now = deps.clock.now();
  if (next.kind === 'done') {
    await bo(tx).updateTable('playbook_runs').set({ status: 'done', finished_at: now, last_error: null }).where('id', '=', run.id).execute();
    await appendCaseEvent(tx, deps, run.case_id, actor, 'playbook_finished', { runId: run.id, outcome: run.outcome });
    const row = await freshCase(tx, run.case_id);
    await appendAudit(tx, { at: now, actor, action: 'playbook.finished', customerId: row.customer_id, subject: `case:${run.case_id}`, details: { runId: run.id, outcome: run.outcome } });
    return 'done';
  }
  at.step = { stepNo: next.stepNo, action: next.step.action };
  const results = new Map(done.map((s) => [s.step_no, s.result]));
  const mainId = mainCaseIdOf(results.values());
  // Cases locked before any audit row is written (in id order, as links lock them), so this
  // transaction takes its locks in the order every other change of a case does.
  for (const id of [run.case_id, mainId].filter((x): x is string => x !== null).sort()) await lockCase(tx, id);
  const ctx = await actionContext(tx, deps, run, results, done.map((s) => steps[s.step_no - 1]!), actor, mainId);
  const outcome = await ACTIONS[next.step.action](ctx, next.step);
  if ('wait' in outcome) {
    if (run.status !== 'waiting') {
      await bo(tx).updateTable('playbook_runs').set({ status: 'waiting', last_error: null }).where('id', '=', run.id).execute();
      await appendCaseEvent(tx, deps, run.case_id, actor, 'playbook_waiting', { runId: run.id, stepNo: next.stepNo, action: next.step.action, ...outcome.wait });
    }
    return 'waiting';
  }
  await bo(tx).insertInto('playbook_steps').values({ run_id: run.id, step_no: next.stepNo, action: next.step.action, result: JSON.stringify(outcome.done), done_at: now }).execute();
  if (run.status !== 'running') await bo(tx).updateTable('playbook_runs').set({ status: 'running', last_error: null }).where('id', '=', run.id).execute();
  const data = { runId: run.id, stepNo: next.stepNo, action: next.step.action };
  await appendCaseEvent(tx, deps, run.case_id, actor, 'playbook_step', { ...data, result: outcome.done });
  await appendAudit(tx, { at: now, actor, action: 'playbook.step_done', customerId: ctx.customer.id, subject: `case:${run.case_id}`, details: data });
  return 'next';
}

async function actionContext(tx: Tx, deps: PlaybookDeps, run: Run, results: Map<number, Record<string, unknown>>, doneSteps: PlaybookStep[], actor: string, mainId: string | null): Promise<ActionContext> {
  const alertCase = await freshCase(tx, run.case_id);
  const customer = await getCustomer(tx, alertCase.customer_id);
  if (!customer) throw new Error('the case has no customer');
  const office = await tx.selectFrom('offices').select(['code', 'name', 'kind', 'email', 'phone']).where('code', '=', customer.office_code).executeTakeFirstOrThrow();
  const locale = deps.config.defaultLocale;
  return {
    tx,
    deps,
    actor,
    outcome: run.outcome,
    alertCase,
    mainCase: mainId ? await freshCase(tx, mainId) : null,
    customer,
    office,
    closingComment: runContext(run).closingComment,
    category: runContext(run).category ?? deps.config.backoffice.outcomeCategories[run.outcome],
    results,
    doneLabels: doneSteps.filter((s) => s.action !== 'say' && s.action !== 'await_email_sent').map((s) => t(`playbook.action.${s.action}`, locale)),
  };
}

/** What a failed step leaves: the run `failed` with a short error (never data), on the timeline and in the audit log. */
async function recordFailure(deps: PlaybookDeps, runId: string, step: { stepNo: number; action: string }, err: unknown, actor: string): Promise<void> {
  const error = isAppError(err) ? `${err.reason ?? err.code}: ${err.message}` : `${(err as Error).name ?? 'Error'}: ${(err as Error).message ?? String(err)}`;
  const lastError = `step ${step.stepNo} (${step.action}) failed: ${error}`.slice(0, 500);
  await inTransaction(deps.db, async (tx) => {
    const run = await lockRun(tx, runId);
    if (run.status === 'done') return;
    const row = await lockCase(tx, run.case_id);
    await bo(tx).updateTable('playbook_runs').set({ status: 'failed', last_error: lastError }).where('id', '=', run.id).execute();
    const data = { runId: run.id, stepNo: step.stepNo, action: step.action, error: lastError };
    await appendCaseEvent(tx, deps, run.case_id, actor, 'playbook_step_failed', data);
    await appendAudit(tx, { at: deps.clock.now(), actor, action: 'playbook.step_failed', customerId: row.customer_id, subject: `case:${run.case_id}`, details: data });
  });
}

export async function getRun(ex: Executor, runId: string): Promise<Run> {
  const run = isUuid(runId) ? await bo(ex).selectFrom('playbook_runs').selectAll().where('id', '=', runId).executeTakeFirst() : undefined;
  if (!run) throw playbookError('run_not_found', 'no such playbook run');
  return run;
}

/** The run of a case: its own (an alert case), or the run that created it (a main case). */
export async function runOfCase(ex: Executor, caseId: string): Promise<Run | undefined> {
  if (!isUuid(caseId)) return undefined;
  const own = await bo(ex).selectFrom('playbook_runs').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  if (own) return own;
  return bo(ex)
    .selectFrom('playbook_runs')
    .selectAll('playbook_runs')
    .innerJoin('cases', 'cases.id', 'playbook_runs.case_id')
    .where('cases.main_case_id', '=', caseId)
    .orderBy('playbook_runs.started_at')
    .executeTakeFirst();
}

/** Resumes the runs waiting on a case's drafts (the draft's case is the run's alert case or its main case). */
export async function resumeWaitingOn(deps: PlaybookDeps, caseId: string, actor: string): Promise<Run[]> {
  const runs = await bo(deps.db)
    .selectFrom('playbook_runs')
    .innerJoin('cases', 'cases.id', 'playbook_runs.case_id')
    .select('playbook_runs.id')
    .where('playbook_runs.status', '=', 'waiting')
    .where((eb) => eb.or([eb('cases.id', '=', caseId), eb('cases.main_case_id', '=', caseId)]))
    .execute();
  const out: Run[] = [];
  for (const r of runs) out.push(await drive(deps, r.id, actor));
  return out;
}

export interface StepView {
  stepNo: number;
  action: string;
  label: string;
  on: 'alert' | 'main';
  /** What the agent tells the customer, for a `say` step. */
  say: string | null;
  seed: string;
  done: boolean;
  doneAt: string | null;
  result: Record<string, unknown> | null;
}

export interface RunView {
  id: string;
  caseId: string;
  outcome: Outcome;
  title: string;
  variant: string | null;
  status: Run['status'];
  lastError: string | null;
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
  answeredBy: string | null;
  mainCaseId: string | null;
  /** The drafts the run waits for the agent to send, while `waiting`. */
  waitingFor: { draftIds: string[] } | null;
  steps: StepView[];
}

/** A run as the console shows it: every step of its definition, done or not, in `locale`. */
export async function runView(ex: Executor, run: Run, locale: Locale): Promise<RunView> {
  const def = PLAYBOOK.outcomes[run.outcome];
  const steps = stepsOf(def, run.variant as 'branch' | 'virtual' | null);
  const done = new Map((await stepRows(ex, run.id)).map((s) => [s.step_no, s]));
  const results = [...done.values()].map((s) => s.result);
  const draftIds = results.flatMap((r) => (Array.isArray(r.draftIds) ? (r.draftIds as string[]) : []));
  return {
    id: run.id,
    caseId: run.case_id,
    outcome: run.outcome,
    title: t(`backoffice.outcome.${run.outcome}`, locale),
    variant: run.variant,
    status: run.status,
    lastError: run.last_error,
    startedAt: run.started_at.toISOString(),
    startedBy: run.started_by,
    finishedAt: run.finished_at?.toISOString() ?? null,
    answeredBy: runContext(run).answeredBy,
    mainCaseId: mainCaseIdOf(results),
    waitingFor: run.status === 'waiting' ? { draftIds } : null,
    steps: steps.map((s, i) => {
      const row = done.get(i + 1);
      return {
        stepNo: i + 1,
        action: s.action,
        label: t(`playbook.action.${s.action}`, locale),
        on: s.on ?? 'alert',
        say: s.say ? t(`playbook.say.${s.say}`, locale) : null,
        seed: s.seed,
        done: row !== undefined,
        doneAt: row?.done_at.toISOString() ?? null,
        result: row?.result ?? null,
      };
    }),
  };
}

export interface OutcomeOption {
  outcome: Outcome;
  title: string;
  available: boolean;
  missing: { requirement: Requirement; text: string }[];
  needsClosingComment: boolean;
  /** The category it would close with: the case's own, else the outcome's (`backoffice.outcomeCategories`). */
  category: string;
}

/** Which outcomes the case allows now, and why not the others. */
export async function outcomeOptions(ex: Executor, caseId: string, locale: Locale, categories: OutcomeCategories): Promise<OutcomeOption[]> {
  const facts = await caseFacts(ex, caseId);
  const own = (await bo(ex).selectFrom('cases').select('category').where('id', '=', caseId).executeTakeFirst())?.category ?? null;
  return Object.values(PLAYBOOK.outcomes).map((def) => {
    const missing = missingRequirements(def, facts);
    return {
      outcome: def.outcome,
      title: t(`backoffice.outcome.${def.outcome}`, locale),
      available: missing.length === 0,
      missing: missing.map((r) => ({ requirement: r, text: t(`playbook.requirement.${r}`, locale) })),
      needsClosingComment: needsClosingComment(def),
      category: runCategory(def.outcome, undefined, own, categories),
    };
  });
}

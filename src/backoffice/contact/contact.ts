import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.ts';
import { getCustomer, representativesOf } from '../../customers/customers-store.ts';
import { inTransaction } from '../../customers/store-support.ts';
import { t, type Locale } from '../../i18n/catalogue.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Customer } from '../../platform/db/schema.ts';
import { appendCaseEvent, assignCase, lockCase, setCaseStatus, type CaseDeps } from '../cases/store.ts';
import { ATTEMPT_RESULTS, contactProposal, MAX_ATTEMPTS, phoneOptions, planAttempt, reached, type AttemptResult, type PhoneKind, type PhoneOption } from './rules.ts';
import { backofficeError } from '../errors.ts';
import { playbookError } from '../playbook/errors.ts';
import type { Selectable } from 'kysely';
import type { BackofficeTables, Case, ContactAttemptsTable } from '../schema.ts';

/**
 * Contacting the customer about an alert case (seed 002): the phones in the seed's order, the
 * attempts (at most 3 per case, recorded with time, number, kind and result), who may answer
 * (the holder, or a representative of an entity), and the call script that opens with why we
 * call. The rules are in `rules.ts`; this file reads and writes them.
 */

const bo = (ex: Executor) => ex.withTables<BackofficeTables>();

export interface AttemptView {
  attemptNo: number;
  at: string;
  phone: string;
  phoneKind: PhoneKind;
  result: string;
  answeredBy: string | null;
  by: string;
  /** The console's call this attempt was, and how long the customer was on it; null when typed by the agent. */
  callId: string | null;
  durationSeconds: number | null;
}

export interface ContactView {
  caseId: string;
  customer: { id: string; name: string; kind: 'person' | 'entity' };
  /** The phones in the order to call them (landline first). */
  phones: PhoneOption[];
  attempts: AttemptView[];
  attemptsLeft: number;
  /** The next attempt: its number, the phones it may use and the one suggested; null when none is left. */
  next: { attemptNo: number; suggested: PhoneOption; allowed: PhoneOption[] } | null;
  /** After the third failed attempt: the outcome to propose. */
  proposal: 'no_answer' | null;
  /** For a legal entity: who may answer and confirm for it. */
  representatives: { id: string; name: string; role: string }[];
  results: AttemptResult[];
  script: { locale: Locale; lines: string[] };
}

/** What the agent says when the call is answered: why we call first (seed 002), then who we need. */
export function callScript(customer: Pick<Customer, 'name' | 'kind'>, locale: Locale): string[] {
  return [
    t('playbook.script.reason', locale),
    t(customer.kind === 'entity' ? 'playbook.script.entity' : 'playbook.script.holder', locale, { name: customer.name }),
    t('playbook.script.holderOnly', locale),
    t('playbook.script.anyDoubt', locale),
  ];
}

export async function listAttempts(ex: Executor, caseId: string): Promise<AttemptView[]> {
  const rows = await bo(ex).selectFrom('contact_attempts').selectAll().where('case_id', '=', caseId).orderBy('attempt_no').execute();
  return rows.map(attemptView);
}

export function attemptView(r: Selectable<ContactAttemptsTable>): AttemptView {
  return { attemptNo: r.attempt_no, at: r.at.toISOString(), phone: r.phone, phoneKind: r.phone_kind, result: r.result, answeredBy: r.answered_by, by: r.by, callId: r.call_id, durationSeconds: r.duration_seconds };
}

/** The contact panel of an alert case; `locale` is the script's language (the customer's by default). */
export async function contactView(ex: Executor, row: Case, locale?: Locale): Promise<ContactView> {
  const customer = await getCustomer(ex, row.customer_id);
  if (!customer) throw backofficeError('case_not_found', 'the case has no customer');
  const phones = phoneOptions(customer);
  const attempts = await listAttempts(ex, row.id);
  const plan = planAttempt(phones, attempts.length);
  const reps = customer.kind === 'entity' ? await representativesOf(ex, customer.id) : [];
  const scriptLocale = locale ?? customer.locale;
  return {
    caseId: row.id,
    customer: { id: customer.id, name: customer.name, kind: customer.kind },
    phones,
    attempts,
    attemptsLeft: Math.max(0, MAX_ATTEMPTS - attempts.length),
    next: plan.ok && row.status !== 'closed' ? { attemptNo: plan.attemptNo, suggested: plan.suggested, allowed: plan.allowed } : null,
    proposal: contactProposal(attempts.map((a) => a.result)),
    representatives: reps.map((r) => ({ id: r.id, name: r.name, role: r.role })),
    results: [...ATTEMPT_RESULTS],
    script: { locale: scriptLocale, lines: callScript(customer, scriptLocale) },
  };
}

/**
 * Who answered for the customer: the holder themself, or for an entity one of its
 * representatives ("Le preguntaremos el nombre de la persona que en ese momento representa a la
 * empresa"). Anyone else cannot confirm.
 */
export async function resolveAnswerer(ex: Executor, customer: Customer, answeredBy: string | undefined): Promise<Customer> {
  if (customer.kind === 'person') {
    if (answeredBy !== undefined && answeredBy !== customer.id) throw playbookError('not_the_holder', 'only the online-banking holder answers for a person');
    return customer;
  }
  if (answeredBy === undefined) throw playbookError('answered_by_required', 'for a legal entity, say which representative answered');
  const rep = (await representativesOf(ex, customer.id)).find((r) => r.id === answeredBy);
  if (!rep) throw playbookError('not_a_representative', 'that person does not represent the entity');
  return rep;
}

export interface AttemptInput {
  result: AttemptResult;
  /** The phone called; the suggested one when absent. */
  phoneKind?: PhoneKind;
  /** Who answered (`answered` only): the holder by default; a representative's id for an entity. */
  answeredBy?: string;
  actor: string;
}

/**
 * Records one contact attempt. The case row is locked, so two agents recording at once get
 * attempts 1 and 2, and a fourth is refused (`attempt_limit`, 409) — the unique
 * (case, attempt number) and its 1..3 check are the last guard.
 */
export function recordAttempt(ex: Executor, deps: CaseDeps, caseId: string, input: AttemptInput): Promise<{ attempt: AttemptView; proposal: 'no_answer' | null; attemptsLeft: number }> {
  return inTransaction(ex, async (tx) => {
    const row = await lockOpenAlertCase(tx, caseId);
    const customer = await getCustomer(tx, row.customer_id);
    if (!customer) throw backofficeError('case_not_found', 'the case has no customer');
    const { made, plan, phone } = await nextAttempt(tx, row.id, customer, input.phoneKind);
    let answeredBy: string | null = null;
    if (reached(input.result)) answeredBy = (await resolveAnswerer(tx, customer, input.answeredBy)).id;
    else if (input.answeredBy !== undefined) throw playbookError('not_the_holder', 'answeredBy goes only with the result "answered"');
    const at = deps.clock.now();
    const inserted = await bo(tx)
      .insertInto('contact_attempts')
      .values({ id: randomUUID(), case_id: row.id, attempt_no: plan.attemptNo, phone: phone.number, phone_kind: phone.kind, result: input.result, answered_by: answeredBy, at, by: input.actor })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (row.status === 'new') await setCaseStatus(tx, deps, row.id, 'in_progress', input.actor);
    // The agent who calls takes an unowned case (reports count cases by agent).
    if (row.owner === null) await assignCase(tx, deps, row.id, { owner: input.actor }, input.actor);
    const data = { attemptNo: plan.attemptNo, phoneKind: phone.kind, result: input.result, answeredBy };
    await appendCaseEvent(tx, deps, row.id, input.actor, 'contact_attempt', data);
    await appendAudit(tx, { at, actor: input.actor, action: 'contact.attempt', customerId: row.customer_id, subject: `case:${row.id}`, details: data });
    const results = [...made.map((a) => a.result), input.result];
    return {
      attempt: attemptView(inserted),
      proposal: contactProposal(results),
      attemptsLeft: MAX_ATTEMPTS - results.length,
    };
  });
}

/**
 * The attempt to make now on a case the caller has locked: its number and the phone it calls
 * (the suggested one unless `phoneKind` picks another allowed one). Refused past the limit
 * (`attempt_limit`), for a phone out of the seed's order (`phone_not_allowed`), and while a call
 * of the console is live (`call_in_progress`): that call is the attempt being made.
 */
export async function nextAttempt(tx: Tx, caseId: string, customer: Customer, phoneKind: PhoneKind | undefined) {
  const live = await bo(tx).selectFrom('contact_calls').select('attempt_no').where('case_id', '=', caseId).where('status', '<>', 'ended').executeTakeFirst();
  if (live) throw playbookError('call_in_progress', `attempt ${live.attempt_no} is a call still in progress`);
  const made = await listAttempts(tx, caseId);
  const plan = planAttempt(phoneOptions(customer), made.length);
  if (!plan.ok) throw playbookError(plan.reason, plan.reason === 'attempt_limit' ? `at most ${MAX_ATTEMPTS} attempts per alert` : 'the customer has no phone');
  const phone = phoneKind === undefined ? plan.suggested : plan.allowed.find((p) => p.kind === phoneKind);
  if (!phone) throw playbookError('phone_not_allowed', `attempt ${plan.attemptNo} may call: ${plan.allowed.map((p) => p.kind).join(', ')}`, { allowed: plan.allowed.map((p) => p.kind) });
  return { made, plan, phone };
}

/** The alert case locked for the caller's transaction; refused when closed or not an alert's. */
export async function lockOpenAlertCase(tx: Tx, caseId: string): Promise<Case> {
  const row = await lockCase(tx, caseId);
  if (row.kind !== 'alert') throw playbookError('not_alert_case', `case ${row.number} is a main case`);
  if (row.status === 'closed') throw backofficeError('case_closed', `case ${row.number} is closed`);
  return row;
}

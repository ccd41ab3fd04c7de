import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.ts';
import type { BackofficeConfig } from '../../config/config.ts';
import { getCustomer } from '../../customers/customers-store.ts';
import { samePhone } from '../../customers/phone.ts';
import { inTransaction } from '../../customers/store-support.ts';
import type { Locale } from '../../i18n/catalogue.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Customer } from '../../platform/db/schema.ts';
import { appendCaseEvent, lockCase, type CaseDeps } from '../cases/store.ts';
import { lockOpenAlertCase, resolveAnswerer } from './contact.ts';
import { reached } from './rules.ts';
import { configFile } from '../deps.ts';
import { backofficeError } from '../errors.ts';
import { playbookError } from '../playbook/errors.ts';
import type { BackofficeTables } from '../schema.ts';
import { drawQuestions, factsOf, judgeAnswers, loadQuestionBank, type FactValues, type SecurityFact, type SecurityQuestion } from './security-questions.ts';

/**
 * The security checks of an alert case: questions drawn for the person who answered the call,
 * answers judged by the server, pass or fail recorded. A check keeps the ids of its questions,
 * never an expected answer; the answers typed are judged and dropped.
 *
 * One failed check ends the questions on a case (the seed's next step is "No responde
 * correctamente a las preguntas de seguridad"): drawing new questions until one set passes
 * would let anybody through.
 */
export interface SecurityDeps extends CaseDeps {
  config: { backoffice: Pick<BackofficeConfig, 'securityQuestionsFile' | 'securityQuestionsAsked'> };
}

const bo = (ex: Executor) => ex.withTables<BackofficeTables>();
export const MAX_ANSWER = 200;

export const questionBank = (deps: SecurityDeps): readonly SecurityQuestion[] => loadQuestionBank(configFile(deps.config.backoffice.securityQuestionsFile, 'security-questions.json'));

export interface CheckView {
  id: string;
  caseId: string;
  /** Who answers: the holder, or the representative of an entity. */
  answeredBy: string;
  questions: { id: string; text: string }[];
  passed: boolean | null;
  askedAt: string;
  answeredAt: string | null;
}

async function personFacts(ex: Executor, person: Customer): Promise<FactValues> {
  const [cards, user] = await Promise.all([
    ex.selectFrom('cards').select('last4').where('customer_id', '=', person.id).execute(),
    ex.selectFrom('online_banking_users').select('user_code').where('customer_id', '=', person.id).executeTakeFirst(),
  ]);
  return factsOf({ customer: person, cardsLast4: cards.map((c) => c.last4), userCode: user?.user_code ?? null });
}

function view(row: { id: string; case_id: string; customer_id: string; questions: string[]; passed: boolean | null; asked_at: Date; answered_at: Date | null }, bank: readonly SecurityQuestion[], locale: Locale): CheckView {
  return {
    id: row.id,
    caseId: row.case_id,
    answeredBy: row.customer_id,
    questions: row.questions.map((id) => ({ id, text: bank.find((q) => q.id === id)?.text[locale] ?? id })),
    passed: row.passed,
    askedAt: row.asked_at.toISOString(),
    answeredAt: row.answered_at?.toISOString() ?? null,
  };
}

/**
 * Draws the questions for the person who answered (`answeredBy`: the holder by default, a
 * representative's id for an entity). That person must have answered a recorded attempt. An
 * unanswered check for the same person is answered again as it is (a reload of the console).
 */
export function startCheck(ex: Executor, deps: SecurityDeps, caseId: string, input: { answeredBy?: string; actor: string; locale: Locale }): Promise<CheckView> {
  return inTransaction(ex, async (tx) => {
    const row = await lockOpenAlertCase(tx, caseId);
    const customer = await getCustomer(tx, row.customer_id);
    if (!customer) throw backofficeError('case_not_found', 'the case has no customer');
    const person = await resolveAnswerer(tx, customer, input.answeredBy);
    const bank = questionBank(deps);
    const checks = await bo(tx).selectFrom('security_checks').selectAll().where('case_id', '=', row.id).orderBy('asked_at').execute();
    if (checks.some((c) => c.passed === false)) throw playbookError('check_failed_before', 'the security questions were failed on this case');
    if (checks.some((c) => c.passed === true)) throw playbookError('already_verified', 'identity is already verified on this case');
    const open = checks.find((c) => c.answered_at === null);
    if (open) {
      if (open.customer_id === person.id) return view(open, bank, input.locale);
      throw playbookError('check_open', 'another person has unanswered questions on this case');
    }
    const attempts = await bo(tx).selectFrom('contact_attempts').select(['result', 'answered_by', 'phone']).where('case_id', '=', row.id).execute();
    if (!attempts.some((a) => reached(a.result) && a.answered_by === person.id)) throw playbookError('no_answered_call', 'record the answered call first');
    // The agent has seen the numbers they dialled: no question asks what they could read.
    const exclude: SecurityFact[] = [];
    if (attempts.some((a) => samePhone(a.phone, person.mobile))) exclude.push('mobile_last3');
    if (attempts.some((a) => samePhone(a.phone, person.landline))) exclude.push('landline_last3');
    const questions = drawQuestions(bank, await personFacts(tx, person), deps.config.backoffice.securityQuestionsAsked, exclude);
    if (questions.length === 0) throw playbookError('no_questions', 'no data of this person to ask about');
    const at = deps.clock.now();
    const inserted = await bo(tx)
      .insertInto('security_checks')
      .values({ id: randomUUID(), case_id: row.id, customer_id: person.id, questions: JSON.stringify(questions.map((q) => q.id)), passed: null, asked_at: at, answered_at: null, by: input.actor })
      .returningAll()
      .executeTakeFirstOrThrow();
    const data = { checkId: inserted.id, answeredBy: person.id, questions: questions.map((q) => q.id) };
    await appendCaseEvent(tx, deps, row.id, input.actor, 'security_check_started', data);
    await appendAudit(tx, { at, actor: input.actor, action: 'security_check.started', customerId: row.customer_id, subject: `case:${row.id}`, details: data });
    return view(inserted, bank, input.locale);
  });
}

/** The check with this id, for the route to find its case; undefined when unknown. */
export function findCheck(ex: Executor, id: string) {
  return bo(ex).selectFrom('security_checks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The checks of a case, newest last, as the console shows them. */
export async function listChecks(ex: Executor, deps: SecurityDeps, caseId: string, locale: Locale): Promise<CheckView[]> {
  const bank = questionBank(deps);
  const rows = await bo(ex).selectFrom('security_checks').selectAll().where('case_id', '=', caseId).orderBy('asked_at').execute();
  return rows.map((r) => view(r, bank, locale));
}

/**
 * Judges the answers of a check, once: every drawn question must be answered (no more, no
 * fewer) and all must be right to pass. The answer says pass or fail, never which was wrong.
 */
export function answerCheck(ex: Executor, deps: SecurityDeps, checkId: string, answers: readonly { questionId: string; answer: string }[], actor: string, locale: Locale): Promise<CheckView> {
  return inTransaction(ex, async (tx) => {
    const found = await findCheck(tx, checkId);
    if (!found) throw playbookError('check_not_found', 'no such security check');
    // The case first, then the check: the order every change of a case takes its locks in.
    const row = await lockCase(tx, found.case_id);
    const check = await bo(tx).selectFrom('security_checks').selectAll().where('id', '=', checkId).forUpdate().executeTakeFirstOrThrow();
    if (check.answered_at !== null) throw playbookError('check_answered', 'this check was already answered');
    if (row.status === 'closed') throw backofficeError('case_closed', `case ${row.number} is closed`);
    const given = new Map(answers.map((a) => [a.questionId, a.answer]));
    const asked = check.questions;
    if (given.size !== answers.length || given.size !== asked.length || !asked.every((id) => given.has(id))) {
      throw playbookError('answers_mismatch', 'answer each question asked, once', { questions: asked });
    }
    const person = await getCustomer(tx, check.customer_id);
    const bank = questionBank(deps);
    // A question since removed from the bank cannot be judged: it counts as wrong.
    const questions = asked.map((id) => bank.find((q) => q.id === id) ?? { id, fact: 'email' as const, text: { es: id, en: id } });
    const passed = person !== undefined && asked.every((id) => bank.some((q) => q.id === id)) && judgeAnswers(questions, await personFacts(tx, person), given);
    const at = deps.clock.now();
    const updated = await bo(tx)
      .updateTable('security_checks')
      .set({ passed, answered_at: at })
      .where('id', '=', check.id)
      .where('answered_at', 'is', null)
      .returningAll()
      .executeTakeFirstOrThrow();
    const data = { checkId: check.id, answeredBy: check.customer_id, passed };
    await appendCaseEvent(tx, deps, row.id, actor, 'security_check_answered', data);
    await appendAudit(tx, { at, actor, action: passed ? 'security_check.passed' : 'security_check.failed', customerId: row.customer_id, subject: `case:${row.id}`, details: data });
    return view(updated, bank, locale);
  });
}

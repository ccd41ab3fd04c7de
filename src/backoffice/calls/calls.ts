import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.ts';
import { getCustomer } from '../../customers/customers-store.ts';
import { samePhone } from '../../customers/phone.ts';
import { inTransaction } from '../../customers/store-support.ts';
import type { Config } from '../../config/config.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { appendCaseEvent, lockCase, setCaseStatus, type CaseDeps } from '../cases/store.ts';
import { attemptView, lockOpenAlertCase, nextAttempt, resolveAnswerer, type AttemptView, type ContactView } from '../contact/contact.ts';
import { reached, type PhoneKind } from '../contact/rules.ts';
import { backofficeError } from '../errors.ts';
import { playbookError } from '../playbook/errors.ts';
import type { BackofficeTables, CallStatus, ContactCall } from '../schema.ts';
import type { VoiceProvider } from './provider.ts';
import { awaitsConfirmation, CALL_LOST_MS, PLACING_GRACE_MS, rangOut, type CallEnd, type Confirmation } from './rules.ts';

/**
 * The console's calls (issue 15 §2): "Llamar" places the contact attempt as a real call, the
 * provider's callbacks end it, and the end records the attempt by itself. The rules of seed 002
 * (landline first, 3 attempts) are checked before the provider is asked to call anyone.
 */

const bo = (ex: Executor) => ex.withTables<BackofficeTables>();

export interface CallView {
  id: string;
  attemptNo: number;
  phone: string;
  phoneKind: PhoneKind;
  /** placing → calling_agent (Twilio rings the agent's phone) → ringing (the customer's) → in_progress → ended. */
  status: CallStatus;
  result: string | null;
  durationSeconds: number | null;
  startedAt: string;
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
}

export const callView = (c: ContactCall): CallView => ({
  id: c.id,
  attemptNo: c.attempt_no,
  phone: c.phone,
  phoneKind: c.phone_kind,
  status: c.status,
  result: c.result,
  durationSeconds: c.duration_seconds,
  startedAt: c.created_at.toISOString(),
  ringingAt: c.ringing_at?.toISOString() ?? null,
  answeredAt: c.answered_at?.toISOString() ?? null,
  endedAt: c.ended_at?.toISOString() ?? null,
});

/** The contact panel with the console's call: the live call, whether this agent can call, what they may confirm. */
export type ContactPanelView = ContactView & {
  call: CallView | null;
  calling: { provider: 'twilio' | 'dev' | 'off'; canCall: boolean };
  confirmations: string[];
};

export interface CallsDeps extends CaseDeps {
  db: Executor;
  config: Config;
}

/** The phone of an agent (`calls.agentPhones`), by staff id. */
export const agentPhoneOf = (config: Config, staffId: string): string | null => config.calls.agentPhones[staffId] ?? null;

/** Whether this agent can call from the console: the provider is on, and has the agent's phone when it needs one. */
export function canCall(config: Config, provider: VoiceProvider | null, staffId: string): boolean {
  return provider !== null && (!provider.needsAgentPhone || agentPhoneOf(config, staffId) !== null);
}

export async function findCall(ex: Executor, id: string): Promise<ContactCall | undefined> {
  return bo(ex).selectFrom('contact_calls').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case's call in progress, if any. */
export async function liveCall(ex: Executor, caseId: string): Promise<ContactCall | undefined> {
  return bo(ex).selectFrom('contact_calls').selectAll().where('case_id', '=', caseId).where('status', '<>', 'ended').executeTakeFirst();
}

/**
 * Step one of "Llamar", in the caller's transaction on a case they work: every rule is checked
 * and the call is written down as `placing`, before any provider is asked to call. A refused
 * call never rings anyone.
 */
export async function reserveCall(tx: Tx, deps: CallsDeps, provider: VoiceProvider | null, caseId: string, input: { phoneKind?: PhoneKind; staffId: string; actor: string }): Promise<ContactCall> {
  if (!provider) throw playbookError('calls_off', 'calls from the console are off (calls.provider)');
  const agentPhone = agentPhoneOf(deps.config, input.staffId);
  if (provider.needsAgentPhone && !agentPhone) throw playbookError('no_agent_phone', `no phone for ${input.staffId} in calls.agentPhones`);
  const row = await lockOpenAlertCase(tx, caseId);
  const customer = await getCustomer(tx, row.customer_id);
  if (!customer) throw backofficeError('case_not_found', 'the case has no customer');
  const { plan, phone } = await nextAttempt(tx, row.id, customer, input.phoneKind);
  const at = deps.clock.now();
  const call = await bo(tx)
    .insertInto('contact_calls')
    .values({
      id: randomUUID(),
      case_id: row.id,
      attempt_no: plan.attemptNo,
      phone: phone.number,
      phone_kind: phone.kind,
      agent_phone: provider.needsAgentPhone ? agentPhone : null,
      provider: provider.name,
      provider_sid: null,
      status: 'placing',
      result: null,
      duration_seconds: null,
      by: input.actor,
      created_at: at,
      ringing_at: null,
      answered_at: null,
      ended_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (row.status === 'new') await setCaseStatus(tx, deps, row.id, 'in_progress', input.actor);
  const data = { callId: call.id, attemptNo: call.attempt_no, phoneKind: call.phone_kind, provider: provider.name };
  await appendCaseEvent(tx, deps, row.id, input.actor, 'contact_call', data);
  await appendAudit(tx, { at, actor: input.actor, action: 'contact.call', customerId: row.customer_id, subject: `case:${row.id}`, details: data });
  return call;
}

/**
 * Step two, after the reservation is committed: the provider places the call. If it refuses or
 * cannot be reached, the call ends as `not_placed` (no attempt: nobody was called) and the agent
 * reads why (503 `provider_unavailable`).
 */
export async function dialReserved(deps: CallsDeps, provider: VoiceProvider, call: ContactCall, urls: { bridge: string; agentStatus: string }): Promise<ContactCall> {
  let placed: Awaited<ReturnType<VoiceProvider['place']>>;
  try {
    placed = await provider.place({ id: call.id, to: call.phone, agentPhone: call.agent_phone, urls });
  } catch (err) {
    await endCall(deps, call.id, 'not_placed', 0);
    throw playbookError('provider_unavailable', `the voice provider did not place the call: ${err instanceof Error ? err.message : String(err)}`);
  }
  const now = deps.clock.now();
  await bo(deps.db).updateTable('contact_calls').set({ provider_sid: placed.sid }).where('id', '=', call.id).execute();
  // A callback may have come first and moved the call on already: then its state stands.
  await bo(deps.db)
    .updateTable('contact_calls')
    .set({ status: placed.status, ...(placed.status === 'ringing' ? { ringing_at: now } : {}) })
    .where('id', '=', call.id)
    .where('status', '=', 'placing')
    .execute();
  return (await findCall(deps.db, call.id))!;
}

/** A live call moves on (the customer's phone rings, or someone picked up); an ended call stays ended. */
export async function advanceCall(deps: CallsDeps, callId: string, status: 'ringing' | 'in_progress'): Promise<ContactCall | undefined> {
  const now = deps.clock.now();
  const set = status === 'ringing' ? { status, ringing_at: now } : { status, answered_at: now };
  const from: CallStatus[] = status === 'ringing' ? ['placing', 'calling_agent'] : ['placing', 'calling_agent', 'ringing'];
  return bo(deps.db).updateTable('contact_calls').set(set).where('id', '=', callId).where('status', 'in', from).returningAll().executeTakeFirst();
}

/**
 * How a call ended, from the provider's callback (or the dev phone): the call is closed and,
 * unless nobody was called, its result becomes the case's attempt, with the call's duration.
 * Said twice, the second time changes nothing (providers retry their callbacks).
 */
export function endCall(deps: CallsDeps, callId: string, end: CallEnd, durationSeconds: number): Promise<AttemptView | null> {
  return inTransaction(deps.db, async (tx) => {
    const first = await findCall(tx, callId);
    if (!first) throw playbookError('call_not_found', 'no such call');
    // The case first, then the call: the order `reserveCall` takes them in.
    const row = await lockCase(tx, first.case_id);
    const call = await bo(tx).selectFrom('contact_calls').selectAll().where('id', '=', callId).forUpdate().executeTakeFirstOrThrow();
    if (call.status === 'ended') return null;
    const at = deps.clock.now();
    const duration = end === 'picked_up' ? durationSeconds : 0;
    await bo(tx).updateTable('contact_calls').set({ status: 'ended', result: end, duration_seconds: duration, ended_at: at }).where('id', '=', call.id).execute();
    if (end === 'agent_unreachable' || end === 'not_placed' || end === 'no_report') {
      await appendCaseEvent(tx, deps, row.id, call.by, 'contact_call_ended', { callId: call.id, result: end });
      return null;
    }
    const inserted = await bo(tx)
      .insertInto('contact_attempts')
      .values({ id: randomUUID(), case_id: row.id, attempt_no: call.attempt_no, phone: call.phone, phone_kind: call.phone_kind, result: end, answered_by: null, at, by: call.by, call_id: call.id, duration_seconds: duration })
      .returningAll()
      .executeTakeFirstOrThrow();
    const data = { attemptNo: call.attempt_no, phoneKind: call.phone_kind, result: end, callId: call.id, durationSeconds: duration };
    await appendCaseEvent(tx, deps, row.id, call.by, 'contact_attempt', data);
    await appendAudit(tx, { at, actor: call.by, action: 'contact.attempt', customerId: row.customer_id, subject: `case:${row.id}`, details: data });
    return attemptView(inserted);
  });
}

/**
 * What only the agent knows about a call someone picked up: the holder (or for an entity which
 * representative), someone else, a voicemail or a wrong number. Once said, it stays.
 */
export function confirmPickedUp(ex: Executor, deps: CaseDeps, caseId: string, attemptNo: number, input: { result: Confirmation; answeredBy?: string; actor: string }): Promise<AttemptView> {
  return inTransaction(ex, async (tx) => {
    const row = await lockOpenAlertCase(tx, caseId);
    const attempt = await bo(tx).selectFrom('contact_attempts').selectAll().where('case_id', '=', row.id).where('attempt_no', '=', attemptNo).executeTakeFirst();
    if (!attempt) throw playbookError('attempt_not_found', `case ${row.number} has no attempt ${attemptNo}`);
    if (!awaitsConfirmation(attempt.result)) throw playbookError('nothing_to_confirm', `attempt ${attemptNo} is already "${attempt.result}"`);
    const customer = await getCustomer(tx, row.customer_id);
    if (!customer) throw backofficeError('case_not_found', 'the case has no customer');
    let answeredBy: string | null = null;
    if (reached(input.result)) answeredBy = (await resolveAnswerer(tx, customer, input.answeredBy)).id;
    else if (input.answeredBy !== undefined) throw playbookError('not_the_holder', 'answeredBy goes only with the result "answered"');
    const updated = await bo(tx).updateTable('contact_attempts').set({ result: input.result, answered_by: answeredBy }).where('id', '=', attempt.id).returningAll().executeTakeFirstOrThrow();
    const data = { attemptNo, result: input.result, answeredBy };
    await appendCaseEvent(tx, deps, row.id, input.actor, 'contact_attempt_confirmed', data);
    await appendAudit(tx, { at: deps.clock.now(), actor: input.actor, action: 'contact.attempt_confirmed', customerId: row.customer_id, subject: `case:${row.id}`, details: data });
    return attemptView(updated);
  });
}

/**
 * Ends the calls nobody will report on: a dev call whose phone rang out (Twilio applies the
 * Dial's timeout itself), a call never handed to the provider (the server stopped between
 * writing it down and placing it), and a call the provider has said nothing about for hours. Run before a call's state is read, so no timer in memory is needed.
 */
export async function settleStaleCalls(deps: CallsDeps, where: { caseId?: string; phone?: string }): Promise<void> {
  const now = deps.clock.now();
  let query = bo(deps.db).selectFrom('contact_calls').selectAll().where('status', '<>', 'ended');
  if (where.caseId) query = query.where('case_id', '=', where.caseId);
  const live = await query.execute();
  for (const call of live) {
    if (where.phone && !samePhone(call.phone, where.phone)) continue;
    const age = now.getTime() - call.created_at.getTime();
    if (call.status === 'placing' && age >= PLACING_GRACE_MS) await endCall(deps, call.id, 'not_placed', 0);
    else if (age >= CALL_LOST_MS) await endCall(deps, call.id, 'no_report', 0);
    else if (call.provider === 'dev' && rangOut(call, now, deps.config.calls.ringTimeoutSeconds)) await endCall(deps, call.id, 'no_answer', 0);
  }
}

/** The dev calls ringing at, or connected to, a number (the `/phone` page showing it). */
export async function devCallsTo(ex: Executor, phone: string): Promise<ContactCall[]> {
  const live = await bo(ex).selectFrom('contact_calls').selectAll().where('provider', '=', 'dev').where('status', 'in', ['ringing', 'in_progress']).orderBy('created_at').execute();
  return live.filter((c) => samePhone(c.phone, phone));
}

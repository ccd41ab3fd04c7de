import type { Db } from '../platform/db/database.ts';
import { isAppError } from '../platform/errors.ts';
import { ivrActions, prepareActions, type ActionDeps, type Prepared } from './actions.ts';
import { newCallState, type CallStart } from './call.ts';
import { closeCall, closeFinishedCall, findCall, insertCall, lockCall, saveTurn } from './calls-store.ts';
import { transition } from './engine.ts';
import type { ActionName, ActionOutcome } from './flow-types.ts';
import type { IvrCall } from './schema.ts';
import type { IvrSettings } from './settings.ts';
import type { CallEvent, CallState, Say } from './state.ts';
import { dialAnswered } from './handover.ts';
import { findHandoverOfCall, HandoverRefused, openHandover, runHandoverCommand } from './handovers-store.ts';
import { agentLineOf } from '../directory/directory.ts';
import { describeHours } from '../directory/view.ts';
import type { Locale } from '../i18n/catalogue.ts';
import type { Prompts, PromptRef } from './flow-types.ts';
import { ivrText } from './text.ts';
import { withoutSecrets } from './twiml.ts';
import { runTurn, type ActionRunner, type Turn } from './turn.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';

/**
 * The webhook side of a call, independent of HTTP: record the call, play one turn per webhook
 * inside one transaction (actions, messages, audit and the new state commit together), answer
 * a retried webhook with the answer already given, and close the record when the call ends.
 */
export interface IvrDeps extends ActionDeps {
  db: Db;
  settings: IvrSettings;
  log: { error(obj: object, msg: string): void };
}

/** Turns effects into the provider's answer; `nextTurn` goes into the URLs it calls next. */
export type Render = (effects: Turn['effects'], nextTurn: number) => string;

// Another instance wrote the call between our read and our write: read again and decide anew.
const MAX_CONFLICTS = 5;
class Conflict extends Error {}

/** A call comes in: record it (once, however often the provider retries) and play turn 0. */
export async function answerCall(deps: IvrDeps, render: Render, start: CallStart & { callSid: string }): Promise<string> {
  const { line, state } = newCallState(deps.settings.flow, start, deps.settings.defaultLocale);
  const record = { callSid: start.callSid, line, from: state.from, to: start.to, now: deps.clock.now() };
  // Turn 0 needs no action (a greeting, a menu): recorded already played, in one statement.
  const { plain } = await prepare(deps, state, { type: 'start' });
  if (plain) {
    const { answer, kept } = rendered(render, plain.effects, 1);
    if (await insertCall(deps.db, { ...record, state: plain.state, played: { key: 'turn:0', response: kept } })) return answer;
  } else await insertCall(deps.db, { ...record, state });
  return advance(deps, render, start.callSid, 0, { type: 'start' });
}

/** The keys (or the silence) answering turn `turn` of a call. */
export function continueCall(deps: IvrDeps, render: Render, callSid: string, turn: number, event: CallEvent): Promise<string> {
  return advance(deps, render, callSid, turn, event);
}

// Statuses after which the provider sends nothing more for the call.
const FINAL = new Set(['completed', 'busy', 'no-answer', 'canceled', 'failed']);

/** The provider reports the call over: close the record (once) with its duration and outcome. */
export async function endCall(deps: IvrDeps, callSid: string, providerStatus: string, durationSeconds: number | undefined): Promise<void> {
  if (!FINAL.has(providerStatus)) return;
  // The usual case, a call the flow finished: one statement. Otherwise read, decide, write.
  if (await closeFinishedCall(deps.db, { callSid, providerStatus, durationSeconds: durationSeconds ?? null, now: deps.clock.now() })) return;
  for (let i = 0; i < MAX_CONFLICTS; i++) {
    const call = await findCall(deps.db, callSid);
    // Once per call: a call the flow finished at a hang-up or a transfer still gets its status and duration.
    if (!call || call.provider_status) return;
    const now = deps.clock.now();
    const state = transition(deps.settings.flow, call.state, { type: 'hangup' }).state;
    const duration = durationSeconds ?? Math.max(0, Math.round((now.getTime() - call.started_at.getTime()) / 1000));
    if (await closeCall(deps.db, { callSid, version: call.version, state, providerStatus, durationSeconds: duration, now })) return;
  }
}

/**
 * The provider reports a transfer's Dial over (the Dial's action). Answered, the record is taken
 * by phone and the call just ends. Not answered (no-answer, busy, failed, canceled), the record is
 * `unanswered` and the caller hears, in the call's language, the agents' hours and the other ways
 * (`flow.unanswered`), then a polite end. A retried report changes nothing and hears the same,
 * decided by the first report; a call without a record (the database was down when it was
 * transferred) still hears the hours.
 */
export async function dialEnded(deps: IvrDeps, render: Render, callSid: string, dialStatus: string): Promise<string> {
  let handover = await findHandoverOfCall(deps.db, callSid);
  if (handover) {
    try {
      handover = await runHandoverCommand(deps.db, deps, { callSid }, { kind: 'dialEnded', dialStatus });
    } catch (err) {
      if (!(err instanceof HandoverRefused)) throw err;
    }
  }
  const answered = dialAnswered(handover?.dial_status ?? dialStatus);
  if (answered) return render([{ type: 'hangup' }], 0);
  const call = handover ? undefined : await findCall(deps.db, callSid);
  const locale = handover?.locale ?? call?.locale ?? deps.settings.defaultLocale;
  const number = handover?.agent_number ?? deps.settings.flow.settings.agentNumber;
  return render([...unansweredWords(deps.settings.flow.unanswered, locale, number), { type: 'hangup' }], 0);
}

/** The unanswered words in `locale`, with the agent line's hours from the directory (left out when not stated). */
function unansweredWords(prompts: Prompts, locale: Locale, agentNumber: string): ({ type: 'say' } & Say)[] {
  const line = agentLineOf(agentNumber);
  const hours = !line || line.hours.kind === 'unstated' ? undefined : line.hours.kind === 'always' ? ivrText('ivr.handover.allDay', locale) : describeHours(line.hours, locale);
  const list: readonly PromptRef[] = typeof prompts === 'string' || !Array.isArray(prompts) ? [prompts as PromptRef] : prompts;
  return list.flatMap((p) => {
    const id = typeof p === 'string' ? p : p.id;
    if (id === 'ivr.handover.hours') return hours === undefined ? [] : [{ type: 'say' as const, prompt: id, locale, params: { hours } }];
    return [{ type: 'say' as const, prompt: id, locale: typeof p === 'string' ? locale : p.locale }];
  });
}

async function advance(deps: IvrDeps, render: Render, callSid: string, turn: number, event: CallEvent): Promise<string> {
  const key = `turn:${turn}`;
  for (let i = 0; i < MAX_CONFLICTS; i++) {
    const call = await findCall(deps.db, callSid);
    if (!call) return render([{ type: 'say', prompt: 'ivr.error', locale: deps.settings.defaultLocale }, { type: 'hangup' }], 0);
    // A retry of the webhook already answered: the same answer, and the call does not move.
    if (call.last_key === key && call.last_response) return call.last_response;
    if (call.ended_at) return render([{ type: 'hangup' }], call.turn);
    // A turn other than the one the call waits for (a late duplicate): what the caller heard last.
    if (turn !== call.turn) return call.last_response ?? render([{ type: 'hangup' }], call.turn);
    const answer = await play(deps, render, call, key, event);
    if (answer !== undefined) return answer;
  }
  throw new Error(`call ${callSid}: still changing after ${MAX_CONFLICTS} attempts`);
}

/** Plays one turn in one transaction; undefined when another writer got there first. */
async function play(deps: IvrDeps, render: Render, call: IvrCall, key: string, event: CallEvent): Promise<string | undefined> {
  let failed: ActionOutcome | undefined;
  const { prepared, plain } = await prepare(deps, call.state, event);
  if (plain) {
    // No action and no transfer: nothing to do but store the turn, one conditional write.
    const { answer, kept } = rendered(render, plain.effects, call.turn + 1);
    const saved = await saveTurn(deps.db, { callSid: call.call_sid, version: call.version, state: plain.state, turn: call.turn + 1, key, response: kept, now: deps.clock.now() });
    return saved ? answer : undefined;
  }
  for (;;) {
    try {
      return await transactionWithRetry(deps.db, async (tx) => {
        if (!(await lockCall(tx, call.call_sid, call.version))) throw new Conflict();
        const run: ActionRunner = failed ? async () => ({ outcome: failed! }) : ivrActions(tx, deps, call.call_sid, prepared);
        const turn = await runTurn(deps.settings.flow, call.state, event, run);
        // A transfer leaves the call's context for the agent, in this same transaction.
        const transfer = turn.effects.find((e) => e.type === 'transfer');
        if (transfer) await openHandover(tx, deps, { call, state: turn.state, reason: transfer.reason, agentNumber: transfer.number });
        const { answer, kept } = rendered(render, turn.effects, call.turn + 1);
        const saved = await saveTurn(tx, { callSid: call.call_sid, version: call.version, state: turn.state, turn: call.turn + 1, key, response: kept, now: deps.clock.now() });
        if (!saved) throw new Conflict();
        return answer;
      });
    } catch (err) {
      if (err instanceof Conflict) return undefined;
      if (failed) throw err;
      // The transaction is gone, and with it whatever the action had done: play the turn again
      // with the failure as the action's outcome, so the caller hears words, not silence.
      failed = isAppError(err) && err.code === 'too_many' ? 'unavailable' : 'error';
      deps.log.error({ callSid: call.call_sid, error: err instanceof Error ? err.message : String(err) }, 'IVR turn failed; answering with its failure path');
    }
  }
}

/**
 * What the caller hears now, and what a retried webhook will hear (`kept`, stored with the
 * turn): the same answer unless it reads out a secret, which is never stored.
 */
function rendered(render: Render, effects: Turn['effects'], nextTurn: number): { answer: string; kept: string } {
  const answer = render(effects, nextTurn);
  const safe = withoutSecrets(effects, 'ivr.secret.notRepeated');
  return { answer, kept: safe === effects ? answer : render(safe, nextTurn) };
}

/**
 * Plays the turn dry — the flow engine is pure — to learn the action it will ask for, and
 * prepares that action's database-free work (a password hash) before the transaction opens.
 * A turn that asks for no action and transfers nothing is the turn itself: `plain`.
 */
async function prepare(deps: IvrDeps, state: CallState, event: CallEvent): Promise<{ prepared: Prepared; plain?: Turn }> {
  const wanted: ActionName[] = [];
  let turn: Turn;
  try {
    turn = await runTurn(deps.settings.flow, state, event, async (req) => {
      wanted.push(req.action);
      return { outcome: 'rejected' };
    });
  } catch {
    // The turn itself will meet the same failure inside the transaction, where it is answered.
    return { prepared: {} };
  }
  if (wanted.length > 0) return { prepared: await prepareActions(wanted) };
  return { prepared: {}, ...(turn.effects.some((e) => e.type === 'transfer') ? {} : { plain: turn }) };
}

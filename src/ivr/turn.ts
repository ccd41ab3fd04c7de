import type { Locale } from '../i18n/catalogue.ts';
import type { ActionName, ActionOutcome, FlowDefinition } from './flow-types.ts';
import { transition } from './engine.ts';
import type { CallContext, CallEvent, CallState, Effect, Secrets } from './state.ts';

/** What an action receives: the call's non-secret context, its caller id, and the secrets typed this turn. */
export interface ActionRequest {
  action: ActionName;
  context: CallContext;
  from: string | null;
  /** The call's language, for the messages the action sends. */
  locale: Locale;
  secrets: Secrets;
}

export interface ActionResult {
  outcome: ActionOutcome;
  /** Words for the next prompts (masked phone ending, a code read out); never persisted. */
  data?: Record<string, string>;
  /** The customer identified by every check (kept in the call's context for a handover). */
  customerId?: string;
  /** The identification met a card whose PIN is blocked (a handover's reason, never said). */
  pinBlocked?: boolean;
}

export type ActionRunner = (request: ActionRequest) => Promise<ActionResult>;

/** What a turn leaves: the state to persist and what the caller hears, without `runAction` effects. */
export interface Turn {
  state: CallState;
  effects: Exclude<Effect, { type: 'runAction' }>[];
}

// An action leads to words, a question or an end, never straight to another action chain this long.
const MAX_ACTIONS_PER_TURN = 4;

/**
 * One turn of a call: the event, then every action it asks for, run at once and fed back.
 * The secrets of the turn reach the action runner and nothing else: they are not in the
 * returned state or effects.
 */
export async function runTurn(flow: FlowDefinition, state: CallState, event: CallEvent, run: ActionRunner): Promise<Turn> {
  let step = transition(flow, state, event);
  const effects: Turn['effects'] = [];
  for (let i = 0; ; i++) {
    const request = step.effects.find((e) => e.type === 'runAction');
    for (const e of step.effects) if (e.type !== 'runAction') effects.push(e);
    if (!request) return { state: step.state, effects };
    if (i >= MAX_ACTIONS_PER_TURN) throw new Error(`flow ${flow.id}: more than ${MAX_ACTIONS_PER_TURN} actions in one turn`);
    const { type: _type, ...rest } = request;
    const result = await run(rest);
    step = transition(flow, step.state, {
      type: 'actionResult',
      action: request.action,
      outcome: result.outcome,
      data: result.data ?? {},
      ...(result.customerId ? { customerId: result.customerId } : {}),
      ...(result.pinBlocked ? { pinBlocked: true } : {}),
    });
  }
}

import { newCallState, type CallStart } from './call.ts';
import type { ActionName, FlowDefinition } from './flow-types.ts';
import type { CallEvent, CallState } from './state.ts';
import { runTurn, type ActionRequest, type ActionResult, type ActionRunner, type Turn } from './turn.ts';

/** Helpers for the IVR tests (imported only by `*.test.ts`). */

/** An action runner answering from a script, recording every request it got. */
export function scriptedActions(results: Partial<Record<ActionName, ActionResult | ActionResult[]>> = {}): ActionRunner & { calls: ActionRequest[] } {
  const calls: ActionRequest[] = [];
  const runner = async (request: ActionRequest): Promise<ActionResult> => {
    calls.push(structuredClone(request));
    const scripted = results[request.action];
    if (Array.isArray(scripted)) return scripted.shift() ?? { outcome: 'error' };
    return scripted ?? { outcome: 'done' };
  };
  return Object.assign(runner, { calls });
}

/** A key sequence as a caller would press it: digits, or `timeout` for silence. */
export type Press = string | 'timeout';

export interface Dialled {
  state: CallState;
  turns: Turn[];
  /** Every prompt id heard, in order (inside gathers too). */
  heard: string[];
}

/** Places a call, presses the keys in turn, and returns what happened. */
export async function dial(flow: FlowDefinition, start: CallStart, presses: readonly Press[], run: ActionRunner = scriptedActions()): Promise<Dialled> {
  let { state } = newCallState(flow, start);
  const turns: Turn[] = [];
  const events: CallEvent[] = [{ type: 'start' }, ...presses.map((p): CallEvent => (p === 'timeout' ? { type: 'timeout' } : { type: 'digits', digits: p }))];
  for (const event of events) {
    const turn = await runTurn(flow, state, event, run);
    turns.push(turn);
    state = turn.state;
  }
  return { state, turns, heard: turns.flatMap(heardIn) };
}

/** Prompt ids of one turn's effects, in order. */
export function heardIn(turn: Pick<Turn, 'effects'>): string[] {
  return turn.effects.flatMap((e) => (e.type === 'say' ? [e.prompt] : e.type === 'gather' ? e.prompts.map((p) => p.prompt) : []));
}

/** The caller of the demo: a registered Spanish mobile. */
export const CALLER = '+34612345331';
export const UNLOCK_LINE = '+34950183313';

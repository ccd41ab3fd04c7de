import { ACTION_OUTCOMES, EXHAUSTED } from './flow-types.ts';
import type { FlowDefinition, FlowNode, HandoverReason, InputNode, Key, MenuNode, Next, NodeId, PromptId, PromptRef, Prompts, Reason, SayNode } from './flow-types.ts';
import { FIELDS } from './fields.ts';
import { GUARDS } from './guards.ts';
import type { CallEvent, CallState, Effect, Say, Secrets, Transition } from './state.ts';

/**
 * The call-flow interpreter: `transition(flow, state, event) → { state, effects }`, pure (no
 * I/O, no clock). The caller persists the new state and then performs the effects; a
 * `runAction` effect is performed at once and its outcome fed back as an `actionResult`.
 */

// Say and guard chains are a handful of nodes; more means the definition loops without asking.
const MAX_STEPS = 64;
// A call's path is bounded by its re-prompt and retry limits; this only caps a runaway record.
const MAX_PATH = 200;

type Waiting = MenuNode | InputNode;
interface Carry {
  data?: Readonly<Record<string, string>>;
  secrets?: Secrets;
}

/** The next state and effects of a call after one event. Throws only on a broken definition. */
export function transition(flow: FlowDefinition, state: CallState, event: CallEvent): Transition {
  if (state.status === 'ended') return { state, effects: [{ type: 'hangup' }] };
  if (event.type === 'hangup') return { state: { ...state, status: 'ended', outcome: state.outcome ?? 'abandoned' }, effects: [] };
  const node = flow.nodes[state.node];
  // A call started on another version of the flow (a deploy mid-call) cannot be resumed safely.
  if (state.flow !== flow.id || state.version !== flow.version || !node) return enter(flow, state, flow.onError, {});
  if (event.type === 'start') {
    if (state.path.length === 0) return enter(flow, state, state.node, {});
    return node.kind === 'menu' || node.kind === 'input' ? { state, effects: [gather(flow, state, node, [])] } : enter(flow, state, flow.onError, {});
  }
  switch (node.kind) {
    case 'menu':
    case 'input':
      return onKeys(flow, state, node, event);
    case 'action':
      if (event.type !== 'actionResult' || event.action !== node.action || !ACTION_OUTCOMES.includes(event.outcome)) {
        return enter(flow, state, flow.onError, {});
      }
      return enter(flow, identified(state, event), node.outcomes[event.outcome] ?? flow.onError, { data: event.data ?? {} });
    default:
      // Say, transfer and hangup never hold an active call; a state resting there is corrupt.
      return enter(flow, state, flow.onError, {});
  }
}

function onKeys(flow: FlowDefinition, state: CallState, node: Waiting, event: CallEvent): Transition {
  if (event.type === 'timeout') return reprompt(flow, state, node, 'noInput');
  if (event.type !== 'digits') return { state, effects: [gather(flow, state, node, [])] };
  if (node.kind === 'menu') {
    const choice = event.digits.length === 1 ? node.options[event.digits as Key] : undefined;
    if (choice === undefined) return reprompt(flow, state, node, 'invalid');
    if (typeof choice === 'string') return enter(flow, state, choice, {});
    return enter(flow, { ...state, locale: choice.locale }, choice.goto, {});
  }
  const { min, max } = node.digits;
  const reading = event.digits.length >= min && event.digits.length <= max ? FIELDS[node.field].read(event.digits) : null;
  if (reading === null) return reprompt(flow, state, node, 'invalid');
  if ('secrets' in reading) return enter(flow, state, pick(flow, state, node.next), { secrets: reading.secrets });
  const next = { ...state, context: { ...state.context, ...reading.context } };
  return enter(flow, next, pick(flow, next, node.next), {});
}

/**
 * What an action's identification leaves in the context: the customer when every check passed
 * (cleared otherwise, so a claim is never taken for an identity), and a blocked PIN once met.
 */
function identified(state: CallState, event: Extract<CallEvent, { type: 'actionResult' }>): CallState {
  const { customerId: _previous, ...context } = state.context;
  return {
    ...state,
    context: { ...context, ...(event.customerId ? { customerId: event.customerId } : {}), ...(event.pinBlocked || context.pinBlocked ? { pinBlocked: true as const } : {}) },
  };
}

function reprompt(flow: FlowDefinition, state: CallState, node: Waiting, why: 'noInput' | 'invalid'): Transition {
  const retries = state.retries + 1;
  if (retries > flow.settings.reprompts) return enter(flow, state, node.onExhausted ?? EXHAUSTED, {});
  const next = { ...state, retries };
  // Before a language is chosen the caller may speak either: the re-prompt is said in each.
  const words = node.repromptIn?.length ? node.repromptIn.map((locale) => ({ prompt: flow.reprompt[why], locale })) : [say(next, flow.reprompt[why])];
  return { state: next, effects: [gather(flow, next, node, words)] };
}

/** Follows say nodes and guards from `target` until the call waits for keys, an action, or ends. */
function enter(flow: FlowDefinition, from: CallState, target: NodeId, carry: Carry): Transition {
  let state: CallState = { ...from, retries: 0 };
  const effects: Effect[] = [];
  let id = target;
  for (let step = 0; step < MAX_STEPS; step++) {
    if (id === EXHAUSTED) id = flow.onExhausted[flow.settings.whenExhausted];
    const node: FlowNode | undefined = flow.nodes[id];
    if (!node) throw new Error(`flow ${flow.id}@${flow.version}: unknown node "${id}"`);
    state = visit(flow, state, id);
    switch (node.kind) {
      case 'say':
        effects.push(...spoken(flow, state, node, carry));
        if (node.count) state = { ...state, counters: { ...state.counters, [node.count]: (state.counters[node.count] ?? 0) + 1 } };
        id = pick(flow, state, node.next);
        continue;
      case 'menu':
      case 'input':
        return { state, effects: [...effects, gather(flow, state, node, [])] };
      case 'action':
        effects.push({ type: 'runAction', action: node.action, context: state.context, from: state.from, locale: state.locale, secrets: carry.secrets ?? {} });
        return { state, effects };
      case 'transfer':
        effects.push(...sayAll(state, node.prompt), {
          type: 'transfer',
          number: flow.settings.agentNumber,
          timeoutSeconds: flow.settings.transferTimeoutSeconds,
          reason: reasonOf(flow, state, node.reason),
        });
        return { state: { ...state, status: 'ended', outcome: node.outcome }, effects };
      case 'hangup':
        effects.push(...sayAll(state, node.prompt), { type: 'hangup' });
        return { state: { ...state, status: 'ended', outcome: node.outcome }, effects };
    }
  }
  throw new Error(`flow ${flow.id}@${flow.version}: more than ${MAX_STEPS} steps without waiting, from "${target}"`);
}

const starts = new WeakMap<FlowDefinition, Map<NodeId, CallState['context']['branch']>>();
/** The branch each branch's first node starts, worked out once per flow. */
function branchStarts(flow: FlowDefinition): Map<NodeId, CallState['context']['branch']> {
  let map = starts.get(flow);
  if (!map) {
    map = new Map();
    for (const [branch, start] of Object.entries(flow.branches)) if (!map.has(start)) map.set(start, branch as CallState['context']['branch']);
    starts.set(flow, map);
  }
  return map;
}

/** Records the node in the path; entering a branch's first node starts a fresh identification. */
function visit(flow: FlowDefinition, state: CallState, id: NodeId): CallState {
  const path = state.path.length < MAX_PATH ? [...state.path, id] : state.path;
  const branch = branchStarts(flow).get(id);
  return { ...state, node: id, path, ...(branch ? { context: { branch } } : {}) };
}

function pick(flow: FlowDefinition, state: CallState, next: Next): NodeId {
  if (typeof next === 'string') return next;
  const hit = next.find((n) => n.when === undefined || GUARDS[n.when](state, flow.settings));
  if (!hit) throw new Error(`flow ${flow.id}@${flow.version}: no branch of a guarded next holds at "${state.node}"`);
  return hit.goto;
}

/** The handover reason of a transfer: the first guarded entry that holds. */
function reasonOf(flow: FlowDefinition, state: CallState, reason: Reason): HandoverReason {
  if (typeof reason === 'string') return reason;
  const hit = reason.find((r) => r.when === undefined || GUARDS[r.when](state, flow.settings));
  if (!hit) throw new Error(`flow ${flow.id}@${flow.version}: no reason of a guarded list holds at "${state.node}"`);
  return hit.reason;
}

function spoken(flow: FlowDefinition, state: CallState, node: SayNode, carry: Carry): Effect[] {
  const words = sayAll(state, node.prompt, carry.data, node.secret);
  const out: Effect[] = [...words];
  for (let i = 0; i < (node.repeat?.times ?? 0); i++) {
    // With no key the provider goes on to the next verb: the repetition. A key ends the call.
    out.push({ type: 'gather', prompts: [say(state, node.repeat!.offer)], numDigits: 1, finishOnKey: '', timeoutSeconds: flow.settings.timeoutSeconds });
    out.push(...words);
  }
  return out;
}

function gather(flow: FlowDefinition, state: CallState, node: Waiting, before: Say[]): Effect {
  const input = node.kind === 'input';
  return {
    type: 'gather',
    prompts: [...before, ...prompted(state, node.prompt)],
    numDigits: input ? node.digits.max : 1,
    finishOnKey: input ? (node.finishOnKey ?? '#') : '',
    timeoutSeconds: flow.settings.timeoutSeconds,
  };
}

function sayAll(state: CallState, prompts: Prompts | undefined, params?: Readonly<Record<string, string>>, secret?: boolean): Effect[] {
  return prompted(state, prompts, params, secret).map((s) => ({ type: 'say', ...s }));
}

function prompted(state: CallState, prompts: Prompts | undefined, params?: Readonly<Record<string, string>>, secret?: boolean): Say[] {
  const list: readonly PromptRef[] = prompts === undefined ? [] : typeof prompts === 'string' || !Array.isArray(prompts) ? [prompts as PromptRef] : prompts;
  return list.map((p) => ({
    ...(typeof p === 'string' ? say(state, p) : { prompt: p.id, locale: p.locale }),
    ...(params && Object.keys(params).length > 0 ? { params } : {}),
    ...(secret ? { secret: true } : {}),
  }));
}

function say(state: CallState, prompt: PromptId): Say {
  return { prompt, locale: state.locale };
}

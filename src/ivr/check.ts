import { samePhone } from '../customers/phone.ts';
import { agentLineOf } from '../directory/directory.ts';
import { EXHAUSTED } from './flow-types.ts';
import type { FlowDefinition, FlowNode, Next, NodeId, PromptRef, Prompts } from './flow-types.ts';
import { FIELDS } from './fields.ts';

/**
 * Static checks of a call-flow definition, so a mistake in the data fails a test or the start
 * instead of a caller: dangling targets, unknown prompts, orphan nodes, say loops that never
 * wait, a secret (the PIN) that could outlive the request it was typed in, and a transfer that
 * would not reach a person.
 */
export function checkFlow(flow: FlowDefinition, hasPrompt: (id: string) => boolean): string[] {
  const problems: string[] = [];
  const exists = (id: NodeId) => id === EXHAUSTED || Object.hasOwn(flow.nodes, id);
  const need = (from: string, id: NodeId) => void (exists(id) || problems.push(`${from}: unknown node "${id}"`));
  const prompts = (from: string, p: Prompts | undefined) => {
    for (const ref of list(p)) {
      const id = typeof ref === 'string' ? ref : ref.id;
      if (!hasPrompt(id)) problems.push(`${from}: unknown prompt "${id}"`);
    }
  };

  for (const [name, line] of Object.entries(flow.lines)) need(`line ${name}`, line.start);
  if (!Object.hasOwn(flow.lines, flow.defaultLine)) problems.push(`defaultLine: unknown line "${flow.defaultLine}"`);
  for (const [branch, start] of Object.entries(flow.branches)) need(`branch ${branch}`, start);
  for (const id of [flow.onError, flow.onExhausted.agent, flow.onExhausted.goodbye]) need('flow', id);
  prompts('reprompt', [flow.reprompt.noInput, flow.reprompt.invalid]);
  prompts('unanswered', flow.unanswered);
  problems.push(...transferProblems(flow));

  for (const [id, node] of Object.entries(flow.nodes)) {
    prompts(id, 'prompt' in node ? node.prompt : undefined);
    for (const target of targets(node)) need(id, target);
    if (node.kind === 'say' && node.repeat) prompts(id, node.repeat.offer);
    if (node.kind === 'input') {
      const { min, max } = node.digits;
      if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && min <= max)) problems.push(`${id}: bad digit bounds`);
      if (min < max && !node.finishOnKey) problems.push(`${id}: a variable length needs a finishOnKey`);
      if (FIELDS[node.field].secret && (typeof node.next !== 'string' || flow.nodes[node.next]?.kind !== 'action')) {
        problems.push(`${id}: a secret must go straight to the action that consumes it`);
      }
    }
  }
  problems.push(...orphans(flow), ...sayLoops(flow));
  return problems;
}

/**
 * Whether a transfer reaches a person: the number must be an agent line of the directory (lines
 * answered by the contact centre's people), never one of the numbers this flow answers itself
 * (the call would come back to the IVR), and the Dial must ring for a sensible time.
 */
export function transferProblems(flow: FlowDefinition): string[] {
  const { agentNumber, transferTimeoutSeconds } = flow.settings;
  const problems: string[] = [];
  const own = Object.entries(flow.lines).find(([, line]) => line.numbers.some((n) => samePhone(n, agentNumber)));
  if (own) problems.push(`settings.agentNumber: ${agentNumber} is answered by this flow (line ${own[0]}): a transfer there comes back to the IVR`);
  else if (!agentLineOf(agentNumber)) problems.push(`settings.agentNumber: ${agentNumber} is not an agent line of the directory (src/directory/data.ts, agentLine)`);
  if (!(Number.isInteger(transferTimeoutSeconds) && transferTimeoutSeconds >= 5 && transferTimeoutSeconds <= 600)) {
    problems.push(`settings.transferTimeoutSeconds: ${transferTimeoutSeconds} is not a whole number of seconds from 5 to 600`);
  }
  return problems;
}

/** Every node a node can lead to. */
export function targets(node: FlowNode): NodeId[] {
  switch (node.kind) {
    case 'menu':
      return [...Object.values(node.options).map((c) => (typeof c === 'string' ? c : c.goto)), node.onExhausted ?? EXHAUSTED];
    case 'input':
      return [...nexts(node.next), node.onExhausted ?? EXHAUSTED];
    case 'action':
      return Object.values(node.outcomes);
    case 'say':
      return nexts(node.next);
    default:
      return [];
  }
}

export const nexts = (next: Next): NodeId[] => (typeof next === 'string' ? [next] : next.map((n) => n.goto));
const list = (p: Prompts | undefined): readonly PromptRef[] => (p === undefined ? [] : Array.isArray(p) ? p : [p as PromptRef]);

function resolve(flow: FlowDefinition, id: NodeId): NodeId[] {
  return id === EXHAUSTED ? [flow.onExhausted.agent, flow.onExhausted.goodbye] : [id];
}

function orphans(flow: FlowDefinition): string[] {
  const seen = new Set<NodeId>();
  const queue = [...Object.values(flow.lines).map((l) => l.start), flow.onError];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id) || !flow.nodes[id]) continue;
    seen.add(id);
    for (const t of targets(flow.nodes[id])) queue.push(...resolve(flow, t));
  }
  return Object.keys(flow.nodes).filter((id) => !seen.has(id)).map((id) => `${id}: unreachable from every line`);
}

function sayLoops(flow: FlowDefinition): string[] {
  const problems: string[] = [];
  const walk = (id: NodeId, trail: NodeId[]): void => {
    const node = flow.nodes[id];
    if (node?.kind !== 'say') return;
    if (trail.includes(id)) return void problems.push(`${id}: say nodes loop without waiting (${[...trail, id].join(' → ')})`);
    for (const t of nexts(node.next)) for (const r of resolve(flow, t)) walk(r, [...trail, id]);
  };
  for (const id of Object.keys(flow.nodes)) walk(id, []);
  return [...new Set(problems)];
}

import { EXHAUSTED } from './flow-types.ts';
import type { FlowDefinition, FlowNode, NodeId } from './flow-types.ts';

/**
 * A Mermaid flowchart of a call flow, generated from the definition so the picture in
 * docs/ivr.md cannot drift from what the engine runs. Each seed branch is a subgraph; edges
 * carry the key pressed, the guard or the action outcome. The "re-prompts exhausted" edge every
 * menu and input has is left out (it would double the picture) and stated in a note instead.
 */
export function flowToMermaid(flow: FlowDefinition): string {
  const out = ['flowchart TD'];
  const id = (n: NodeId) => (n === EXHAUSTED ? 'exhausted' : `n_${n.replace(/[^A-Za-z0-9]/g, '_')}`);
  const branchOf = (n: NodeId) => Object.entries(flow.branches).find(([, start]) => n === start || n.startsWith(`${start}.`));

  for (const [name, line] of Object.entries(flow.lines)) {
    out.push(`  line_${name}([${label(`☎ ${line.numbers.join(', ')} · ${line.description}`)}]) --> ${id(line.start)}`);
  }
  const grouped = new Map<string, NodeId[]>();
  for (const n of Object.keys(flow.nodes)) {
    const key = branchOf(n)?.[0] ?? '';
    grouped.set(key, [...(grouped.get(key) ?? []), n]);
  }
  for (const [branch, members] of grouped) {
    const indent = branch ? '    ' : '  ';
    if (branch) out.push(`  subgraph b_${branch.replace('.', '_')}[${label(`${branch} · ${flow.branches[branch as keyof typeof flow.branches]}`)}]`);
    for (const n of members) out.push(`${indent}${shape(id(n), n, flow.nodes[n]!)}`);
    if (branch) out.push('  end');
  }
  out.push(`  exhausted{{${label('re-prompts or retries exhausted')}}} --> ${id(flow.onExhausted[flow.settings.whenExhausted])}`);
  for (const [n, node] of Object.entries(flow.nodes)) {
    for (const [text, target] of edges(node)) out.push(`  ${id(n)} -->${text ? `|${label(text)}|` : ''} ${id(target)}`);
  }
  out.push(`  note[${label(`Every menu and input: no key or a wrong key is re-prompted ${flow.settings.reprompts} times, then → exhausted.`)}]`);
  return `${out.join('\n')}\n`;
}

function edges(node: FlowNode): [string, NodeId][] {
  switch (node.kind) {
    case 'menu':
      return Object.entries(node.options).map(([key, c]) => (typeof c === 'string' ? [key, c] : [`${key} · ${c.locale}`, c.goto]));
    case 'input':
    case 'say': {
      const next = node.next;
      return typeof next === 'string' ? [['', next]] : next.map((n) => [n.when ?? 'otherwise', n.goto]);
    }
    case 'action':
      return Object.entries(node.outcomes).map(([outcome, target]) => [outcome, target]);
    default:
      return [];
  }
}

function shape(mid: string, n: NodeId, node: FlowNode): string {
  switch (node.kind) {
    case 'menu':
      return `${mid}{${label(`${n}: menu`)}}`;
    case 'input':
      return `${mid}[/${label(`${n}: ${node.field}, ${node.digits.min === node.digits.max ? node.digits.min : `${node.digits.min}-${node.digits.max}`} digits`)}/]`;
    case 'action':
      return `${mid}[[${label(`${n}: ${node.action}`)}]]`;
    case 'say':
      return `${mid}(${label(`${n}: say${node.repeat ? `, repeat ×${node.repeat.times}` : ''}`)})`;
    case 'transfer': {
      const reasons = typeof node.reason === 'string' ? node.reason : node.reason.map((r) => (r.when ? `${r.when} → ${r.reason}` : r.reason)).join(', ');
      return `${mid}>${label(`${n}: transfer to agent (${reasons})`)}]`;
    }
    case 'hangup':
      return `${mid}([${label(`${n}: hang up (${node.outcome})`)}])`;
  }
}

const label = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;

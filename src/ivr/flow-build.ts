import type { ActionName, BranchId, FlowNode, NodeId, OptionalOutcome, PromptId, SayNode } from './flow-types.ts';
import { EXHAUSTED } from './flow-types.ts';

/**
 * One branch of seed 000 as the seed tells it: what it asks after the document, the action that
 * does the work, and what the caller then hears. `branchNodes` unfolds it into plain nodes.
 */
export interface BranchSpec {
  id: BranchId;
  /** Prefix of the branch's node ids, e.g. `onlineBanking` → `onlineBanking.pin`. */
  key: string;
  intro: PromptId;
  /** Asked after the document, in this order (the PIN always comes last, right before the action). */
  asks: readonly ('reference' | 'card')[];
  action: ActionName;
  result: Pick<SayNode, 'prompt' | 'secret' | 'repeat'>;
  /** Where the outcomes only this branch's action reports lead. */
  outcomes?: Partial<Record<OptionalOutcome, NodeId>>;
}

/** Nodes shared by every branch; `flow.ts` defines them. */
export const SHARED = {
  callerIdWithheld: 'end.callerIdWithheld',
  cifPassport: 'transfer.cifPassport',
  visitBranch: 'end.visitBranch',
  unavailable: 'transfer.unavailable',
  resolved: 'end.resolved',
} as const;

/** The nodes of one branch: intro, document, the branch's questions, the action and its outcomes. */
export function branchNodes(spec: BranchSpec): Record<NodeId, FlowNode> {
  const k = spec.key;
  const steps: NodeId[] = [];
  for (const ask of spec.asks) steps.push(...(ask === 'reference' ? [`${k}.reference`] : [`${k}.cardLast4`, `${k}.pin`]));
  const afterDocument = steps[0] ?? `${k}.action`;
  const after = (id: NodeId) => steps[steps.indexOf(id) + 1] ?? `${k}.action`;

  const nodes: Record<NodeId, FlowNode> = {
    // Seed: "Es importante que llames desde el teléfono que tengas informado a la Entidad."
    [k]: {
      kind: 'say',
      prompt: [spec.intro, 'ivr.callerId.reminder'],
      next: [{ when: 'callerIdWithheld', goto: SHARED.callerIdWithheld }, { goto: `${k}.documentType` }],
    },
    // Seed: "1 si tienes DNI, 2 NIE, 3 CIF/Pas. Con la opción CIF/Pas la llamada es transferida a un operador."
    [`${k}.documentType`]: {
      kind: 'menu',
      prompt: 'ivr.document.type',
      options: { '1': `${k}.dni`, '2': `${k}.nie`, '3': SHARED.cifPassport },
    },
    [`${k}.dni`]: { kind: 'input', prompt: 'ivr.document.dni', field: 'dni', digits: { min: 8, max: 8 }, next: afterDocument },
    [`${k}.nie`]: { kind: 'input', prompt: 'ivr.document.nie', field: 'nie', digits: { min: 8, max: 8 }, next: afterDocument },
    [`${k}.action`]: {
      kind: 'action',
      action: spec.action,
      outcomes: { done: `${k}.done`, rejected: `${k}.rejected`, visitBranch: SHARED.visitBranch, unavailable: SHARED.unavailable, ...spec.outcomes },
    },
    // The same words whatever was wrong (document, caller id, card, PIN, reference).
    [`${k}.rejected`]: {
      kind: 'say',
      prompt: 'ivr.verify.failed',
      count: 'verification',
      next: [{ when: 'verificationExhausted', goto: EXHAUSTED }, { goto: `${k}.documentType` }],
    },
    [`${k}.done`]: { kind: 'say', ...spec.result, next: SHARED.resolved },
  };
  if (steps.includes(`${k}.reference`)) {
    nodes[`${k}.reference`] = { kind: 'input', prompt: 'ivr.operation.reference', field: 'reference', digits: { min: 8, max: 8 }, next: after(`${k}.reference`) };
  }
  if (steps.includes(`${k}.pin`)) {
    nodes[`${k}.cardLast4`] = { kind: 'input', prompt: 'ivr.card.last4', field: 'cardLast4', digits: { min: 4, max: 4 }, next: `${k}.pin` };
    nodes[`${k}.pin`] = { kind: 'input', prompt: 'ivr.card.pin', field: 'pin', digits: { min: 4, max: 6 }, finishOnKey: '#', next: `${k}.action` };
  }
  return nodes;
}

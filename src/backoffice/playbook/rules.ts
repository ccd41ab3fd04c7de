import { PLAYBOOK, type OfficeVariant, type OutcomeDefinition, type PlaybookDefinition, type PlaybookStep, type Requirement } from './playbook.ts';
import type { Outcome } from '../schema.ts';

/**
 * The rules the playbook engine follows, without I/O: which steps a run has, which one comes
 * next, whether an outcome may be applied, and whether it needs closing comments.
 */

/** The office variant of a customer: the virtual office of the digital brand, or a branch. */
export const variantFor = (officeKind: 'branch' | 'virtual'): OfficeVariant => (officeKind === 'virtual' ? 'virtual' : 'branch');

/** The steps of a run, common ones then the variant's, numbered from 1 by their position. */
export function stepsOf(def: OutcomeDefinition, variant: OfficeVariant | null): readonly PlaybookStep[] {
  if (!def.variants) return def.steps;
  if (variant === null) throw new Error(`outcome ${def.outcome} needs an office variant`);
  return [...def.steps, ...def.variants[variant]];
}

/** The variant to store on a run: only outcomes with variants have one. */
export const runVariant = (def: OutcomeDefinition, officeKind: 'branch' | 'virtual'): OfficeVariant | null => (def.variants ? variantFor(officeKind) : null);

export type NextStep = { kind: 'step'; stepNo: number; step: PlaybookStep } | { kind: 'done' };

/**
 * The first unfinished step. Steps finish in order, so the finished ones are 1..k; anything
 * else means the record was tampered with and the run must not go on guessing.
 */
export function nextStep(steps: readonly PlaybookStep[], done: readonly number[]): NextStep {
  const sorted = [...done].sort((a, b) => a - b);
  sorted.forEach((n, i) => {
    if (n !== i + 1) throw new Error(`playbook steps finished out of order: ${sorted.join(',')}`);
  });
  if (sorted.length >= steps.length) return { kind: 'done' };
  const stepNo = sorted.length + 1;
  return { kind: 'step', stepNo, step: steps[stepNo - 1]! };
}

/** What the case shows about its contact and identity checks, for the requirements. */
export interface CaseFacts {
  /** Results of the contact attempts, in order. */
  attempts: readonly { reached: boolean }[];
  /** Results of the answered security checks (`true` passed). */
  checks: readonly boolean[];
  maxAttempts: number;
}

export function requirementHolds(req: Requirement, facts: CaseFacts): boolean {
  switch (req) {
    case 'answered_call':
      return facts.attempts.some((a) => a.reached);
    case 'passed_check':
      return facts.checks.includes(true);
    case 'failed_check':
      return facts.checks.includes(false);
    case 'attempts_exhausted':
      return facts.attempts.length >= facts.maxAttempts && facts.attempts.every((a) => !a.reached);
  }
}

/** The requirements of an outcome that do not hold yet (empty: it may be applied). */
export function missingRequirements(def: OutcomeDefinition, facts: CaseFacts): Requirement[] {
  return def.requires.filter((r) => !requirementHolds(r, facts));
}

/** Whether the outcome closes a case, and so needs the agent's closing comments. */
export function needsClosingComment(def: OutcomeDefinition): boolean {
  const all = [...def.steps, ...Object.values(def.variants ?? {}).flat()];
  return all.some((s) => s.action === 'close_case' || s.action === 'link_and_close_alert_case');
}

/** The outcomes whose requirements hold, in the seed's order. */
export function availableOutcomes(facts: CaseFacts, playbook: PlaybookDefinition = PLAYBOOK): Outcome[] {
  return Object.values(playbook.outcomes)
    .filter((def) => missingRequirements(def, facts).length === 0)
    .map((def) => def.outcome);
}

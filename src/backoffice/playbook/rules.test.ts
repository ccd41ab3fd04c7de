import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../i18n/catalogue.ts';
import { ACTIONS } from './actions.ts';
import { availableOutcomes, missingRequirements, needsClosingComment, nextStep, runVariant, stepsOf, type CaseFacts } from './rules.ts';
import { OFFICE_VARIANTS, PLAYBOOK, PLAYBOOK_ACTIONS, type OfficeVariant, type PlaybookStep } from './playbook.ts';
import { OUTCOMES } from '../schema.ts';

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({ attempts: [], checks: [], maxAttempts: 3, ...over });
interface RunShape {
  outcome: (typeof OUTCOMES)[number];
  variant: OfficeVariant | null;
  steps: readonly PlaybookStep[];
}
const allRuns = (): RunShape[] =>
  OUTCOMES.flatMap((o): RunShape[] => {
    const def = PLAYBOOK.outcomes[o];
    return def.variants ? OFFICE_VARIANTS.map((v) => ({ outcome: o, variant: v, steps: stepsOf(def, v) })) : [{ outcome: o, variant: null, steps: stepsOf(def, null) }];
  });

describe('the playbook definition', () => {
  it('has one definition per outcome of seed 002, keyed by its outcome', () => {
    expect(Object.keys(PLAYBOOK.outcomes).sort()).toEqual([...OUTCOMES].sort());
    for (const o of OUTCOMES) expect(PLAYBOOK.outcomes[o].outcome).toBe(o);
  });

  it('names only actions the engine has, each with its label, and every text it uses exists in both languages', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual([...PLAYBOOK_ACTIONS].sort());
    for (const { steps } of allRuns()) {
      for (const step of steps) {
        expect(catalogue[`playbook.action.${step.action}`], step.action).toBeDefined();
        for (const id of [step.say && `playbook.say.${step.say}`, step.pendingReason, step.mention].filter(Boolean) as string[]) {
          expect(catalogue[id]?.es, id).toBeTruthy();
          expect(catalogue[id]?.en, id).toBeTruthy();
        }
        expect(step.seed.trim()).not.toBe('');
      }
    }
  });

  it('works on the main case only after creating it, and waits for the email only after the macro', () => {
    for (const { outcome, steps } of allRuns()) {
      const created = steps.findIndex((s) => s.action === 'create_main_case');
      steps.forEach((s: PlaybookStep, i) => {
        if (s.on === 'main') expect(created, `${outcome} step ${i + 1}`).toBeGreaterThanOrEqual(0);
        if (s.on === 'main') expect(i, `${outcome} step ${i + 1}`).toBeGreaterThan(created);
        if (s.action === 'await_email_sent') expect(steps.slice(0, i).some((p) => p.action === 'apply_macro')).toBe(true);
        if (s.action === 'apply_macro') expect(s.macro).toBeDefined();
      });
    }
  });

  it('is shown in docs/backoffice.md step by step, beside the seed’s words', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'backoffice.md'), 'utf8');
    for (const { outcome, steps } of allRuns()) {
      for (const s of steps) expect(doc, `${outcome} step ${s.action}`).toContain(`\`${s.action}\``);
      for (const s of steps) expect(doc, `${outcome}: ${s.seed}`).toContain(`| ${s.seed.replace(/\|/g, '\\|')} |`);
    }
  });

  it('follows the seed: the order of blocks, and the office variants of "fails the security questions"', () => {
    const actions = (o: (typeof OUTCOMES)[number], v: 'branch' | 'virtual' | null = null) => stepsOf(PLAYBOOK.outcomes[o], v).map((s) => s.action);
    expect(actions('not_confirmed').slice(0, 3)).toEqual(['block_signature', 'block_cae', 'set_profile_read_only']);
    expect(actions('failed_security', 'branch').slice(0, 3)).toEqual(['block_cae', 'block_signature', 'set_profile_read_only']);
    expect(actions('failed_security', 'branch').slice(-3)).toEqual(['set_pending_customer', 'assign_office_queue', 'mention_office']);
    expect(actions('failed_security', 'virtual').slice(-3)).toEqual(['mention_office', 'mention_manager', 'close_case']);
    expect(actions('no_answer')).toEqual(['block_access', 'block_signature', 'unlink_recent_devices', 'create_main_case', 'link_and_close_alert_case', 'apply_macro', 'await_email_sent', 'mention_office', 'close_case']);
    expect(actions('doubt')).toEqual(['block_cae', 'block_signature']);
    expect(PLAYBOOK.virtualOffice).toEqual({ code: '8732', email: 'oficina8732@grupocajamar.com' });
  });
});

describe('playbook rules', () => {
  it('chooses the office variant only for outcomes that have one', () => {
    expect(runVariant(PLAYBOOK.outcomes.failed_security, 'virtual')).toBe('virtual');
    expect(runVariant(PLAYBOOK.outcomes.failed_security, 'branch')).toBe('branch');
    expect(runVariant(PLAYBOOK.outcomes.no_answer, 'virtual')).toBeNull();
    expect(() => stepsOf(PLAYBOOK.outcomes.failed_security, null)).toThrow();
  });

  it('checks the requirements of each outcome', () => {
    const answered = { reached: true };
    const missed = { reached: false };
    expect(availableOutcomes(facts())).toEqual(['doubt']);
    expect(availableOutcomes(facts({ attempts: [answered], checks: [true] }))).toEqual(['confirmed', 'not_confirmed', 'doubt']);
    expect(availableOutcomes(facts({ attempts: [answered], checks: [false] }))).toEqual(['failed_security', 'doubt']);
    expect(availableOutcomes(facts({ attempts: [missed, missed, missed] }))).toEqual(['no_answer', 'doubt']);
    expect(missingRequirements(PLAYBOOK.outcomes.no_answer, facts({ attempts: [missed, missed, answered] }))).toEqual(['attempts_exhausted']);
    expect(missingRequirements(PLAYBOOK.outcomes.confirmed, facts({ checks: [true] }))).toEqual(['answered_call']);
  });

  it('needs closing comments exactly where a case is closed', () => {
    expect(OUTCOMES.filter((o) => needsClosingComment(PLAYBOOK.outcomes[o]))).toEqual(['confirmed', 'failed_security', 'no_answer']);
  });

  it('refuses steps recorded out of order', () => {
    const steps = PLAYBOOK.outcomes.not_confirmed.steps;
    expect(nextStep(steps, [])).toMatchObject({ kind: 'step', stepNo: 1 });
    expect(nextStep(steps, [2, 1])).toMatchObject({ kind: 'step', stepNo: 3, step: { action: 'set_profile_read_only' } });
    expect(nextStep(steps, [1, 2, 3, 4, 5, 6])).toEqual({ kind: 'done' });
    expect(() => nextStep(steps, [1, 3])).toThrow(/out of order/);
  });

  it('runs every step exactly once and in order, whatever fails and however often it resumes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allRuns()), fc.array(fc.boolean(), { maxLength: 60 }), ({ steps }, failures) => {
        // A model of the engine: each attempt of a step fails (rolls back) or commits its record.
        const done: number[] = [];
        const executed: number[] = [];
        let i = 0;
        for (let guard = 0; guard < steps.length + failures.length + 1; guard++) {
          const next = nextStep(steps, done);
          if (next.kind === 'done') break;
          if (failures[i++]) continue; // a failed step leaves nothing behind; the run resumes later
          executed.push(next.stepNo);
          done.push(next.stepNo);
        }
        expect(executed).toEqual(steps.map((_, n) => n + 1));
      }),
    );
  });
});

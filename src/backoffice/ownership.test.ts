import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWork, decideTake, mayReassign } from './ownership.ts';

const people = ['staff:ana', 'staff:luis', 'staff:marta'] as const;
const person = fc.constantFrom(...people);
const owner = fc.option(person, { nil: null });

type Step = { kind: 'act'; who: string } | { kind: 'take'; who: string; takeover: boolean } | { kind: 'reassign'; who: string; to: string | null; supervises: boolean };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('act' as const), who: person }),
  fc.record({ kind: fc.constant('take' as const), who: person, takeover: fc.boolean() }),
  fc.record({ kind: fc.constant('reassign' as const), who: person, to: owner, supervises: fc.boolean() }),
);

describe('work locked to its owner', () => {
  it('lets only the owner act; nobody’s work becomes the first actor’s', () => {
    fc.assert(
      fc.property(owner, person, (o, actor) => {
        const check = checkWork(o, actor);
        expect(check.ok).toBe(o === null || o === actor);
        if (check.ok) expect(check.takes).toBe(o === null);
        else expect(check.owner).toBe(o);
      }),
    );
  });

  it('never changes hands behind the owner’s back, over any sequence of acts, takes and reassignments', () => {
    fc.assert(
      fc.property(owner, fc.array(step, { maxLength: 25 }), (start, steps) => {
        let current: string | null = start;
        for (const s of steps) {
          const before = current;
          if (s.kind === 'act') {
            const check = checkWork(current, s.who);
            if (check.ok && check.takes) current = s.who;
          } else if (s.kind === 'take') {
            const d = decideTake(current, s.who, s.takeover);
            if (d.kind === 'refused') {
              // Refused exactly when another has it and no takeover was asked for.
              expect(before !== null && before !== s.who && !s.takeover).toBe(true);
              expect(d.owner).toBe(before);
            } else {
              if (d.kind === 'takeover') expect(d.from).toBe(before);
              if (d.kind === 'keep') expect(before).toBe(s.who);
              current = s.who;
            }
          } else if (mayReassign(current, s.who, s.supervises)) current = s.to;
          else expect(before !== null && before !== s.who && !s.supervises).toBe(true);
          // Work that had an owner moved only by that owner, an explicit takeover or a supervisor.
          if (before !== null && current !== before) {
            const allowed = (s.kind === 'take' && s.takeover) || (s.kind === 'reassign' && (s.supervises || s.who === before));
            expect(allowed).toBe(true);
          }
        }
      }),
    );
  });

  it('takes, keeps, takes over on request, refuses otherwise', () => {
    expect(decideTake(null, 'staff:ana', false)).toEqual({ kind: 'take' });
    expect(decideTake('staff:ana', 'staff:ana', false)).toEqual({ kind: 'keep' });
    expect(decideTake('staff:luis', 'staff:ana', false)).toEqual({ kind: 'refused', owner: 'staff:luis' });
    expect(decideTake('staff:luis', 'staff:ana', true)).toEqual({ kind: 'takeover', from: 'staff:luis' });
    expect(mayReassign('staff:luis', 'staff:ana', false)).toBe(false);
    expect(mayReassign('staff:luis', 'staff:sergio', true)).toBe(true);
  });
});

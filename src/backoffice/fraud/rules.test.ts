import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideTask, FRAUD_RESULTS, type TaskCommand, type TaskState } from './rules.ts';

const person = fc.constantFrom('staff:fabian', 'staff:rocio', 'staff:sergio');
const command: fc.Arbitrary<TaskCommand> = fc.oneof(
  fc.record({ kind: fc.constant('take' as const), takeover: fc.boolean() }),
  fc.record({ kind: fc.constant('note' as const), text: fc.constantFrom('', '  \n', 'Llamada al cliente: presenta denuncia.') }),
  fc.record({ kind: fc.constant('close' as const), result: fc.constantFrom(...FRAUD_RESULTS, 'made_up'), note: fc.constantFrom('', 'Denuncia presentada; fondos reclamados.') }),
  fc.record({ kind: fc.constant('assign' as const), owner: fc.option(person, { nil: null }) }),
);
const step = fc.record({ command, actor: person, supervises: fc.boolean() });

describe('fraud task life', () => {
  it('holds its invariants over any sequence of commands', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let state: TaskState = { status: 'open', owner: null, result: null };
        for (const { command: c, actor, supervises } of steps) {
          const d = decideTask(state, c, actor, supervises);
          if (!d.ok) {
            if (d.reason === 'fraud_task_locked') expect(d.owner).toBe(state.owner);
            continue;
          }
          const next = d.next;
          // A closed task is final: only notes follow it.
          if (state.status === 'closed') {
            expect(c.kind).toBe('note');
            expect(next).toEqual(state);
          }
          // Open means nobody has it; in progress means somebody does; closed carries its result.
          if (next.status === 'open') expect(next.owner).toBeNull();
          if (next.status === 'in_progress') expect(next.owner).not.toBeNull();
          expect(next.status === 'closed').toBe(next.result !== null);
          if (next.status === 'closed' && state.status !== 'closed') {
            expect(FRAUD_RESULTS).toContain(next.result);
            // Closed by its owner (nobody's was taken first, on the record).
            expect(state.owner === null || state.owner === actor).toBe(true);
            expect(d.events.map((e) => e.type)).toEqual(state.owner === null ? ['taken', 'closed'] : ['closed']);
          }
          // Another's task changed hands only by an explicit takeover or a supervisor's assignment.
          if (state.owner !== null && next.owner !== state.owner && state.owner !== actor) {
            expect((c.kind === 'take' && c.takeover) || (c.kind === 'assign' && supervises)).toBe(true);
          }
          // Every change of state is on the task's timeline.
          if (JSON.stringify(next) !== JSON.stringify(state)) expect(d.events.length).toBeGreaterThan(0);
          state = next;
        }
      }),
    );
  });

  it('says why a command is refused', () => {
    const mine: TaskState = { status: 'in_progress', owner: 'staff:fabian', result: null };
    expect(decideTask(mine, { kind: 'note', text: 'x' }, 'staff:rocio', false)).toEqual({ ok: false, reason: 'fraud_task_locked', owner: 'staff:fabian' });
    expect(decideTask(mine, { kind: 'close', result: 'not_fraud', note: ' ' }, 'staff:fabian', false)).toEqual({ ok: false, reason: 'closing_note_required' });
    expect(decideTask(mine, { kind: 'close', result: 'whatever', note: 'x' }, 'staff:fabian', false)).toEqual({ ok: false, reason: 'invalid_result' });
    expect(decideTask(mine, { kind: 'assign', owner: 'bad owner' }, 'staff:sergio', true)).toEqual({ ok: false, reason: 'invalid_owner' });
    expect(decideTask(mine, { kind: 'take', takeover: true, reason: 'Fabián de baja' }, 'staff:rocio', false)).toMatchObject({
      ok: true,
      next: { owner: 'staff:rocio', status: 'in_progress' },
      events: [{ type: 'taken_over', data: { from: 'staff:fabian', reason: 'Fabián de baja' } }],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { decideHandover, dialAnswered, handoverBranch, type HandoverFacts } from './handover.ts';

const waiting: HandoverFacts = { status: 'waiting', takenBy: null, dialStatus: null };
const ana = 'staff:ana';
const luis = 'staff:luis';

describe('handover rules', () => {
  it('reads the Dial’s end: answered only when a person answered', () => {
    expect(['completed', 'answered'].map(dialAnswered)).toEqual([true, true]);
    expect(['no-answer', 'busy', 'failed', 'canceled', ''].map(dialAnswered)).toEqual([false, false, false, false, false]);
    expect(handoverBranch({ context: {} })).toBe('menu');
    expect(handoverBranch({ context: { branch: '3.2' } })).toBe('3.2');
  });

  it('moves a ringing record once, by the first report of the Dial', () => {
    expect(decideHandover(waiting, { kind: 'dialEnded', dialStatus: 'completed' })).toEqual({ ok: true, next: { status: 'taken', takenBy: null }, event: 'answered' });
    expect(decideHandover(waiting, { kind: 'dialEnded', dialStatus: 'busy' })).toEqual({ ok: true, next: { status: 'unanswered', takenBy: null }, event: 'unanswered' });
    const ended = { status: 'unanswered' as const, takenBy: null, dialStatus: 'busy' };
    expect(decideHandover(ended, { kind: 'dialEnded', dialStatus: 'completed' })).toEqual({ ok: true, next: { status: 'unanswered', takenBy: null }, event: null });
    // Taken in the console while ringing: the Dial's end is recorded, the agent keeps it.
    const mine = { status: 'taken' as const, takenBy: ana, dialStatus: null };
    expect(decideHandover(mine, { kind: 'dialEnded', dialStatus: 'no-answer' })).toEqual({ ok: true, next: { status: 'taken', takenBy: ana }, event: 'unanswered' });
  });

  it('gives a record to the first agent who takes it, and tells the next who has it', () => {
    const taken = decideHandover(waiting, { kind: 'take', actor: ana });
    expect(taken).toEqual({ ok: true, next: { status: 'taken', takenBy: ana }, event: 'taken' });
    const hers = { status: 'taken' as const, takenBy: ana, dialStatus: null };
    expect(decideHandover(hers, { kind: 'take', actor: ana })).toEqual({ ok: true, next: { status: 'taken', takenBy: ana }, event: null });
    expect(decideHandover(hers, { kind: 'take', actor: luis })).toEqual({ ok: false, reason: 'handover_taken', takenBy: ana });
    expect(decideHandover({ status: 'taken', takenBy: null, dialStatus: 'completed' }, { kind: 'take', actor: luis })).toMatchObject({ ok: true, next: { takenBy: luis } });
    expect(decideHandover({ status: 'unanswered', takenBy: null, dialStatus: 'busy' }, { kind: 'take', actor: luis })).toMatchObject({ ok: true, next: { status: 'taken', takenBy: luis } });
    expect(decideHandover({ status: 'closed', takenBy: null, dialStatus: 'busy' }, { kind: 'take', actor: luis })).toEqual({ ok: false, reason: 'handover_closed' });
  });

  it('closes a record once it has rung out: by its agent, anyone when nobody took it, a supervisor always', () => {
    expect(decideHandover(waiting, { kind: 'close', actor: ana, supervises: true })).toEqual({ ok: false, reason: 'handover_waiting' });
    const hers = { status: 'taken' as const, takenBy: ana, dialStatus: 'completed' };
    expect(decideHandover(hers, { kind: 'close', actor: luis, supervises: false })).toEqual({ ok: false, reason: 'handover_taken', takenBy: ana });
    expect(decideHandover(hers, { kind: 'close', actor: luis, supervises: true })).toMatchObject({ ok: true, next: { status: 'closed' }, event: 'closed' });
    expect(decideHandover(hers, { kind: 'close', actor: ana, supervises: false })).toMatchObject({ ok: true, next: { status: 'closed', takenBy: ana } });
    expect(decideHandover({ status: 'unanswered', takenBy: null, dialStatus: 'busy' }, { kind: 'close', actor: luis, supervises: false })).toMatchObject({ ok: true, event: 'closed' });
    expect(decideHandover({ status: 'closed', takenBy: ana, dialStatus: 'busy' }, { kind: 'close', actor: ana, supervises: false })).toMatchObject({ ok: true, event: null });
  });
});

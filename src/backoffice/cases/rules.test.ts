import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, cleanText, decideStatus, parseQueue, STATUS_TRANSITIONS, type CaseState, type StatusCommand } from './rules.ts';

const command: fc.Arbitrary<StatusCommand> = fc.oneof(
  fc.record({ to: fc.constantFrom('new' as const, 'in_progress' as const, 'pending_customer' as const), pendingReason: fc.option(fc.constantFrom('', '  ', 'Se establece BLOQUEO CAE', 'Otro motivo'), { nil: undefined }) }),
  fc.record({ to: fc.constant('closed' as const), closingComment: fc.constantFrom('', ' \n ', 'Cliente confirma la operación') }),
);

describe('case status table', () => {
  it('holds its invariants over any sequence of commands', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let state: CaseState = { status: 'new', pendingReason: null };
        for (const c of commands) {
          const d = decideStatus(state, c);
          if (!d.ok) {
            // A closed case refuses everything but closing again, which still needs its comment.
            if (state.status === 'closed' && c.to === 'closed') expect(d.reason).toBe('closing_comment_required');
            continue;
          }
          const next = d.next;
          if (state.status === 'closed') expect(next).toEqual(state); // final
          if (next.status !== state.status) expect(STATUS_TRANSITIONS[state.status]).toContain(next.status);
          if (next.status === 'pending_customer') expect(next.pendingReason?.trim()).toBeTruthy();
          else expect(next.pendingReason).toBeNull();
          expect(d.changed).toBe(next.status !== state.status || next.pendingReason !== state.pendingReason);
          state = next;
        }
      }),
    );
  });

  it('refuses with the reason the API answers', () => {
    const s = (status: CaseState['status'], pendingReason: string | null = null): CaseState => ({ status, pendingReason });
    expect(decideStatus(s('in_progress'), { to: 'new' })).toEqual({ ok: false, reason: 'wrong_status' });
    expect(decideStatus(s('new'), { to: 'pending_customer' })).toEqual({ ok: false, reason: 'pending_reason_required' });
    expect(decideStatus(s('new'), { to: 'closed', closingComment: ' ' })).toEqual({ ok: false, reason: 'closing_comment_required' });
    expect(decideStatus(s('closed'), { to: 'closed', closingComment: '' })).toEqual({ ok: false, reason: 'closing_comment_required' });
    expect(decideStatus(s('closed'), { to: 'in_progress' })).toEqual({ ok: false, reason: 'case_closed' });
    expect(decideStatus(s('closed'), { to: 'closed', closingComment: 'otra vez' })).toEqual({ ok: true, next: s('closed'), changed: false });
    expect(decideStatus(s('new'), { to: 'closed', closingComment: 'x'.repeat(4001) })).toEqual({ ok: false, reason: 'text_too_long' });
    expect(decideStatus(s('pending_customer', 'A'), { to: 'pending_customer', pendingReason: 'B' })).toEqual({ ok: true, next: s('pending_customer', 'B'), changed: true });
    expect(decideStatus(s('in_progress'), { to: 'in_progress' })).toEqual({ ok: true, next: s('in_progress'), changed: false });
    for (const status of CASE_STATUSES) expect(STATUS_TRANSITIONS[status]).not.toContain('new');
  });

  it('cleans free text and reads queue names', () => {
    expect(cleanText('  Línea 1  \r\nLínea\t2\u0007 \n')).toBe('Línea 1\nLínea 2');
    expect(cleanText('\u2028')).toBe('');
    expect(parseQueue('contact_centre')).toEqual({ kind: 'contact_centre' });
    expect(parseQueue('office:8732')).toEqual({ kind: 'office', officeCode: '8732' });
    expect(parseQueue('office:')).toBeUndefined();
    expect(parseQueue('office:87 32')).toBeUndefined();
  });
});

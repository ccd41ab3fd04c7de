import { describe, expect, it } from 'vitest';
import { attemptsLeft, codeOutcome, flowExpiry, gate, resendAllowed, STEPPER } from './flow.ts';

const now = new Date('2026-01-15T10:00:00Z');
const later = new Date(now.getTime() + 60_000);

describe('recovery flow rules', () => {
  it('lets a request act only on a live flow in its step', () => {
    expect(gate({ step: 'code_sent', expiresAt: later }, 'confirm', now)).toBeNull();
    expect(gate({ step: 'code_sent', expiresAt: later }, 'resend', now)).toBeNull();
    expect(gate(undefined, 'confirm', now)).toBe('wrong_step');
    expect(gate({ step: 'identify', expiresAt: later }, 'confirm', now)).toBe('wrong_step');
    // A flow completed (in another tab) says so, even once expired.
    expect(gate({ step: 'done', expiresAt: later }, 'confirm', now)).toBe('flow_done');
    expect(gate({ step: 'done', expiresAt: now }, 'resend', now)).toBe('flow_done');
    expect(gate({ step: 'code_sent', expiresAt: now }, 'confirm', now)).toBe('flow_expired');
    // A failed flow says so even after it expired.
    expect(gate({ step: 'failed', expiresAt: now }, 'confirm', now)).toBe('too_many_attempts');
  });

  it('completes only the right code of a verified flow; fails at the limit', () => {
    expect(codeOutcome('ok', true, 1, 3)).toBe('done');
    expect(codeOutcome('ok', false, 1, 3)).toBe('invalid'); // a flow of nobody never completes
    expect(codeOutcome('invalid', true, 2, 3)).toBe('invalid');
    expect(codeOutcome('invalid', true, 3, 3)).toBe('failed');
    expect(codeOutcome('ok', false, 3, 3)).toBe('failed');
    expect(codeOutcome('exhausted', true, 1, 3)).toBe('failed');
    expect(codeOutcome('expired', true, 1, 3)).toBe('expired_code');
    expect(codeOutcome('not_found', true, 1, 3)).toBe('invalid');
    expect(attemptsLeft(1, 3)).toBe(2);
    expect(attemptsLeft(5, 3)).toBe(0);
  });

  it('spaces resends and caps them', () => {
    expect(resendAllowed({ resends: 0, lastCodeAt: null }, now)).toBe('ok');
    expect(resendAllowed({ resends: 0, lastCodeAt: new Date(now.getTime() - 10_000) }, now)).toBe('resend_too_soon');
    expect(resendAllowed({ resends: 1, lastCodeAt: new Date(now.getTime() - 30_000) }, now)).toBe('ok');
    expect(resendAllowed({ resends: 3, lastCodeAt: null }, now)).toBe('resend_limit');
  });

  it('expires a fixed time after the first step', () => {
    expect(flowExpiry(now, 900).toISOString()).toBe('2026-01-15T10:15:00.000Z');
  });

  it('keeps the seed stepper: 1 Tu dato · 2 Confirmación · 3 Selección confirmada', () => {
    expect(STEPPER.map((s) => s.labelId)).toEqual(['recovery.stepper.1', 'recovery.stepper.2', 'recovery.stepper.3']);
  });
});

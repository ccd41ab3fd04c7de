import { describe, expect, it } from 'vitest';
import { RecoveryError } from '../../web/src/recovery/api.ts';
import { endFor, errorMessage, stepNumber } from '../../web/src/recovery/view.ts';

describe('recovery page logic', () => {
  it('places each view on the seed stepper', () => {
    expect(stepNumber({ kind: 'identify' })).toBe(1);
    expect(stepNumber({ kind: 'code', expiresAt: '' })).toBe(2);
    expect(stepNumber({ kind: 'done', email: '', mobile: '' })).toBe(3);
    expect(stepNumber({ kind: 'visit_branch' })).toBeNull();
  });

  it('ends the flow on the refusals that mean "start again", and keeps the step otherwise', () => {
    expect(endFor(new RecoveryError('', 410, 'flow_expired'))).toEqual({ kind: 'expired' });
    expect(endFor(new RecoveryError('', 410, 'too_many_attempts'))).toEqual({ kind: 'too_many' });
    expect(endFor(new RecoveryError('', 409, 'wrong_step'))).toEqual({ kind: 'expired' });
    expect(endFor(new RecoveryError('', 400, 'invalid_code', 2))).toBeNull();
  });

  it('words a refusal from the catalogue when it knows the reason, else with the server words', () => {
    expect(errorMessage(new RecoveryError('x', 400, 'captcha'))).toEqual({ id: 'recovery.error.captcha' });
    expect(errorMessage(new RecoveryError('Demasiados SMS', 429, undefined))).toEqual({ text: 'Demasiados SMS' });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTEMPT_RESULTS, contactProposal, MAX_ATTEMPTS, phoneOptions, planAttempt } from './rules.ts';

const landline = { kind: 'landline' as const, number: '+34950123456' };
const mobile = { kind: 'mobile' as const, number: '+34612345331' };

describe('contact rules (seed 002)', () => {
  it('orders the phones landline first, then mobile', () => {
    expect(phoneOptions({ landline: '+34950123456', mobile: '+34612345331' })).toEqual([landline, mobile]);
    expect(phoneOptions({ landline: null, mobile: '+34612345331' })).toEqual([mobile]);
    expect(phoneOptions({ landline: ' ', mobile: null })).toEqual([]);
  });

  it('makes the first attempt to the landline when there is one, then allows either', () => {
    expect(planAttempt([landline, mobile], 0)).toEqual({ ok: true, attemptNo: 1, allowed: [landline], suggested: landline });
    expect(planAttempt([landline, mobile], 1)).toEqual({ ok: true, attemptNo: 2, allowed: [landline, mobile], suggested: mobile });
    expect(planAttempt([landline, mobile], 2)).toMatchObject({ attemptNo: 3, suggested: landline });
    expect(planAttempt([mobile], 0)).toEqual({ ok: true, attemptNo: 1, allowed: [mobile], suggested: mobile });
    expect(planAttempt([], 0)).toEqual({ ok: false, reason: 'no_phone' });
  });

  it('never plans more than three attempts, at any count', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.boolean(), (made, hasLandline) => {
        const plan = planAttempt(hasLandline ? [landline, mobile] : [mobile], made);
        if (made >= MAX_ATTEMPTS) expect(plan).toEqual({ ok: false, reason: 'attempt_limit' });
        else expect(plan).toMatchObject({ ok: true, attemptNo: made + 1 });
      }),
    );
  });

  it('proposes "no answer" only after three attempts that reached nobody who may confirm', () => {
    expect(contactProposal(['no_answer', 'busy'])).toBeNull();
    expect(contactProposal(['no_answer', 'busy', 'not_holder'])).toBe('no_answer');
    expect(contactProposal(['no_answer', 'answered', 'busy'])).toBeNull();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ATTEMPT_RESULTS), { maxLength: 3 }), (results) => {
        expect(contactProposal(results) === 'no_answer').toBe(results.length === 3 && !results.includes('answered'));
      }),
    );
  });
});

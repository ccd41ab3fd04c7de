import { describe, expect, it } from 'vitest';
import { BLOCK_ORIGINS, BLOCK_TARGETS, LIFT_CHANNELS, canLift, canRestoreFullProfile, onlyBranchCanLift, type BlockOrigin, type LiftChannel } from './blocks.ts';

// The expected table, written out by hand from DESIGN.md section 3 (not derived from LIFT_POLICY).
const EXPECTED: Record<BlockOrigin, LiftChannel[]> = {
  failed_attempts: ['ivr', 'web', 'office'],
  customer: ['contact_centre', 'office'],
  contact_centre: ['office'],
  fraud_rule: ['office'],
  office: ['office'],
};

describe('block lift policy', () => {
  for (const origin of BLOCK_ORIGINS) {
    it(`lets exactly the expected channels lift a ${origin} block, on every target`, () => {
      for (const target of BLOCK_TARGETS) {
        const allowed = LIFT_CHANNELS.filter((channel) => canLift({ origin, target }, channel));
        // The one exception by target: a held operation is released with the unlock code (seed 000 branch 2).
        const expected = origin === 'fraud_rule' && target === 'operation' ? ['ivr', 'web', 'office'] : EXPECTED[origin];
        expect([...allowed].sort(), `${origin} on ${target}`).toEqual([...expected].sort());
      }
    });
  }

  it('never lets the system channel lift anything', () => {
    for (const origin of BLOCK_ORIGINS) for (const target of BLOCK_TARGETS) expect(canLift({ origin, target }, 'system')).toBe(false);
  });

  it('sends the customer to the branch for a CAE block but not for failed attempts', () => {
    expect(onlyBranchCanLift({ origin: 'contact_centre', target: 'access' })).toBe(true);
    expect(onlyBranchCanLift({ origin: 'office', target: 'signature' })).toBe(true);
    expect(onlyBranchCanLift({ origin: 'failed_attempts', target: 'access' })).toBe(false);
    expect(onlyBranchCanLift({ origin: 'customer', target: 'access' })).toBe(false);
    expect(onlyBranchCanLift({ origin: 'fraud_rule', target: 'operation' })).toBe(false);
    expect(onlyBranchCanLift({ origin: 'fraud_rule', target: 'access' })).toBe(true);
  });

  it('restores the full profile from a branch only', () => {
    expect(LIFT_CHANNELS.filter(canRestoreFullProfile)).toEqual(['office']);
  });
});

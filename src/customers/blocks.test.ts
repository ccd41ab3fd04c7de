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

// The exceptions by target: a held operation is released with the unlock code (seed 000 branch 2);
// a card PIN blocked by wrong PINs is never lifted by the self-service that asks for it.
const EXCEPTIONS: Record<string, LiftChannel[]> = {
  'fraud_rule/operation': ['ivr', 'web', 'office'],
  'failed_attempts/card_pin': ['office', 'contact_centre', 'core'],
};

describe('block lift policy', () => {
  for (const origin of BLOCK_ORIGINS) {
    it(`lets exactly the expected channels lift a ${origin} block, on every target`, () => {
      for (const target of BLOCK_TARGETS) {
        const allowed = LIFT_CHANNELS.filter((channel) => canLift({ origin, target }, channel));
        const expected = EXCEPTIONS[`${origin}/${target}`] ?? EXPECTED[origin];
        expect([...allowed].sort(), `${origin} on ${target}`).toEqual([...expected].sort());
      }
    });
  }

  it('never lets the system channel lift anything, nor the core system anything but a card PIN', () => {
    for (const origin of BLOCK_ORIGINS) for (const target of BLOCK_TARGETS) expect(canLift({ origin, target }, 'system')).toBe(false);
    for (const origin of BLOCK_ORIGINS) for (const target of BLOCK_TARGETS) expect(canLift({ origin, target }, 'core')).toBe(origin === 'failed_attempts' && target === 'card_pin');
  });

  it('never lets the channel that failed lift a card PIN', () => {
    expect(canLift({ origin: 'failed_attempts', target: 'card_pin' }, 'ivr')).toBe(false);
    expect(canLift({ origin: 'failed_attempts', target: 'card_pin' }, 'web')).toBe(false);
    expect(onlyBranchCanLift({ origin: 'failed_attempts', target: 'card_pin' })).toBe(false);
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

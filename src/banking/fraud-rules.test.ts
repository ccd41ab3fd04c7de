import { describe, expect, it } from 'vitest';
import { matchFraudRules } from './fraud-rules.ts';

const config = { amountOverCents: 500_000, newBeneficiaryOverCents: 100_000, newBeneficiaryWindowHours: 168, recentDeviceHours: 24 };
const now = new Date('2026-01-15T10:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const facts = (over: Partial<Parameters<typeof matchFraudRules>[1]> = {}) => ({ amountCents: 10_000, newBeneficiary: false, sentToBeneficiaryCents: 0, newestDeviceLinkedAt: null, now, ...over });

describe('fraud rules', () => {
  it('lets a small transfer to a known beneficiary go', () => {
    expect(matchFraudRules(config, facts())).toEqual([]);
  });

  it('holds a large transfer whoever receives it, from the threshold on', () => {
    expect(matchFraudRules(config, facts({ amountCents: 499_999 }))).toEqual([]);
    expect(matchFraudRules(config, facts({ amountCents: 500_000 }))).toEqual(['amount_over']);
    expect(matchFraudRules({ ...config, amountOverCents: 0 }, facts({ amountCents: 9_000_000 }))).toEqual([]);
  });

  it('holds a new beneficiary from its threshold; 0 holds every new one', () => {
    expect(matchFraudRules(config, facts({ newBeneficiary: true, amountCents: 99_999 }))).toEqual([]);
    expect(matchFraudRules(config, facts({ newBeneficiary: true, amountCents: 100_000 }))).toEqual(['new_beneficiary']);
    expect(matchFraudRules({ ...config, newBeneficiaryOverCents: 0 }, facts({ newBeneficiary: true, amountCents: 1 }))).toEqual(['new_beneficiary']);
    expect(matchFraudRules(config, facts({ newBeneficiary: true, amountCents: 600_000 }))).toEqual(['amount_over', 'new_beneficiary']);
  });

  it('counts what was already sent a new beneficiary within the window: a split payment is held', () => {
    expect(matchFraudRules(config, facts({ newBeneficiary: true, amountCents: 499_900, sentToBeneficiaryCents: 0 }))).toEqual(['new_beneficiary']);
    expect(matchFraudRules(config, facts({ newBeneficiary: true, amountCents: 60_000, sentToBeneficiaryCents: 40_000 }))).toEqual(['new_beneficiary']);
    expect(matchFraudRules(config, facts({ newBeneficiary: true, amountCents: 59_999, sentToBeneficiaryCents: 40_000 }))).toEqual([]);
    // A payee paid before the window is known: what it got since does not matter.
    expect(matchFraudRules(config, facts({ newBeneficiary: false, amountCents: 60_000, sentToBeneficiaryCents: 400_000 }))).toEqual([]);
  });

  it('holds a new beneficiary soon after a device was linked', () => {
    expect(matchFraudRules(config, facts({ newBeneficiary: true, newestDeviceLinkedAt: hoursAgo(2) }))).toEqual(['recent_device']);
    expect(matchFraudRules(config, facts({ newBeneficiary: true, newestDeviceLinkedAt: hoursAgo(24) }))).toEqual([]);
    expect(matchFraudRules(config, facts({ newBeneficiary: false, newestDeviceLinkedAt: hoursAgo(2) }))).toEqual([]);
    expect(matchFraudRules({ ...config, recentDeviceHours: 0 }, facts({ newBeneficiary: true, newestDeviceLinkedAt: hoursAgo(1) }))).toEqual([]);
  });
});

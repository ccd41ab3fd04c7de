import type { FraudRulesConfig } from '../config/config.ts';

/**
 * The built-in fraud rules of online banking, as a pure function of the configuration and the
 * facts of one transfer. A transfer matching any rule is held with its reference until the
 * customer releases it with the unlock code of the IVR (seed 000, branch 2) or the contact centre
 * acts (seed 002). The names returned go into the held reason and the audit row.
 */
export type FraudRuleName = 'amount_over' | 'new_beneficiary' | 'recent_device';

export interface TransferFacts {
  amountCents: number;
  /** No signed transfer of this customer paid the same IBAN before the window (`newBeneficiaryWindowHours`). */
  newBeneficiary: boolean;
  /** What other transfers sent (or wait to send) that IBAN within the window, in cents. */
  sentToBeneficiaryCents: number;
  /** When the customer's newest still-linked mobile-signature device was linked, if any. */
  newestDeviceLinkedAt: Date | null;
  now: Date;
}

interface Rule {
  name: FraudRuleName;
  why: string;
  matches(config: FraudRulesConfig, facts: TransferFacts): boolean;
}

export const FRAUD_RULES: readonly Rule[] = [
  {
    name: 'amount_over',
    why: 'a large transfer is held whoever receives it (0 disables)',
    matches: (c, f) => c.amountOverCents > 0 && f.amountCents >= c.amountOverCents,
  },
  {
    name: 'new_beneficiary',
    why: 'money to a beneficiary not paid before the window, from a threshold counting what was sent it within the window (0 holds every new one)',
    matches: (c, f) => f.newBeneficiary && f.amountCents + f.sentToBeneficiaryCents >= c.newBeneficiaryOverCents,
  },
  {
    name: 'recent_device',
    why: 'a new beneficiary right after a device was linked: the pattern of a taken-over account (seed 002)',
    matches: (c, f) =>
      c.recentDeviceHours > 0 &&
      f.newBeneficiary &&
      f.newestDeviceLinkedAt !== null &&
      f.now.getTime() - f.newestDeviceLinkedAt.getTime() < c.recentDeviceHours * 3_600_000,
  },
];

/** The names of the rules the transfer matches, in table order; empty when it may go ahead. */
export function matchFraudRules(config: FraudRulesConfig, facts: TransferFacts): FraudRuleName[] {
  return FRAUD_RULES.filter((r) => r.matches(config, facts)).map((r) => r.name);
}

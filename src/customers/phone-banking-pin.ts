import type { KeyedHasher } from '../platform/crypto.ts';

/**
 * The keyed hash kept for a phone-banking PIN, bound to the customer so the same PIN of two
 * customers never hashes alike. Whoever checks or resets a phone-banking PIN uses these two.
 */
export function phoneBankingPinHash(hasher: KeyedHasher, customerId: string, pin: string): string {
  return hasher.hash('phone_banking.pin', `${customerId}:${pin}`);
}

/** Constant-time check of a PIN against the stored hash; false when none is stored. */
export function phoneBankingPinMatches(hasher: KeyedHasher, customerId: string, pin: string, stored: string | null): boolean {
  return stored !== null && hasher.verify('phone_banking.pin', `${customerId}:${pin}`, stored);
}

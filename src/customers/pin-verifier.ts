import type { KeyedHasher } from '../platform/crypto.ts';

/**
 * Where a card PIN is checked. A bank plugs its HSM in here; the PIN itself is never stored
 * or logged by Cerrojo (PCI DSS 3.3.1.3). `pinRef` is whatever the verifier needs to find the
 * card's PIN: for the default verifier, a keyed hash of the PIN bound to the card.
 */
export interface PinVerifier {
  /** Makes the reference kept with a card when it is provisioned. */
  enroll(cardPanHash: string, pin: string): Promise<string>;
  verify(cardPanHash: string, pin: string, pinRef: string): Promise<boolean>;
}

/** The stand-in for an HSM: HMAC of the PIN bound to the card's own hash. */
export function keyedHashPinVerifier(hasher: KeyedHasher): PinVerifier {
  return {
    async enroll(cardPanHash, pin) {
      return hasher.hash('card.pin', `${cardPanHash}:${pin}`);
    },
    async verify(cardPanHash, pin, pinRef) {
      return hasher.verify('card.pin', `${cardPanHash}:${pin}`, pinRef);
    },
  };
}

/** The keyed hash that stands for a full card number (PCI DSS 3.5.1.1). */
export function panHash(hasher: KeyedHasher, pan: string): string {
  return hasher.hash('card.pan', pan.replace(/\D/g, ''));
}

import { createHmac, randomInt, timingSafeEqual, randomBytes } from 'node:crypto';

/**
 * Keyed hashing of secrets we must check but never keep: one-time codes, PINs (default
 * verifier), card numbers. HMAC-SHA-256 with the server key, domain-separated by purpose so a
 * hash of one kind can never be replayed as another (ASVS 2.7.5, PCI DSS 3.5.1.1).
 */
export interface KeyedHasher {
  hash(purpose: string, value: string): string;
  /** Constant-time comparison of a value against a stored keyed hash. */
  verify(purpose: string, value: string, expected: string): boolean;
}

export function createKeyedHasher(secretKeyHex: string): KeyedHasher {
  const key = Buffer.from(secretKeyHex, 'hex');
  if (key.length < 32) throw new Error('the secret key must be at least 32 bytes');
  const hash = (purpose: string, value: string) =>
    createHmac('sha256', key).update(purpose).update('\u0000').update(value).digest('base64url');
  return {
    hash,
    verify(purpose, value, expected) {
      const actual = Buffer.from(hash(purpose, value));
      const wanted = Buffer.from(expected);
      return actual.length === wanted.length && timingSafeEqual(actual, wanted);
    },
  };
}

/** `digits` decimal digits from the CSPRNG (NIST SP 800-63B 3.1.3.2). */
export function randomDigits(digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += String(randomInt(10));
  return out;
}

/** A random token for URLs or cookies, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A fresh 256-bit key in hex. */
export function newSecretKey(): string {
  return randomBytes(32).toString('hex');
}

import { randomInt } from 'node:crypto';
import { hashPassword } from './passwords.ts';

// No 0/O, 1/l/I: the caller copies it from an SMS into a login form.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';

/**
 * A temporary password from the CSPRNG: 12 characters with at least one upper-case letter,
 * one lower-case letter and one digit. It is single-use, short-lived and opens only the forced
 * change (SECURITY.md, seed vs standard), so it needs no symbols to be strong enough.
 */
export function temporaryPassword(length = 12): string {
  const all = UPPER + LOWER + DIGITS;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)]!;

/** A temporary password and its argon2id hash. */
export interface TemporaryPassword {
  password: string;
  hash: string;
}

/**
 * A new temporary password, hashed. Callers compute it before their database transaction
 * opens: the hash is the costliest step of a recovery (argon2id, ~13 ms of one core) and
 * needs nothing from the database, so inside the transaction it would only hold a pooled
 * connection and the row locks taken so far (docs/performance.md).
 */
export async function newTemporaryPassword(): Promise<TemporaryPassword> {
  const password = temporaryPassword();
  return { password, hash: await hashPassword(password) };
}

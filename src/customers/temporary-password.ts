import { randomInt } from 'node:crypto';

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

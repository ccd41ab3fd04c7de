import type { DocumentType } from '../platform/db/schema.ts';

export type { DocumentType };

export type Checked = { ok: true; value: string } | { ok: false; reason: string };

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const NIE_PREFIX: Record<string, string> = { X: '0', Y: '1', Z: '2' };
const CIF_CONTROL_LETTERS = 'JABCDEFGHI';
/** Organisation letters whose control character is a letter / a digit (Orden EHA/451/2008). */
const CIF_LETTER_ONLY = new Set(['P', 'Q', 'R', 'S', 'N', 'W']);
const CIF_DIGIT_ONLY = new Set(['A', 'B', 'E', 'H']);

/** The control letter of an 8-digit DNI number (or a NIE with its prefix replaced). */
export function dniLetter(digits: string): string {
  return DNI_LETTERS[Number(digits) % 23]!;
}

/** The control digit (0-9) of a CIF's seven digits. */
export function cifControlDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(digits[i]);
    if (i % 2 === 0) {
      const doubled = d * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    } else sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const clean = (raw: string) => raw.toUpperCase().replace(/[\s.\-/]/g, '');

/** Validates a document number with its check character; returns it normalised. */
export function validateDocument(type: DocumentType, raw: string): Checked {
  const value = clean(raw);
  switch (type) {
    case 'DNI': {
      const m = /^(\d{8})([A-Z])$/.exec(value);
      if (!m) return { ok: false, reason: 'a DNI is 8 digits and a letter' };
      return m[2] === dniLetter(m[1]!) ? { ok: true, value } : { ok: false, reason: 'the DNI letter does not match' };
    }
    case 'NIE': {
      const m = /^([XYZ])(\d{7})([A-Z])$/.exec(value);
      if (!m) return { ok: false, reason: 'a NIE is X, Y or Z, 7 digits and a letter' };
      return m[3] === dniLetter(NIE_PREFIX[m[1]!]! + m[2]!) ? { ok: true, value } : { ok: false, reason: 'the NIE letter does not match' };
    }
    case 'CIF': {
      const m = /^([ABCDEFGHJNPQRSUVW])(\d{7})([0-9A-J])$/.exec(value);
      if (!m) return { ok: false, reason: 'a CIF is a letter, 7 digits and a control character' };
      const [, org, digits, control] = m as unknown as [string, string, string, string];
      const digit = cifControlDigit(digits);
      const letter = CIF_CONTROL_LETTERS[digit]!;
      const letterOnly = CIF_LETTER_ONLY.has(org) || digits.startsWith('00');
      const accepted = letterOnly ? [letter] : CIF_DIGIT_ONLY.has(org) ? [String(digit)] : [letter, String(digit)];
      return accepted.includes(control) ? { ok: true, value } : { ok: false, reason: 'the CIF control character does not match' };
    }
    case 'PASSPORT':
      return /^[A-Z0-9]{6,12}$/.test(value) ? { ok: true, value } : { ok: false, reason: 'a passport number is 6 to 12 letters and digits' };
  }
}

/**
 * A DNI typed on a phone keypad: 8 digits. A keypad has no letters, so the caller types the
 * number only and we compute the letter; a wrong number simply matches no customer.
 */
export function dniFromKeypad(digits: string): string | null {
  return /^\d{8}$/.test(digits) ? digits + dniLetter(digits) : null;
}

/**
 * A NIE typed on a phone keypad: X, Y, Z keyed as 0, 1, 2 (the official mapping used for the
 * check letter), then the 7 digits. The keypad cannot type the final letter either, so we
 * compute it as for a DNI: the caller keys 8 digits and a mistyped one matches no customer.
 */
export function nieFromKeypad(digits: string): string | null {
  const m = /^([012])(\d{7})$/.exec(digits);
  if (!m) return null;
  const prefix = 'XYZ'[Number(m[1])]!;
  return prefix + m[2]! + dniLetter(m[1]! + m[2]!);
}

/** Luhn check of a card number as printed (13 to 19 digits, spaces or dashes allowed). */
export function isValidPan(pan: string): boolean {
  const digits = pan.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

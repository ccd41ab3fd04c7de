import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cifControlDigit, dniFromKeypad, dniLetter, isValidPan, nieFromKeypad, validateDocument } from './documents.ts';

describe('DNI', () => {
  it.each(['12345678Z', '00000000T', '99999999R', '12345678-z', ' 87654321 X '])('accepts %s', (raw) => {
    expect(validateDocument('DNI', raw).ok).toBe(true);
  });
  it.each(['12345678A', '1234567Z', '123456789Z', 'ABCDEFGHZ', ''])('refuses %s', (raw) => {
    expect(validateDocument('DNI', raw).ok).toBe(false);
  });
  it('normalises to upper case without separators', () => {
    expect(validateDocument('DNI', '12.345.678-z')).toEqual({ ok: true, value: '12345678Z' });
  });
});

describe('NIE', () => {
  it.each(['X1234567L', 'Y1234567X', 'Z1234567R', 'x-1234567-l'])('accepts %s', (raw) => {
    expect(validateDocument('NIE', raw).ok).toBe(true);
  });
  it.each(['X1234567A', 'A1234567L', 'X123456L', '12345678Z'])('refuses %s', (raw) => {
    expect(validateDocument('NIE', raw).ok).toBe(false);
  });
});

describe('CIF', () => {
  it.each(['B12345674', 'A58818501', 'Q2826000H', 'P0800000B', 'G12345674', 'G1234567D'])('accepts %s', (raw) => {
    expect(validateDocument('CIF', raw).ok).toBe(true);
  });
  it.each([
    ['B1234567D', 'letter where a digit is required'],
    ['Q28260008', 'digit where a letter is required'],
    ['B12345675', 'wrong digit'],
    ['I12345674', 'not an organisation letter'],
    ['B123456', 'too short'],
  ])('refuses %s (%s)', (raw) => {
    expect(validateDocument('CIF', raw).ok).toBe(false);
  });
});

describe('passport', () => {
  it('accepts 6 to 12 letters and digits only', () => {
    expect(validateDocument('PASSPORT', 'PAA123456').ok).toBe(true);
    expect(validateDocument('PASSPORT', 'AB12').ok).toBe(false);
    expect(validateDocument('PASSPORT', 'AB12345*').ok).toBe(false);
  });
});

describe('keypad entry', () => {
  it('computes the DNI letter from 8 digits', () => {
    expect(dniFromKeypad('12345678')).toBe('12345678Z');
    expect(dniFromKeypad('1234567')).toBeNull();
  });
  it('maps the NIE prefix 0/1/2 to X/Y/Z', () => {
    expect(nieFromKeypad('01234567')).toBe('X1234567L');
    expect(nieFromKeypad('11234567')).toBe('Y1234567X');
    expect(nieFromKeypad('21234567')).toBe('Z1234567R');
    expect(nieFromKeypad('31234567')).toBeNull();
  });
});

describe('card numbers (Luhn)', () => {
  it('accepts numbers as printed', () => {
    expect(isValidPan('4111 1111 1111 1111')).toBe(true);
    expect(isValidPan('5555-5555-5555-4444')).toBe(true);
  });
  it('refuses a wrong check digit or a wrong length', () => {
    expect(isValidPan('4111 1111 1111 1112')).toBe(false);
    expect(isValidPan('4111')).toBe(false);
    expect(isValidPan('4111 1111 1111 111a')).toBe(false);
  });
});

describe('properties', () => {
  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  it('every DNI built with its letter validates, and any other letter fails', () => {
    fc.assert(
      fc.property(digits(8), fc.constantFrom(...'ABCDEFGHJKLMNPQRSTVWXYZ'), (n, other) => {
        expect(validateDocument('DNI', n + dniLetter(n)).ok).toBe(true);
        if (other !== dniLetter(n)) expect(validateDocument('DNI', n + other).ok).toBe(false);
      }),
    );
  });
  it('every keypad NIE validates', () => {
    fc.assert(fc.property(fc.constantFrom('0', '1', '2'), digits(7), (p, n) => validateDocument('NIE', nieFromKeypad(p + n)!).ok));
  });
  it('every CIF of a digit-control organisation validates, a changed digit fails', () => {
    fc.assert(
      fc.property(fc.constantFrom('A', 'B', 'E', 'H'), digits(7), (org, n) => {
        const d = cifControlDigit(n);
        expect(validateDocument('CIF', `${org}${n}${d}`).ok).toBe(true);
        expect(validateDocument('CIF', `${org}${n}${(d + 1) % 10}`).ok).toBe(false);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cifControlDigit, dniFromKeypad, dniLetter, isValidPan, nieFromKeypad, validateDocument } from './documents.ts';

const ok = (value: string) => ({ ok: true, value });

describe('validateDocument', () => {
  it('accepts DNIs with the right letter and normalises them', () => {
    expect(validateDocument('DNI', '12345678Z')).toEqual(ok('12345678Z'));
    expect(validateDocument('DNI', '12.345.678-z')).toEqual(ok('12345678Z'));
    expect(validateDocument('DNI', ' 00000000 t ')).toEqual(ok('00000000T'));
  });

  it('refuses DNIs with the wrong letter or shape', () => {
    for (const raw of ['12345678A', '1234567Z', '123456789Z', '12345678', 'ABCDEFGHZ', '']) {
      expect(validateDocument('DNI', raw).ok).toBe(false);
    }
  });

  it('accepts NIEs with X, Y, Z mapped to 0, 1, 2', () => {
    expect(validateDocument('NIE', 'X1234567L')).toEqual(ok('X1234567L'));
    expect(validateDocument('NIE', 'y-1234567-x')).toEqual(ok('Y1234567X'));
    expect(validateDocument('NIE', 'Z1234567R')).toEqual(ok('Z1234567R'));
  });

  it('refuses NIEs with the wrong letter, prefix or length', () => {
    for (const raw of ['X1234567A', 'W1234567L', 'X123456L', '01234567L']) {
      expect(validateDocument('NIE', raw).ok).toBe(false);
    }
  });

  it('accepts CIFs by the control rules of each organisation letter', () => {
    expect(validateDocument('CIF', 'B12345674')).toEqual(ok('B12345674')); // digit-only letter
    expect(validateDocument('CIF', 'A58818501')).toEqual(ok('A58818501'));
    expect(validateDocument('CIF', 'Q2826000H')).toEqual(ok('Q2826000H')); // letter-only letter
    expect(validateDocument('CIF', 'P1234567D')).toEqual(ok('P1234567D'));
    expect(validateDocument('CIF', 'G12345674')).toEqual(ok('G12345674')); // either form
    expect(validateDocument('CIF', 'g-1234567-d')).toEqual(ok('G1234567D'));
    expect(validateDocument('CIF', 'B0012345E')).toEqual(ok('B0012345E')); // starts 00: letter
  });

  it('refuses CIFs whose control has the wrong value or the wrong form', () => {
    expect(validateDocument('CIF', 'B12345675').ok).toBe(false); // wrong digit
    expect(validateDocument('CIF', 'B1234567D').ok).toBe(false); // A/B/E/H take a digit
    expect(validateDocument('CIF', 'P12345674').ok).toBe(false); // P/Q/R/S/N/W take a letter
    expect(validateDocument('CIF', 'B00123455').ok).toBe(false); // starts 00: letter only
    expect(validateDocument('CIF', 'I12345674').ok).toBe(false); // not an organisation letter
    expect(validateDocument('CIF', 'B1234567').ok).toBe(false);
  });

  it('accepts passports of 6 to 12 letters and digits', () => {
    expect(validateDocument('PASSPORT', 'paa-123456')).toEqual(ok('PAA123456'));
    expect(validateDocument('PASSPORT', 'AB1234')).toEqual(ok('AB1234'));
    for (const raw of ['AB123', 'ABCDEFGHIJKLM', 'AB12_34']) expect(validateDocument('PASSPORT', raw).ok).toBe(false);
  });
});

const eightDigits = fc.integer({ min: 0, max: 99_999_999 }).map((n) => String(n).padStart(8, '0'));
const sevenDigits = fc.integer({ min: 0, max: 9_999_999 }).map((n) => String(n).padStart(7, '0'));
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const cifControlValue = (c: string) => (/\d/.test(c) ? Number(c) : 'JABCDEFGHI'.indexOf(c));

describe('validateDocument properties', () => {
  it('accepts every generated DNI and refuses it with any other letter', () => {
    fc.assert(
      fc.property(eightDigits, fc.constantFrom(...letters), (digits, other) => {
        const letter = dniLetter(digits);
        expect(validateDocument('DNI', digits + letter).ok).toBe(true);
        fc.pre(other !== letter);
        expect(validateDocument('DNI', digits + other).ok).toBe(false);
      }),
    );
  });

  it('accepts every generated NIE and refuses it with any other letter', () => {
    fc.assert(
      fc.property(fc.constantFrom('X', 'Y', 'Z'), sevenDigits, fc.constantFrom(...letters), (prefix, digits, other) => {
        const letter = dniLetter(String('XYZ'.indexOf(prefix)) + digits);
        expect(validateDocument('NIE', prefix + digits + letter).ok).toBe(true);
        fc.pre(other !== letter);
        expect(validateDocument('NIE', prefix + digits + other).ok).toBe(false);
      }),
    );
  });

  it('accepts every generated CIF and refuses a control of another value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...'ABCDEFGHJNPQRSUVW'), sevenDigits, fc.constantFrom(...'0123456789ABCDEFGHIJ'), (org, digits, other) => {
        const d = cifControlDigit(digits);
        const letterForm = 'PQRSNW'.includes(org) || digits.startsWith('00');
        const control = letterForm ? 'JABCDEFGHI'[d]! : String(d);
        expect(validateDocument('CIF', org + digits + control).ok).toBe(true);
        fc.pre(cifControlValue(other) !== d);
        expect(validateDocument('CIF', org + digits + other).ok).toBe(false);
      }),
    );
  });
});

describe('keypad entry (IVR)', () => {
  it('completes a DNI typed as 8 digits with its letter', () => {
    expect(dniFromKeypad('12345678')).toBe('12345678Z');
    expect(dniFromKeypad('1234567')).toBeNull();
    expect(dniFromKeypad('12345678Z')).toBeNull();
  });

  it('reads 0/1/2 as X/Y/Z and completes the NIE letter', () => {
    expect(nieFromKeypad('01234567')).toBe('X1234567L');
    expect(nieFromKeypad('11234567')).toBe('Y1234567X');
    expect(nieFromKeypad('21234567')).toBe('Z1234567R');
    expect(nieFromKeypad('31234567')).toBeNull();
    expect(nieFromKeypad('0123456')).toBeNull();
  });

  it('always yields a document that validates', () => {
    fc.assert(
      fc.property(eightDigits, (digits) => {
        expect(validateDocument('DNI', dniFromKeypad(digits)!).ok).toBe(true);
        const nie = nieFromKeypad(String(Number(digits[0]) % 3) + digits.slice(1));
        expect(validateDocument('NIE', nie!).ok).toBe(true);
      }),
    );
  });
});

describe('isValidPan', () => {
  it('accepts card numbers that pass Luhn, as printed', () => {
    expect(isValidPan('4111 1111 1111 1111')).toBe(true);
    expect(isValidPan('5500-0000-0000-0004')).toBe(true);
    expect(isValidPan('4222222222222')).toBe(true); // 13 digits
  });

  it('refuses a wrong check digit, a wrong length or other characters', () => {
    expect(isValidPan('4111 1111 1111 1112')).toBe(false);
    expect(isValidPan('411111111111')).toBe(false);
    expect(isValidPan('41111111111111111111')).toBe(false);
    expect(isValidPan('4111a11111111111')).toBe(false);
  });

  it('refuses any single changed digit of a valid number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const pan = '4111111111111111'.split('');
        pan[pos] = String((Number(pan[pos]) + delta) % 10);
        expect(isValidPan(pan.join(''))).toBe(false);
      }),
    );
  });
});

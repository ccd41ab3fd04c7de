import { describe, expect, it } from 'vitest';
import { checkStartInput, cleanCode } from './input.ts';

const good = { documentType: 'DNI' as const, document: '12345678z', pan: '4539 1488 0343 6467', pin: '1234' };

describe('step 1 input checks', () => {
  it('normalises a good input', () => {
    expect(checkStartInput(good)).toEqual({ ok: true, value: { documentType: 'DNI', document: '12345678Z', pan: '4539148803436467', last4: '6467', pin: '1234' } });
  });

  it('names the first malformed field', () => {
    expect(checkStartInput({ ...good, document: '12345678A' })).toEqual({ ok: false, reason: 'invalid_document' });
    expect(checkStartInput({ ...good, documentType: 'NIE' })).toEqual({ ok: false, reason: 'invalid_document' });
    expect(checkStartInput({ ...good, pan: '4539 1488 0343 6468' })).toEqual({ ok: false, reason: 'invalid_pan' });
    expect(checkStartInput({ ...good, pan: '4539' })).toEqual({ ok: false, reason: 'invalid_pan' });
    expect(checkStartInput({ ...good, pin: '12a4' })).toEqual({ ok: false, reason: 'invalid_pin' });
    expect(checkStartInput({ ...good, pin: '1234567' })).toEqual({ ok: false, reason: 'invalid_pin' });
  });

  it('accepts the other document types', () => {
    expect(checkStartInput({ ...good, documentType: 'PASSPORT', document: 'PAA123456' }).ok).toBe(true);
    expect(checkStartInput({ ...good, documentType: 'NIE', document: 'X1234567L' }).ok).toBe(true);
  });

  it('drops the spaces of a typed code', () => {
    expect(cleanCode(' 123 456 ')).toBe('123456');
  });
});

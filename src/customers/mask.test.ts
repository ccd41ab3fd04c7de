import { describe, expect, it } from 'vitest';
import { maskEmail, maskIban, maskPhone, PAYEE_QUOTE_MAX, payeeQuote, phoneEnding } from './mask.ts';

describe('masks (seed 001)', () => {
  it('masks the email exactly as the seed shows it', () => {
    expect(maskEmail('sbarrios@ebcc.es')).toBe('sb*****@ebcc.es');
  });

  it('shows one character of a short local part and always five asterisks', () => {
    expect(maskEmail('ab@x.es')).toBe('a*****@x.es');
    expect(maskEmail('a@x.es')).toBe('a*****@x.es');
    expect(maskEmail('abc@x.es')).toBe('ab*****@x.es');
    expect(maskEmail('a.very.long.local.part@x.es')).toBe('a.*****@x.es');
  });

  it('reveals nothing of something that is not an email', () => {
    expect(maskEmail('no-at-sign')).toBe('*****');
    expect(maskEmail('@x.es')).toBe('*****');
  });

  it('masks the phone exactly as the seed shows it', () => {
    expect(maskPhone('+34600123331')).toBe('+34 - 6*****331');
  });

  it('keeps the real country code of a foreign number', () => {
    expect(maskPhone('+447911123456')).toBe('+44 - 7*****456');
  });

  it('reveals nothing of an unparsable number', () => {
    expect(maskPhone('garbage')).toBe('+ - *****');
  });

  it('gives the ending of a number ("acabado en 032")', () => {
    expect(phoneEnding('+34600111032')).toBe('032');
    expect(phoneEnding('+34 600 111 032', 4)).toBe('1032');
  });
});

describe('payment details in messages (PSD2 RTS art. 5)', () => {
  it('masks an IBAN to its country code and last four characters, whatever its spacing', () => {
    expect(maskIban('ES9121000418450200051332')).toBe('ES*****1332');
    expect(maskIban('de89 3704 0044 0532 0130 00')).toBe('DE*****3000');
    expect(maskIban('ES12')).toBe('*****');
  });

  it('quotes a payee as typed, without what could close the quote or read as the bank, cut short', () => {
    expect(payeeQuote('Inmobiliaria Almeriense SL')).toBe('Inmobiliaria Almeriense SL');
    expect(payeeQuote('O\'Brien & Sons, S.L.')).toBe('O\'Brien & Sons, S.L.');
    expect(payeeQuote('a"b\nc:d/e')).toBe('a b c d e');
    const long = payeeQuote('Cerrojo: llama ya al 900 000 000 o entra en https://x.example');
    expect(long.length).toBeLessThanOrEqual(PAYEE_QUOTE_MAX);
    expect(long).toMatch(/\.\.\.$/);
    expect(long).not.toMatch(/[:/"]/);
  });
});

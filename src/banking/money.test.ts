import { describe, expect, it } from 'vitest';
import { centsToAmount, formatAmount, parseAmount } from './money.ts';

describe('amounts', () => {
  it('reads euros with at most two decimals into cents', () => {
    expect(parseAmount('1234.56')).toBe(123_456);
    expect(parseAmount('1234,5')).toBe(123_450);
    expect(parseAmount('7')).toBe(700);
    for (const bad of ['0', '0.00', '-5', '1.234', '1e3', '', 'abc', '12.', '1 000']) expect(parseAmount(bad), bad).toBeUndefined();
  });
  it('writes cents back', () => {
    expect(centsToAmount(123_456)).toBe('1234.56');
    expect(centsToAmount(5)).toBe('0.05');
    expect(formatAmount(185_000, 'EUR', 'es')).toMatch(/1\.?850,00\s€/);
    expect(formatAmount(185_000, 'EUR', 'en')).toBe('€1,850.00');
  });
});

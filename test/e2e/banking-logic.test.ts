import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalogue.ts';
import { amountForApi, digitsOnly, formatAmount, formatIban, maskedIban, referenceFrom } from '../../web/src/banking/format.ts';
import { operationTitle, strengthText } from '../../web/src/banking/labels.ts';

describe('online-banking page logic (no browser needed)', () => {
  it('reads amounts as people type them, in either convention, and refuses the rest', () => {
    expect(amountForApi('1.500,00')).toBe('1500.00');
    expect(amountForApi('1,500.5')).toBe('1500.5');
    expect(amountForApi('40,00 €')).toBe('40.00');
    expect(amountForApi('1.500')).toBe('1500');
    expect(amountForApi('150')).toBe('150');
    // Three digits after the last separator make it a thousands one: checked again on the signing page.
    expect(amountForApi('12,345')).toBe('12345');
    for (const bad of ['', 'abc', '1,2,3.456', '-5', '1e3']) expect(amountForApi(bad), bad).toBeNull();
  });

  it('shows money, IBANs and references as printed', () => {
    expect(formatAmount('1500.00', 'EUR', 'es').replace(/\s/g, ' ')).toBe('1500,00 €');
    expect(formatAmount('1500.00', 'EUR', 'en')).toBe('€1,500.00');
    expect(formatIban('es9121000418450200051332')).toBe('ES91 2100 0418 4502 0005 1332');
    expect(maskedIban('es91 2100 0418 4502 0005 1332')).toBe('ES*****1332');
    expect(maskedIban('')).toBe('*****');
    expect(referenceFrom('?ref=23522111')).toBe('23522111');
    expect(referenceFrom('?ref=2352211')).toBeNull();
    expect(digitsOnly('123 456')).toBe('123456');
  });

  it('names the strength levels of seed 001 and the page of each operation state', () => {
    const es = (id: string, params?: Record<string, string | number>) => t(id, 'es', params);
    expect([0, 1, 2, 3, 4].map((s) => strengthText(es, s))).toEqual([
      'Fortaleza: Muy débil',
      'Fortaleza: Débil',
      'Fortaleza: Media',
      'Fortaleza: Fuerte',
      'Fortaleza: Muy fuerte',
    ]);
    expect(operationTitle(es, 'pending_signature')).toBe('Gestión de claves');
    expect(operationTitle(es, 'signed')).toBe('¡Listo!');
    // While the operation loads the title names no step ("Gestión de claves" used to flash).
    expect(operationTitle(es, undefined)).toBe('Operación');
  });
});

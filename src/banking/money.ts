/**
 * Amounts as the transfer form sends them: euros as a string with at most two decimals
 * ("1234.56"; a decimal comma is accepted too), kept as whole cents.
 */
const MAX_CENTS = 99_999_999_999; // 999 999 999.99 €: far above any transfer, far below 2^53

/** Whole cents of an amount string, or undefined when it is not a positive amount. */
export function parseAmount(text: string): number | undefined {
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return cents > 0 && cents <= MAX_CENTS ? cents : undefined;
}

/** "1234.56" as the API returns it. */
export function centsToAmount(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** "1.234,56 €" / "€1,234.56" for an SMS. */
export function formatAmount(cents: number, currency: string, locale: 'es' | 'en'): string {
  return new Intl.NumberFormat(locale === 'es' ? 'es-ES' : 'en-GB', { style: 'currency', currency, useGrouping: true }).format(cents / 100);
}

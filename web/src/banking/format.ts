import type { Locale } from '../../../src/i18n/catalogue.ts';
import { intlTag } from '../i18n/locale.ts';

/** "1234.56" EUR → "1.234,56 €" (es) or "€1,234.56" (en). */
export function formatAmount(amount: string | number | null | undefined, currency: string | null | undefined, locale: Locale): string {
  if (amount === undefined || amount === null || amount === '') return '—';
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  return new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency: currency || 'EUR' }).format(value);
}

/** A date and time in the page language. */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** An IBAN in groups of four, as printed: "ES91 2100 0418 …". */
/**
 * The account paid as the signing page names it, like the signing SMS (PSD2 RTS art. 5): the
 * country code and the last four characters, `ES*****1332`.
 */
export function maskedIban(iban: string | null | undefined): string {
  const compact = (iban ?? '').replace(/\s+/g, '').toUpperCase();
  return compact.length < 8 ? '*****' : `${compact.slice(0, 2)}*****${compact.slice(-4)}`;
}

export function formatIban(iban: string | null | undefined): string {
  if (!iban) return '';
  return iban.replace(/\s+/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * An amount as people type it ("1.234,5", "1,234.50", "1500", "40,00 €") → the API's "1234.50",
 * or null. Thousands groups must be whole groups of three, with the other separator as decimal.
 */
export function amountForApi(typed: string): string | null {
  const m = /^(\d{1,3}(?:([.,])\d{3})+|\d+)(?:([.,])(\d{1,2}))?$/.exec(typed.replace(/[\s€]/g, ''));
  if (!m) return null;
  const [, whole, group, decimalSeparator, decimals] = m;
  if (group && decimalSeparator === group) return null;
  const units = whole!.replace(/[.,]/g, '');
  return decimals ? `${units}.${decimals}` : units;
}

/** The operation reference of the address (`?ref=23522111`), if it has the right shape. */
export function referenceFrom(search: string): string | null {
  const ref = new URLSearchParams(search).get('ref');
  return ref && /^\d{8}$/.test(ref) ? ref : null;
}

/** The address of an operation's page. */
export const operationPath = (reference: string) => `/banking/operation?ref=${reference}`;

/** Only digits, as a code field keeps them (a pasted "123 456" still works). */
export const digitsOnly = (value: string) => value.replace(/\D/g, '');

import type { Locale } from '../i18n/catalogue.ts';

const LOCALE_TAGS: Record<Locale, string> = { es: 'es-ES', en: 'en-GB' };

/** An amount in minor units as the customer reads it in an SMS: `1.250,00 €` or `€1,250.00`. */
export function formatAmount(amountCents: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], { style: 'currency', currency }).format(amountCents / 100);
}

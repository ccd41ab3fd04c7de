import { isLocale, type Locale } from '../../../src/i18n/catalogue.ts';

/** localStorage key of the chosen language. */
export const LOCALE_KEY = 'cerrojo.locale';

/**
 * The language a page opens in: `?lang=` first (a shared link), then the remembered choice,
 * then Spanish, the bank's default.
 */
export function initialLocale(search: string, stored: string | null): Locale {
  const asked = new URLSearchParams(search).get('lang');
  if (isLocale(asked)) return asked;
  return isLocale(stored) ? stored : 'es';
}

/** The stored choice, or null where storage is blocked (private windows, strict settings). */
export function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(LOCALE_KEY);
  } catch {
    return null;
  }
}

/** Remembers the choice; a blocked storage only means it is not remembered. */
export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // nothing to do: the page still works in the chosen language
  }
}

/** BCP 47 tag used for dates and times. */
export function intlTag(locale: Locale): string {
  return locale === 'es' ? 'es-ES' : 'en-GB';
}

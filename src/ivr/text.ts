import type { Locale } from '../i18n/catalogue.ts';
import { ivrMessages } from './messages.ts';

/**
 * The words of an IVR prompt in a locale with `{name}` placeholders filled; unknown ids throw.
 * It reads `messages.ts` directly until those ids are registered in the shared catalogue, after
 * which it can delegate to `t` unchanged.
 */
export function ivrText(id: string, locale: Locale, params: Readonly<Record<string, string | number>> = {}): string {
  const text = Object.hasOwn(ivrMessages, id) ? ivrMessages[id] : undefined;
  if (!text) throw new Error(`unknown IVR prompt "${id}"`);
  return text[locale].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

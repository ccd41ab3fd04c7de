import { t, type Locale } from '../i18n/catalogue.ts';
import { ivrMessages } from './messages.ts';

/**
 * The words of an IVR prompt in a locale with `{name}` placeholders filled. Only the line's own
 * prompts (`messages.ts`, registered in the shared catalogue) are accepted; unknown ids throw.
 */
export function ivrText(id: string, locale: Locale, params: Readonly<Record<string, string | number>> = {}): string {
  if (!Object.hasOwn(ivrMessages, id)) throw new Error(`unknown IVR prompt "${id}"`);
  return t(id, locale, params);
}

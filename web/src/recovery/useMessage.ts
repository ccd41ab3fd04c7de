import { useCallback } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import type { Message } from './view.ts';

/** Turns a `Message` into words in the page's current language. */
export function useMessage(): (message: Message) => string {
  const { t } = useLocale();
  return useCallback((message: Message) => ('text' in message ? message.text : t(message.id, message.params)), [t]);
}

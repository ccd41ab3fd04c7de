import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { t, type Locale } from '../../../src/i18n/catalogue.ts';
import { initialLocale, readStoredLocale, storeLocale } from './locale.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;

export interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

export const LocaleContext = createContext<LocaleState | null>(null);

/** Holds the page language, keeps `<html lang>` in step and remembers the choice. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => initialLocale(window.location.search, readStoredLocale()));

  // Before paint, so the first frame of an English page is already marked lang="en".
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
    storeLocale(locale);
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    // A `?lang=` left in the address would bring the old language back on reload.
    const url = new URL(window.location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.delete('lang');
      window.history.replaceState(window.history.state, '', url);
    }
    setState(next);
  }, []);

  const value = useMemo<LocaleState>(
    () => ({ locale, setLocale, t: (id, params) => t(id, locale, params) }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

/** The page language, its setter and `t` bound to it. */
export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale needs a LocaleProvider above it');
  return state;
}

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LocaleContext, useLocale, type LocaleState } from '../i18n/LocaleProvider.tsx';
import type { SiteInfo } from '../../../src/brand/brand.ts';

export type { SiteInfo };

const SiteContext = createContext<SiteInfo | null>(null);

/** Asks the server once per page load (`GET /api/site`): dev mode or not, and the bank's brand. */
export function SiteProvider({ children }: { children: ReactNode }) {
  const [site, setSite] = useState<SiteInfo | null>(null);
  useEffect(() => {
    let live = true;
    const load = (attempt: number) =>
      fetch('/api/site', { headers: { accept: 'application/json' } })
        .then((res) => (res.ok ? (res.json() as Promise<SiteInfo>) : Promise.reject(new Error(`HTTP ${res.status}`))))
        .then((info) => live && setSite(info))
        // A failed fetch is tried again a few times; meanwhile the frame shows neither brand nor demo menu.
        .catch(() => live && attempt < 3 && window.setTimeout(() => void load(attempt + 1), 1000 * 2 ** attempt));
    void load(0);
    return () => {
      live = false;
    };
  }, []);
  // Every text below may name the bank's help line as `{helpPhone}` (its brand, not a number
  // written into the catalogue); until the brand has loaded it reads "customer service".
  const outer = useLocale();
  const helpPhone = site?.brand.helpPhone.display;
  const locale = useMemo<LocaleState>(() => {
    const fill = helpPhone ?? outer.t('web.helpPhone.unknown');
    return { ...outer, t: (id, params) => outer.t(id, { helpPhone: fill, ...params }) };
  }, [outer, helpPhone]);
  return (
    <SiteContext.Provider value={site}>
      <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>
    </SiteContext.Provider>
  );
}

/** The site information, or null until the server has answered. */
export function useSite(): SiteInfo | null {
  return useContext(SiteContext);
}

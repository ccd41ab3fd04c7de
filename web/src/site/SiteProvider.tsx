import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
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
  return <SiteContext.Provider value={site}>{children}</SiteContext.Provider>;
}

/** The site information, or null until the server has answered. */
export function useSite(): SiteInfo | null {
  return useContext(SiteContext);
}

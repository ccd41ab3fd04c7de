import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { alertWord, type AlertCatalogue } from '../../../src/backoffice/alerts/words.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { request } from './api.ts';

/**
 * Words, not keys (issue 15): the alert catalogue of `GET /api/console/catalogue` for every
 * console page, so situations (`transfer_unusual_access`) and alert detail keys (`ip`) read as
 * words in the console's language. A key the catalogue lacks, or a catalogue that failed to load,
 * reads as the key humanised; the raw key stays in the element's `title` for the analyst.
 */
const CatalogueContext = createContext<AlertCatalogue | null>(null);

/** Loaded once per page load (the catalogue changes only when the server restarts); `undefined` until it settles. */
let settled: AlertCatalogue | null | undefined;
let loading: Promise<AlertCatalogue | null> | undefined;
function loadCatalogue(): Promise<AlertCatalogue | null> {
  loading ??= request<AlertCatalogue>('GET', '/api/console/catalogue').then(
    (c) => (settled = c),
    () => {
      // Not loaded (the network, a restart): humanised keys now, another try on the next page.
      loading = undefined;
      return null;
    },
  );
  return loading;
}

/** Shows its page once the catalogue is loaded (or failed), so words never flash in as keys first. */
export function AlertWordsProvider({ children }: { children: ReactNode }) {
  const { t } = useLocale();
  const [catalogue, setCatalogue] = useState<AlertCatalogue | null | undefined>(settled);
  useEffect(() => {
    if (catalogue !== undefined) return;
    let live = true;
    void loadCatalogue().then((c) => live && setCatalogue(c));
    return () => {
      live = false;
    };
  }, [catalogue]);
  if (catalogue === undefined) return <p className="muted">{t('console.loading')}</p>;
  return <CatalogueContext.Provider value={catalogue}>{children}</CatalogueContext.Provider>;
}

export interface AlertWords {
  situation: (key: string) => string;
  detail: (key: string) => string;
}

export function useAlertWords(): AlertWords {
  const catalogue = useContext(CatalogueContext);
  const { locale } = useLocale();
  return useMemo(
    () => ({
      situation: (key: string) => alertWord(catalogue, 'situations', key, locale),
      detail: (key: string) => alertWord(catalogue, 'details', key, locale),
    }),
    [catalogue, locale],
  );
}

/** A situation in words, its key in the title (hover) for the analyst. */
export function Situation({ situation }: { situation: string }) {
  const words = useAlertWords();
  return (
    <span className="console-situation" title={situation} data-key={situation}>
      {words.situation(situation)}
    </span>
  );
}

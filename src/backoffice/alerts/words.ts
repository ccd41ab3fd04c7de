import type { Locale, Text } from '../../i18n/catalogue.ts';

/**
 * The words staff read for the keys alerts carry: a situation (`transfer_unusual_access`) and
 * the keys of an alert's details (`ip`, `country`). The catalogue comes from configuration
 * (`catalogue.ts`: the shipped `config/alert-catalogue.json` under the bank's own entries), so
 * the fraud engine can name a new situation without a release. Pure, shared by the server and
 * the console (web/src/console/words.tsx).
 */
export interface AlertCatalogue {
  situations: Record<string, Text>;
  details: Record<string, Text>;
}

export type CatalogueKind = keyof AlertCatalogue;

/**
 * A key nobody named yet, in words: `transfer_unusual_access` → "Transfer unusual access",
 * `deviceLinkedAt` → "Device linked at". Never empty, never throws.
 */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.:\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  if (!words) return key;
  return words[0]!.toUpperCase() + words.slice(1);
}

/** The words for `key` in `locale`: the catalogue's, else the key humanised. */
export function alertWord(catalogue: AlertCatalogue | null | undefined, kind: CatalogueKind, key: string, locale: Locale): string {
  const entries = catalogue?.[kind];
  // Own entries only: a key such as `constructor` is not an entry of every object.
  if (entries && Object.hasOwn(entries, key)) return entries[key]![locale];
  return humanise(key);
}

import { LOCALES, t } from '../i18n/catalogue.ts';
import type { DirectoryEntry } from './directory.ts';

/**
 * Searching the directory as an agent types: by name (Spanish or English), group, the seed's own
 * words, or number. Accents and case do not matter ("telefonica" finds "Telefónica"), nor do the
 * spaces, dots, dashes or `+34`/`0034` of a number ("950979968", "950 97 99 68" and
 * "+34 950 97 99 68" find the same line). Every word of the query must match. Pure.
 */
export function searchDirectory(entries: readonly DirectoryEntry[], query: string): DirectoryEntry[] {
  const words = normalizeText(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...entries];
  const asNumber = numberQuery(query);
  return entries.filter((entry) => {
    const index = indexOf(entry);
    // A whole number typed with spaces is one number, not several words.
    if (asNumber !== null) return index.digits.some((d) => d.includes(asNumber)) || index.text.includes(asNumber);
    return words.every((word) => index.text.includes(word) || (/^\d+$/.test(word) && index.digits.some((d) => d.includes(word))));
  });
}

/** Lower case without accents or other marks: "Atención" → "atencion". */
export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The digits of a query that is only a phone number (of three digits at least), else null. */
export function numberQuery(query: string): string | null {
  const compact = query.replace(/[\s.\-()/]/g, '');
  const m = /^(?:\+|00)?(\d{3,})$/.exec(compact);
  if (!m) return null;
  // "0034 950…" and "+34 950…" are the E.164 digits "34950…"; a bare "950…" is found inside them.
  return m[1]!;
}

interface SearchIndex {
  text: string;
  digits: string[];
}

// Built once per entry: the directory is static data, so this cache never goes stale.
const indexes = new WeakMap<DirectoryEntry, SearchIndex>();

function indexOf(entry: DirectoryEntry): SearchIndex {
  let index = indexes.get(entry);
  if (!index) {
    const names = LOCALES.flatMap((locale) => [
      t(`directory.entry.${entry.id}`, locale),
      t(`directory.group.${entry.group}`, locale),
      entry.note ? t(`directory.note.${entry.id}`, locale) : '',
    ]);
    const text = [entry.id, entry.seed ?? '', ...names, ...entry.links.map((l) => l.value), ...entry.numbers.map((n) => n.display)].join('\n');
    index = { text: normalizeText(text), digits: entry.numbers.map((n) => n.e164.replace(/\D/g, '')) };
    indexes.set(entry, index);
  }
  return index;
}

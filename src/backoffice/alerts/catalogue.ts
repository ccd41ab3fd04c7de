import { readFileSync } from 'node:fs';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { ConfigError } from '../../config/config.ts';
import { configFile } from '../deps.ts';
import type { AlertCatalogue } from './words.ts';

/**
 * The alert catalogue staff read situations and detail keys in (issue 15 "Words, not keys"):
 * the shipped `config/alert-catalogue.json`, with the bank's own entries over it from
 * `backoffice.alertCatalogue` (`ALERT_CATALOGUE`): an object, JSON text, or the path of a JSON
 * file. An entry of the bank's replaces the shipped one of the same key; a new key adds a
 * situation. Checked when the server starts: a bad catalogue stops it naming what is wrong.
 */
export const ALERT_CATALOGUE_KEY = 'backoffice.alertCatalogue (ALERT_CATALOGUE)';

const Words = Type.Object(
  { es: Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
const Entries = Type.Record(Type.String(), Words);

export const AlertCatalogueFile = Type.Object({ situations: Type.Optional(Entries), details: Type.Optional(Entries) }, { additionalProperties: false });
type CatalogueFile = Static<typeof AlertCatalogueFile>;

/** A situation as alerts carry it (`POST /api/alerts`); a detail key is any short JSON key. */
const KEY_PATTERNS: Record<keyof AlertCatalogue, RegExp> = {
  situations: /^[a-z0-9][a-z0-9_.:-]{0,63}$/,
  details: /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/,
};

/** `parsed` as a catalogue, or a `ConfigError` naming `where`, the entry and what is wrong. */
function checked(parsed: unknown, where: string): CatalogueFile {
  const first = Value.Errors(AlertCatalogueFile, parsed)[0];
  if (first) throw new ConfigError(ALERT_CATALOGUE_KEY, `${where}${first.instancePath || ''}: ${first.message}`);
  const file = parsed as CatalogueFile;
  for (const kind of ['situations', 'details'] as const) {
    for (const key of Object.keys(file[kind] ?? {})) {
      if (!KEY_PATTERNS[kind].test(key)) throw new ConfigError(ALERT_CATALOGUE_KEY, `${where}/${kind}/${key}: not a ${kind === 'situations' ? 'situation' : 'detail'} key (${KEY_PATTERNS[kind].source})`);
    }
  }
  return file;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(ALERT_CATALOGUE_KEY, `${where}: ${(err as Error).message}`);
  }
}

/** The bank's entries: none, an object, JSON text (starting with `{`) or a file's path. */
function bankEntries(setting: unknown): CatalogueFile {
  if (setting === undefined || setting === null || setting === '') return {};
  if (typeof setting !== 'string') return checked(setting, 'the configured object');
  const text = setting.trim();
  if (text.startsWith('{')) return checked(parseJson(text, 'the JSON text'), 'the JSON text');
  let content: string;
  try {
    content = readFileSync(text, 'utf8');
  } catch (err) {
    throw new ConfigError(ALERT_CATALOGUE_KEY, `${text}: ${(err as Error).message} (give JSON text starting with "{" or the path of a JSON file)`);
  }
  return checked(parseJson(content, text), text);
}

/** The catalogue: the shipped defaults with the bank's entries (`setting`) over them. */
export function loadAlertCatalogue(setting: unknown, defaultsPath = configFile(undefined, 'alert-catalogue.json')): AlertCatalogue {
  const defaults = checked(parseJson(readFileSync(defaultsPath, 'utf8'), defaultsPath), defaultsPath);
  const own = bankEntries(setting);
  return {
    situations: { ...defaults.situations, ...own.situations },
    details: { ...defaults.details, ...own.details },
  };
}

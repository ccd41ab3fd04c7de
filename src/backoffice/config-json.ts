import { readFileSync } from 'node:fs';
import type { TSchema, Static } from 'typebox';
import { Value } from 'typebox/value';
import { ConfigError } from '../config/config.ts';

/**
 * Reads one of the back office's JSON files (the question bank, the macros) and checks it
 * against its schema. A bad file stops the caller with a message naming the file, the key and
 * what is wrong, the way a bad configuration stops the start.
 */
export function readConfigJson<S extends TSchema>(path: string, schema: S, key: string): Static<S> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(key, `${path}: ${(err as Error).message}`);
  }
  const first = Value.Errors(schema, parsed)[0];
  if (first) throw new ConfigError(key, `${path}${first.instancePath || ''}: ${first.message}`);
  return parsed as Static<S>;
}

import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

/** A problem with one field of one record; `field` is a dotted path (`cards.0.pan`). */
export interface FieldError {
  field?: string;
  message: string;
}

const dotted = (pointer: string) => pointer.replace(/^\//, '').replaceAll('/', '.');
const join = (a: string, b: string) => (a ? `${a}.${b}` : b);

/** The schema node a JSON pointer like `#/properties/cards/items` names, to read its description. */
function nodeAt(schema: TSchema, schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const part of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  return node as Record<string, unknown> | undefined;
}

/**
 * Schema errors in words an operator can act on: one per field, never echoing the value
 * (it may be a PIN or a card number).
 */
export function schemaErrors(schema: TSchema, value: unknown): FieldError[] {
  const out = new Map<string, string>();
  for (const e of Value.Errors(schema, value)) {
    const path = dotted(e.instancePath);
    const params = e.params as Record<string, unknown>;
    const node = nodeAt(schema, e.schemaPath);
    const hint = typeof node?.description === 'string' ? ` (${node.description})` : '';
    if (e.keyword === 'required') {
      for (const name of (params.requiredProperties as string[]) ?? []) out.set(join(path, name), 'is required');
    } else if (e.keyword === 'additionalProperties') {
      for (const name of (params.additionalProperties as string[]) ?? []) out.set(join(path, name), 'is not a known field');
    } else if (e.keyword === 'boolean') {
      continue; // the same unknown field, already reported by additionalProperties
    } else if (e.keyword === 'enum') {
      out.set(path, `must be one of ${(params.allowedValues as unknown[]).join(', ')}`);
    } else if (e.keyword === 'pattern' || e.keyword === 'format') {
      out.set(path, `has an invalid format${hint}`);
    } else if (!out.has(path)) {
      out.set(path, e.message);
    }
  }
  return [...out].map(([field, message]) => (field ? { field, message } : { message }));
}

import fc from 'fast-check';
import type { App } from '../../src/http/app.ts';

/**
 * What the app's own OpenAPI document (`/docs/json`, built from the route schemas) says each
 * route takes, and fast-check arbitraries of values that fit those schemas: the security suite
 * sends schema-valid requests where it must get past validation (the CSRF proof of routes that
 * check the token in their handler) and mixes them with garbage when it fuzzes.
 */

export type JsonSchema = Record<string, unknown>;

export interface RouteSchemas {
  /** Body schema per content type (`application/json`, `application/x-www-form-urlencoded`, `text/csv`). */
  body: Record<string, JsonSchema>;
  params: Record<string, JsonSchema>;
  query: Record<string, { schema: JsonSchema; required: boolean }>;
  /** Answers a long-lived `text/event-stream` (kept open while the caller may see it). */
  streams: boolean;
}

/** Fastify's `/api/cases/:id` as OpenAPI writes it: `/api/cases/{id}`. */
export const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** The schemas of every documented route, keyed `METHOD /fastify/:path`. */
export async function routeSchemas(app: App): Promise<Map<string, RouteSchemas>> {
  const doc = (await app.inject({ url: '/docs/json' })).json<{ paths: Record<string, Record<string, OpenApiOperation>> }>();
  const out = new Map<string, RouteSchemas>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    const url = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [method, op] of Object.entries(ops)) {
      const streams = Object.values(op.responses ?? {}).some((r) => Object.keys(r.content ?? {}).includes('text/event-stream'));
      const schemas: RouteSchemas = { body: {}, params: {}, query: {}, streams };
      for (const [type, content] of Object.entries(op.requestBody?.content ?? {})) schemas.body[type] = content.schema ?? {};
      for (const p of op.parameters ?? []) {
        if (p.in === 'path') schemas.params[p.name] = p.schema ?? {};
        if (p.in === 'query') schemas.query[p.name] = { schema: p.schema ?? {}, required: !!p.required };
      }
      out.set(`${method.toUpperCase()} ${url}`, schemas);
    }
  }
  return out;
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Values that fit `schema` (the JSON Schema subset TypeBox writes), bounded in size. */
export function fitting(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || Object.keys(schema).length === 0) return fc.jsonValue({ maxDepth: 1 });
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fitting(s, depth)));
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const base = fittingType(schema, depth);
  return schema.nullable ? fc.option(base, { nil: null }) : base;
}

function fittingType(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'string':
      return fittingString(schema);
    case 'integer':
      return fc.integer({ min: num(schema.minimum) ?? -1000, max: num(schema.maximum) ?? 100_000 });
    case 'number':
      return fc.double({ min: num(schema.minimum) ?? -1000, max: num(schema.maximum) ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fitting(schema.items as JsonSchema, depth + 1), { minLength: num(schema.minItems) ?? 0, maxLength: Math.min(num(schema.maxItems) ?? 3, depth > 1 ? 1 : 3) });
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      const keys = Object.keys(properties).filter((k) => required.includes(k) || depth < 3);
      return fc.record(Object.fromEntries(keys.map((k) => [k, fitting(properties[k], depth + 1)])), { requiredKeys: keys.filter((k) => required.includes(k)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function fittingString(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = num(schema.maxLength) ?? 64;
  const fits = (s: string) => [...s].length >= minLength && [...s].length <= maxLength;
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'email') return fc.emailAddress().filter(fits);
  if (typeof schema.pattern === 'string') {
    // As AJV reads it (Unicode mode); a pattern fast-check cannot build from (a lookahead) is met by filtering.
    const pattern = new RegExp(schema.pattern, 'u');
    try {
      return fc.stringMatching(pattern).filter(fits);
    } catch {
      return fc.string({ minLength, maxLength: Math.min(maxLength, Math.max(minLength, 40)), unit: 'grapheme' }).filter((s) => fits(s) && pattern.test(s));
    }
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, Math.max(minLength, 40)), unit: 'grapheme' });
}

/** One value that fits `schema`, the same on every run. */
export function sampleFitting(schema: JsonSchema | undefined, seed = 7): unknown {
  return fc.sample(fitting(schema), { numRuns: 1, seed })[0];
}

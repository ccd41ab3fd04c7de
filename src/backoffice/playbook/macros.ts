import { Type } from 'typebox';
import { ConfigError } from '../../config/config.ts';
import type { Locale, Text } from '../../i18n/catalogue.ts';
import { readConfigJson } from '../config-json.ts';
import { MACRO_IDS, type MacroId } from './playbook.ts';

/**
 * The macros of seed 002, "Posible cliente comprometido" and "No contesta – Comprometido": "Al
 * aplicar la macro el sistema creará por defecto un correo electrónico para el cliente (en el que
 * explica las medidas de seguridad que debe aplicar en sus dispositivos) así como las
 * instrucciones que debe seguir la oficina para proceder al desbloqueo del cliente." Their
 * templates are configuration (`config/macros.json`, Spanish and English); rendering is pure.
 */

/** What a template may say about the case; `{name}` in a template, checked when the file is read. */
export const MACRO_PARAMS = ['customerName', 'caseNumber', 'officeCode', 'officeName', 'officeContact'] as const;
export type MacroParams = Record<(typeof MACRO_PARAMS)[number], string>;

export interface MacroTemplate {
  id: MacroId;
  /** The macro's name as agents know it. */
  name: string;
  subject: Text;
  body: Text;
}

const Lines = Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String(), { minItems: 1 })]);
const MacroFile = Type.Object({
  $comment: Type.Optional(Type.String()),
  macros: Type.Record(
    Type.String(),
    Type.Object(
      {
        name: Type.String({ minLength: 1 }),
        subject: Type.Object({ es: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        body: Type.Object({ es: Lines, en: Lines }, { additionalProperties: false }),
      },
      { additionalProperties: false },
    ),
  ),
});

const KEY = 'backoffice.macrosFile';
const cache = new Map<string, Readonly<Record<MacroId, MacroTemplate>>>();
const joined = (lines: string | string[]) => (typeof lines === 'string' ? lines : lines.join('\n'));

/** The macros in `path`, read once per process; both macros must be there, with known placeholders. */
export function loadMacros(path: string): Readonly<Record<MacroId, MacroTemplate>> {
  const cached = cache.get(path);
  if (cached) return cached;
  const file = readConfigJson(path, MacroFile, KEY);
  const out = {} as Record<MacroId, MacroTemplate>;
  for (const id of MACRO_IDS) {
    const m = file.macros[id];
    if (!m) throw new ConfigError(KEY, `${path}: macro "${id}" is missing`);
    const template: MacroTemplate = { id, name: m.name, subject: m.subject, body: { es: joined(m.body.es), en: joined(m.body.en) } };
    for (const text of [template.subject.es, template.subject.en, template.body.es, template.body.en]) {
      for (const [, name] of text.matchAll(/\{(\w+)\}/g)) {
        if (!(MACRO_PARAMS as readonly string[]).includes(name!)) {
          throw new ConfigError(KEY, `${path}: macro "${id}" uses {${name}}; known: ${MACRO_PARAMS.map((p) => `{${p}}`).join(' ')}`);
        }
      }
    }
    out[id] = template;
  }
  cache.set(path, out);
  return out;
}

// Data goes in as plain text: a line break in a name must not reshape the email.
const clean = (value: string) => value.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();
const fill = (text: string, params: MacroParams) => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? clean(params[name as keyof MacroParams]) : whole));

/** The macro's email in `locale`, filled in for one case. */
export function renderMacro(template: MacroTemplate, locale: Locale, params: MacroParams): { subject: string; body: string } {
  return { subject: fill(template.subject[locale], params), body: fill(template.body[locale], params) };
}

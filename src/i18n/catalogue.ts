/**
 * The one message catalogue: every text a customer or an agent reads, on the web, on the
 * phone, by SMS or by email, by id with its Spanish and English wording. Each module keeps its
 * ids in its own `messages.ts`; `src/messages.ts`, beside the other registration points,
 * registers them all here, and a duplicate id stops the start. This file knows no module.
 */
export type Locale = 'es' | 'en';
export const LOCALES: readonly Locale[] = ['es', 'en'];
export interface Text {
  es: string;
  en: string;
}

const texts: Record<string, Text> = {};
const registered = new Set<string>();

/** Adds a module's texts under its name; registering the same module again changes nothing. */
export function registerMessages(domain: string, messages: Readonly<Record<string, Text>>): void {
  if (registered.has(domain)) return;
  for (const id of Object.keys(messages)) {
    if (id in texts) throw new Error(`message id "${id}" of ${domain} is defined twice`);
  }
  Object.assign(texts, messages);
  registered.add(domain);
}

/** Every registered text by id (filled by `registerMessages`). */
export const catalogue: Readonly<Record<string, Text>> = texts;

export function isLocale(value: unknown): value is Locale {
  return value === 'es' || value === 'en';
}

/** The text of `id` in `locale` with `{name}` placeholders filled; unknown ids throw. */
export function t(id: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const text = catalogue[id];
  if (!text) throw new Error(`unknown message id "${id}"`);
  return text[locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

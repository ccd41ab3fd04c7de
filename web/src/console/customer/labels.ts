import { catalogue } from '../../../../src/i18n/catalogue.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;

/** The catalogue text `prefix + key` when there is one, else the key as the server sent it. */
export function labelOf(t: Translate, prefix: string, key: unknown): string {
  const k = typeof key === 'string' || typeof key === 'number' ? String(key) : '';
  return `${prefix}${k}` in catalogue ? t(`${prefix}${k}`) : k;
}

/** What a refusal `reason` of the ways back says to a person (the server's own texts). */
export function refusalText(t: Translate, reason: string | null): string {
  if (!reason) return '';
  for (const prefix of ['unlock.error.', 'backoffice.error.']) if (`${prefix}${reason}` in catalogue) return t(`${prefix}${reason}`);
  return reason;
}

import { catalogue } from '../../../src/i18n/catalogue.ts';
import { ConsoleApiError } from './api.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;

/** Catalogue prefixes of the back office's refusals, in the order they are looked up. */
const PREFIXES = ['staff.error.', 'console.error.', 'backoffice.error.', 'playbook.error.', 'unlock.error.', 'fraud.error.'];

/**
 * What the agent reads for a refused request: the catalogue text of the server's `reason`, else
 * the server's own message (already in the page's language), else a plain "try again".
 */
export function errorText(t: Translate, err: unknown): string {
  if (!(err instanceof ConsoleApiError)) return t('console.error.network');
  if (err.reason === 'csrf') return t('error.csrf');
  for (const prefix of PREFIXES) {
    const id = `${prefix}${err.reason ?? ''}`;
    if (err.reason && id in catalogue) return t(id);
  }
  return err.message || t('console.error.generic');
}

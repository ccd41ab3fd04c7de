import { catalogue } from '../../../src/i18n/catalogue.ts';
import { BankingApiError } from './api.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;

/**
 * What the customer reads for a refused request: the catalogue text of the server's reason
 * (`banking.error.<reason>`), with the attempts left when the server gives them; a network
 * failure or an unknown refusal gets a plain "try again".
 */
export function errorText(t: Translate, err: unknown): string {
  if (!(err instanceof BankingApiError)) return t('web.bank.error.network');
  const id = err.reason ? `banking.error.${err.reason}` : undefined;
  const base = id && id in catalogue ? t(id) : err.reason === 'csrf' ? t('error.csrf') : t('web.bank.error.generic');
  const left = err.detail('attemptsLeft');
  if (err.reason !== 'invalid_code' || left === undefined) return base;
  return `${base} ${left === 1 ? t('web.bank.attemptsLeft.one') : t('web.bank.attemptsLeft', { count: left })}`;
}

/** The reason of a refusal, if it is one. */
export const reasonOf = (err: unknown): string | undefined => (err instanceof BankingApiError ? err.reason : undefined);

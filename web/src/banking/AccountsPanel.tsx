import { useEffect, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { bankingApi, type Account } from './api.ts';
import { errorText } from './errors.ts';
import { formatAmount, formatDateTime } from './format.ts';

/** The home's first panel: each account with its masked IBAN and its balance, as the bank reports it. */
export function AccountsPanel() {
  const { locale, t } = useLocale();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    bankingApi.accounts().then(
      (body) => live && setAccounts(body.accounts),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="panel bank-section" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">{t('web.bank.home.accounts')}</h2>
      {error ? (
        <p className="notice notice--error" role="alert">
          {errorText(t, error)}
        </p>
      ) : accounts === null ? (
        <p className="muted">{t('web.bank.loading')}</p>
      ) : accounts.length === 0 ? (
        <p>{t('web.bank.home.noAccounts')}</p>
      ) : (
        <ul className="bank-accounts">
          {accounts.map((account) => (
            <li key={account.id} className="bank-account">
              <div className="bank-account__who">
                <h3 className="bank-account__name">{account.name}</h3>
                <p className="bank-account__iban">
                  <span className="visually-hidden">{t('web.bank.home.iban')} </span>
                  {account.iban}
                </p>
              </div>
              <div className="bank-account__balance">
                <p className="bank-account__amount">
                  <span className="visually-hidden">{t('web.bank.home.balance')}: </span>
                  <span className={account.balance.startsWith('-') ? 'bank-account__figure bank-account__figure--negative' : 'bank-account__figure'}>{formatAmount(account.balance, account.currency, locale)}</span>
                </p>
                <p className="bank-account__at muted">{t('web.bank.home.balanceAt', { when: formatDateTime(account.balanceAt, locale) })}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

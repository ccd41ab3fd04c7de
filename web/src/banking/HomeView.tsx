import { useEffect, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { Link } from '../router/Link.tsx';
import { bankingApi, type BankingSession, type Operation } from './api.ts';
import { AccountsPanel } from './AccountsPanel.tsx';
import { errorText } from './errors.ts';
import { OperationList } from './OperationList.tsx';

/** Home: the customer's name, the read-only notice when it applies, the accounts and balances, and the operations list. */
export function HomeView({ session }: { session: BankingSession }) {
  const { t } = useLocale();
  const [operations, setOperations] = useState<Operation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    bankingApi.operations().then(
      (body) => live && setOperations(body.operations),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);
  const readOnly = session.profile === 'read_only';
  return (
    <>
      <p className="lead">{t('web.bank.home.hello', { name: session.customer.name })}</p>
      {readOnly && (
        <section className="notice notice--info bank-notice" aria-labelledby="read-only-heading">
          <h2 id="read-only-heading">{t('web.bank.home.readOnly.title')}</h2>
          <p>{t('web.bank.home.readOnly.body')}</p>
        </section>
      )}
      <AccountsPanel />
      <section className="panel bank-section" aria-labelledby="ops-heading">
        <div className="bank-section__head">
          <h2 id="ops-heading">{t('web.bank.home.operations')}</h2>
          {!readOnly && (
            <Link to="/banking/transfer" className="button">
              {t('web.bank.home.newTransfer')}
            </Link>
          )}
        </div>
        {error ? (
          <p className="notice notice--error" role="alert">
            {errorText(t, error)}
          </p>
        ) : operations === null ? (
          <p className="muted">{t('web.bank.loading')}</p>
        ) : operations.length === 0 ? (
          <p>{t('web.bank.home.none')}</p>
        ) : (
          <OperationList operations={operations} canAct={!readOnly} />
        )}
      </section>
    </>
  );
}

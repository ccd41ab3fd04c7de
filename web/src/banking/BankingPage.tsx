import { useEffect } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { navigate } from '../router/router.ts';
import { BankingFrame } from './BankingFrame.tsx';
import { errorText } from './errors.ts';
import { HomeView } from './HomeView.tsx';
import { LoginPage } from './LoginPage.tsx';
import { useBankingSession } from './session.ts';

/** `/banking`: the login page without a session, the forced change with a temporary one, else home. */
export function BankingPage() {
  const { t } = useLocale();
  const { load, reload } = useBankingSession();
  const mustChange = load.kind === 'ok' && load.session.state === 'must_change_password';
  useEffect(() => {
    if (mustChange) navigate('/banking/password', { replace: true });
  }, [mustChange]);

  if (load.kind === 'none') return <LoginPage onSignedIn={reload} />;
  if (load.kind === 'ok' && !mustChange) {
    return (
      <div className="page page--narrow bank-page">
        <BankingFrame session={load.session}>
          <PageTitle>{t('web.bank.home.title')}</PageTitle>
          <HomeView session={load.session} />
        </BankingFrame>
      </div>
    );
  }
  return (
    <div className="page page--narrow bank-page">
      <PageTitle>{t('web.face.banking.name')}</PageTitle>
      {load.kind === 'error' ? (
        <p className="notice notice--error" role="alert">
          {errorText(t, load.error)}
        </p>
      ) : (
        <p className="muted">{t('web.bank.loading')}</p>
      )}
    </div>
  );
}

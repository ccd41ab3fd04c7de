import { useEffect, type ReactNode } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { navigate } from '../router/router.ts';
import type { BankingSession } from './api.ts';
import { BankingFrame } from './BankingFrame.tsx';
import { errorText } from './errors.ts';
import { useBankingSession } from './session.ts';

interface SignedInProps {
  title: string;
  /** The forced password change and the signing of that change are open to a temporary session. */
  duringPasswordChange?: boolean;
  children: (session: BankingSession, reload: () => void) => ReactNode;
}

/**
 * A page for signed-in customers: without a session it goes to the login page, with a temporary
 * password to the forced change; otherwise the banking bar and the page.
 */
export function SignedIn({ title, duringPasswordChange = false, children }: SignedInProps) {
  const { t } = useLocale();
  const { load, reload } = useBankingSession();
  const mustChange = load.kind === 'ok' && load.session.state === 'must_change_password' && !duringPasswordChange;

  useEffect(() => {
    if (load.kind === 'none') navigate('/banking', { replace: true });
    else if (mustChange) navigate('/banking/password', { replace: true });
  }, [load.kind, mustChange]);

  return (
    <div className="page page--narrow bank-page">
      {load.kind === 'ok' && !mustChange ? (
        <BankingFrame session={load.session}>
          <PageTitle>{title}</PageTitle>
          {children(load.session, reload)}
        </BankingFrame>
      ) : (
        <>
          <PageTitle>{title}</PageTitle>
          {load.kind === 'error' ? (
            <p className="notice notice--error" role="alert">
              {errorText(t, load.error)}
            </p>
          ) : (
            <p className="muted">{t('web.bank.loading')}</p>
          )}
        </>
      )}
    </div>
  );
}

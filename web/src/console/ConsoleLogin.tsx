import { useEffect, useState, type FormEvent } from 'react';
import { Field, FormError } from '../banking/Field.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { consoleApi, type AuthMethods } from './api.ts';
import { useAction } from './useAction.ts';

/** The refusals single sign-on sends back in `?signin_error=` (each has its text `staff.error.<reason>`). */
const SIGNIN_ERRORS = new Set(['oidc_off', 'oidc_unavailable', 'oidc_failed', 'oidc_expired', 'oidc_no_role', 'oidc_no_office', 'oidc_disabled']);

/** The refusal the provider's callback left in the address, read once and taken out of it. */
function takeSigninError(): string | null {
  const url = new URL(window.location.href);
  const reason = url.searchParams.get('signin_error');
  if (reason === null) return null;
  url.searchParams.delete('signin_error');
  window.history.replaceState(window.history.state, '', url);
  return SIGNIN_ERRORS.has(reason) ? `staff.error.${reason}` : 'staff.error.oidc_failed';
}

/**
 * The staff sign-in: the bank's identity provider when single sign-on is on, and the user name
 * and password unless local accounts are turned off; the server locks an account after 10 failures.
 */
export function ConsoleLogin({ ended, onSignedIn }: { ended: boolean; onSignedIn: () => void }) {
  const { t } = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [methods, setMethods] = useState<AuthMethods | null>(null);
  const [signinError] = useState(takeSigninError);
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    let live = true;
    consoleApi.authMethods().then(
      (m) => live && setMethods(m),
      // Unknown: offer the password form; the server still decides.
      () => live && setMethods({ localLogin: true, oidc: { enabled: false, label: null } }),
    );
    return () => {
      live = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (!username.trim() || !password) {
      setError(t('console.error.invalid_credentials'));
      return;
    }
    if (await run(() => consoleApi.login(username.trim(), password))) onSignedIn();
    else setPassword('');
  };

  const sso = methods?.oidc.enabled === true;
  return (
    <div className="page page--narrow console-login">
      <PageTitle>{t('console.login.title')}</PageTitle>
      {ended && (
        <p className="notice notice--info" role="status">
          {t('console.login.ended')}
        </p>
      )}
      {signinError && (
        <p className="notice notice--error" role="alert">
          {t(signinError)}
        </p>
      )}
      {sso && (
        <div className="panel bank-form console-login__sso">
          <p className="lead">{t('console.login.ssoLead')}</p>
          <div className="bank-actions">
            {/* A full-page navigation: the server redirects to the provider. */}
            <a className="button" href="/api/staff/oidc/start">
              {methods.oidc.label ?? t('console.login.sso')}
            </a>
          </div>
        </div>
      )}
      {methods?.localLogin && (
        <form className="panel bank-form" onSubmit={(e) => void submit(e)} noValidate>
          <p className="lead">{t(sso ? 'console.login.or' : 'console.login.lead')}</p>
          <Field id="staff-user" label={t('console.login.username')} value={username} autoComplete="username" spellCheck={false} required
            onChange={(e) => setUsername(e.target.value)} />
          <Field id="staff-password" label={t('console.login.password')} type="password" value={password} autoComplete="current-password" required
            onChange={(e) => setPassword(e.target.value)} />
          <FormError message={error} />
          <div className="bank-actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('console.login.busy') : t('console.login.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

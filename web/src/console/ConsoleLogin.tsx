import { useState, type FormEvent } from 'react';
import { Field, FormError } from '../banking/Field.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { consoleApi } from './api.ts';
import { useAction } from './useAction.ts';

/** The staff sign-in: user name and password; the server locks an account after 10 failures. */
export function ConsoleLogin({ ended, onSignedIn }: { ended: boolean; onSignedIn: () => void }) {
  const { t } = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction();

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

  return (
    <div className="page page--narrow console-login">
      <PageTitle>{t('console.login.title')}</PageTitle>
      {ended && (
        <p className="notice notice--info" role="status">
          {t('console.login.ended')}
        </p>
      )}
      <form className="panel bank-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="lead">{t('console.login.lead')}</p>
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
    </div>
  );
}

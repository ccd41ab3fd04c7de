import { useEffect, useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { Link } from '../router/Link.tsx';
import { navigate } from '../router/router.ts';
import { bankingApi } from './api.ts';
import { errorText, reasonOf } from './errors.ts';
import { Field, FormError } from './Field.tsx';
import { clearNotice, currentNotice, type Notice } from './session.ts';

/** Reasons after which the way to new credentials is worth a prominent link. */
const RECOVERABLE = new Set(['access_blocked', 'temporary_expired']);

/** "Acceso a Banca a Distancia": user code and password, and the way back when they are lost (seed 001). */
export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useLocale();
  const [notice] = useState<Notice | null>(currentNotice);
  useEffect(clearNotice, []);
  const [userCode, setUserCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ text: string; reason: string | undefined } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (!userCode.trim() || !password) {
      setError({ text: t('banking.error.invalid_credentials'), reason: 'invalid_credentials' });
      return;
    }
    setBusy(true);
    try {
      const result = await bankingApi.login(userCode.trim(), password);
      if (result.state === 'must_change_password') navigate('/banking/password');
      else onSignedIn();
    } catch (err) {
      setPassword('');
      setError({ text: errorText(t, err), reason: reasonOf(err) });
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow bank-page">
      <PageTitle>{t('web.bank.login.title')}</PageTitle>
      {notice && (
        <p className="notice notice--info bank-notice" role="status">
          {notice.kind === 'expired'
            ? notice.minutes === 1
              ? t('web.bank.notice.expiredOne')
              : t('web.bank.notice.expired', { minutes: notice.minutes })
            : notice.kind === 'loggedOut'
              ? t('web.bank.notice.loggedOut')
              : t('web.bank.notice.ended')}
        </p>
      )}
      <form className="panel bank-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="lead">{t('web.bank.login.lead')}</p>
        <Field id="bank-user" label={t('web.bank.login.userCode')} value={userCode} autoComplete="username" autoCapitalize="characters"
          spellCheck={false} required onChange={(e) => setUserCode(e.target.value)} />
        <Field id="bank-password" label={t('web.bank.login.password')} type="password" value={password} autoComplete="current-password"
          required onChange={(e) => setPassword(e.target.value)} />
        <FormError message={error?.text ?? null} />
        {error?.reason && RECOVERABLE.has(error.reason) && (
          <p>
            <Link to="/recovery">{t('web.bank.login.recoveryLink')}</Link>
          </p>
        )}
        <div className="bank-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('web.bank.login.busy') : t('web.bank.login.submit')}
          </button>
        </div>
      </form>
      <p className="bank-recovery">
        <Link to="/recovery">{t('web.bank.login.recovery')}</Link>
      </p>
      <p className="muted">{t('web.bank.login.phone')}</p>
    </div>
  );
}

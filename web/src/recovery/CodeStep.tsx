import { useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { intlTag } from '../i18n/locale.ts';
import { recoveryApi, RecoveryError, type ConfirmAnswer } from './api.ts';
import { Field, FormError } from './Field.tsx';
import { StepHeading } from './StepHeading.tsx';
import { useMessage } from './useMessage.ts';
import { errorMessage, type Message } from './view.ts';

/** Step 2 "Confirmación": the code sent by SMS, with a way to ask for another one. */
export function CodeStep({ expiresAt, onAnswer, onEnd }: { expiresAt: string; onAnswer(answer: ConfirmAnswer): void; onEnd(err: RecoveryError): boolean }) {
  const { locale, t } = useLocale();
  const render = useMessage();
  const [code, setCode] = useState('');
  const [error, setError] = useState<Message | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const until = new Date(expiresAt).toLocaleTimeString(intlTag(locale), { hour: '2-digit', minute: '2-digit' });

  const fail = (err: unknown) => {
    if (!(err instanceof RecoveryError)) throw err;
    if (onEnd(err)) return;
    setError(errorMessage(err));
    setLeft(err.attemptsLeft ?? null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    if (!/^\d{4,10}$/.test(code.replace(/\s/g, ''))) {
      setError({ id: 'recovery.error.code_format' });
      setLeft(null);
      document.getElementById('recovery-code')?.focus();
      return;
    }
    setSending(true);
    try {
      onAnswer(await recoveryApi.confirm(locale, code));
    } catch (err) {
      fail(err);
      setCode('');
      document.getElementById('recovery-code')?.focus();
    } finally {
      setSending(false);
    }
  };

  const resend = async () => {
    setError(null);
    setNotice(null);
    try {
      await recoveryApi.resend(locale);
      setNotice(t('recovery.code.resent'));
    } catch (err) {
      fail(err);
    }
  };

  const leftText = left === null ? '' : left === 1 ? t('recovery.code.attemptsLeft.one') : t('recovery.code.attemptsLeft', { n: left });
  return (
    <section aria-labelledby="recovery-step-heading">
      <StepHeading>{t('recovery.code.heading')}</StepHeading>
      <p>{t('recovery.code.intro')}</p>
      <p className="muted">{t('recovery.code.until', { time: until })}</p>
      <form className="recovery-form" onSubmit={submit} noValidate>
        <Field id="recovery-code" label={t('recovery.field.code')} hint={t('recovery.hint.code')} value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" required maxLength={12} aria-invalid={error ? true : undefined} />
        {error && (
          <FormError>
            {render(error)} {leftText}
          </FormError>
        )}
        <p className="recovery-notice" aria-live="polite">
          {notice}
        </p>
        <div className="recovery-actions">
          <button type="submit" className="button" disabled={sending} aria-disabled={sending}>
            {sending ? t('recovery.sending') : t('recovery.code.submit')}
          </button>
          <button type="button" className="button button--quiet" onClick={resend}>
            {t('recovery.code.resend')}
          </button>
        </div>
      </form>
    </section>
  );
}

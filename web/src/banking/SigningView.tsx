import { useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { bankingApi, type BankingSession, type Operation } from './api.ts';
import { CodeForm } from './CodeForm.tsx';
import { errorText, reasonOf } from './errors.ts';
import { OperationDetails } from './OperationDetails.tsx';

/** The unlock line of seed 000, which also reads out the signing code (IVR branch 3.2). */
export const UNLOCK_LINE = '950 183 313';

interface Props {
  operation: Operation;
  session: BankingSession;
  note: string | null;
  onChange: (operation: Operation, note?: string | null) => void;
  onStale: () => void;
}

/** "Gestión de claves" (seed 001, step 6): the operation's data, the SMS code, and the phone fallback. */
export function SigningView({ operation, session, note, onChange, onStale }: Props) {
  const { t } = useLocale();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(note ? { text: note, error: false } : null);
  const ending = operation.mobileEnding ?? session.mobileEnding;

  const sign = async (code: string) => {
    setMessage(null);
    try {
      const { operation: signed } = await bankingApi.sign(operation.reference, code);
      onChange(signed);
    } catch (err) {
      if (reasonOf(err) === 'wrong_status') onStale();
      throw err;
    }
  };
  const cancel = async () => {
    setMessage(null);
    try {
      await bankingApi.cancel(operation.reference);
      onChange({ ...operation, status: 'cancelled' });
    } catch (err) {
      setMessage({ text: errorText(t, err), error: true });
    }
  };
  const resend = async () => {
    setMessage(null);
    try {
      await bankingApi.resend(operation.reference);
      setMessage({ text: t('web.bank.sign.resent', { ending: ending ?? '' }), error: false });
    } catch (err) {
      setMessage({ text: errorText(t, err), error: true });
    }
  };

  return (
    <>
      <p className="lead">{t('web.bank.sign.lead')}</p>
      <OperationDetails operation={operation} />
      <section className="panel bank-sign">
        <CodeForm
          id="sign-code"
          label={`${t('web.bank.sign.code')}:`}
          prompt={ending ? t('web.bank.sign.prompt', { ending }) : t('web.bank.sign.noMobile', { phone: UNLOCK_LINE, reference: operation.reference })}
          submitLabel={t('web.bank.sign.accept')}
          onSubmit={sign}
          extraActions={
            <button type="button" className="button button--quiet" onClick={() => void cancel()}>
              {t('web.bank.sign.cancel')}
            </button>
          }
        />
        {message && (
          <p className={`notice ${message.error ? 'notice--error' : 'notice--info'} bank-message`} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        {ending && (
          <p>
            <button type="button" className="bank-linkish" onClick={() => void resend()}>
              {t('web.bank.sign.resend')}
            </button>
          </p>
        )}
        <p className="bank-fallback">{t('web.bank.sign.fallback', { phone: UNLOCK_LINE, reference: operation.reference })}</p>
      </section>
    </>
  );
}

import { useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { bankingApi, type Operation } from './api.ts';
import { CodeForm } from './CodeForm.tsx';
import { errorText, reasonOf } from './errors.ts';
import { OperationDetails } from './OperationDetails.tsx';
import { UNLOCK_LINE } from './SigningView.tsx';

interface Props {
  operation: Operation;
  onChange: (operation: Operation, note?: string | null) => void;
  onStale: () => void;
}

/**
 * A held operation: its 8-digit reference, how to get the unlock code (IVR branch 2 of the
 * unlock line) and the field to enter it; released, it goes on to "Gestión de claves".
 */
export function HeldView({ operation, onChange, onStale }: Props) {
  const { t } = useLocale();
  const [error, setError] = useState<string | null>(null);
  const unlock = async (code: string) => {
    try {
      const { operation: released } = await bankingApi.unlock(operation.reference, code);
      onChange(released, t('web.bank.held.released'));
    } catch (err) {
      if (reasonOf(err) === 'wrong_status') onStale();
      throw err;
    }
  };
  const cancel = async () => {
    setError(null);
    try {
      await bankingApi.cancel(operation.reference);
      onChange({ ...operation, status: 'cancelled' });
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <>
      <p className="lead">{t('web.bank.held.lead', { reference: operation.reference })}</p>
      <p className="bank-held-ref" aria-hidden="true">{operation.reference}</p>
      <OperationDetails operation={operation} />
      <section className="panel bank-sign">
        <p>{t('web.bank.held.howTo', { phone: UNLOCK_LINE, reference: operation.reference })}</p>
        <CodeForm
          id="unlock-code"
          label={t('web.bank.held.code')}
          submitLabel={t('web.bank.held.submit')}
          onSubmit={unlock}
          extraActions={
            <button type="button" className="button button--quiet" onClick={() => void cancel()}>
              {t('web.bank.sign.cancel')}
            </button>
          }
        />
        {error && <p className="notice notice--error" role="alert">{error}</p>}
        <p className="muted">{t('web.bank.held.notYou')}</p>
      </section>
    </>
  );
}

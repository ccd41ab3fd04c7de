import { useState, type FormEvent } from 'react';
import { FormError } from '../../banking/Field.tsx';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { useAction } from '../useAction.ts';
import { customerApi } from './api.ts';

/** A supervisor reopens a closed case, saying why: back to in progress, on the timeline and in the audit log. */
export function ReopenCase({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useLocale();
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError(t('console.reopen.reasonRequired'));
    if (await run(() => customerApi.reopen(caseId, reason.trim()))) {
      setReason('');
      onDone();
    }
  };
  return (
    <section className="panel" aria-labelledby="reopen-title">
      <h2 id="reopen-title">{t('console.reopen.title')}</h2>
      <form className="console-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="reopen-reason">{t('console.reopen.reason')}</label>
          <textarea id="reopen-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <FormError message={error} />
        <button type="submit" className="button" disabled={busy}>
          {t('console.reopen.submit')}
        </button>
      </form>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';

/**
 * A supervisor's "give it to someone else" (a case or a fraud task): a staff user name, or empty
 * to put it back in its queue unowned. `onReassign` answers whether the server took it.
 */
export function ReassignForm({ idPrefix, busy, onReassign }: { idPrefix: string; busy: boolean; onReassign: (to: string | null) => Promise<boolean> }) {
  const { t } = useLocale();
  const [to, setTo] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await onReassign(to.trim() || null)) setTo('');
  };
  return (
    <form className="console-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={`${idPrefix}-to`}>{t('console.owner.reassignTo')}</label>
        <input id={`${idPrefix}-to`} value={to} autoComplete="off" spellCheck={false} onChange={(e) => setTo(e.target.value)} aria-describedby={`${idPrefix}-hint`} />
        <p className="field__hint" id={`${idPrefix}-hint`}>
          {t('console.owner.reassignHint')}
        </p>
      </div>
      <button type="submit" className="button button--quiet" disabled={busy}>
        {t('console.owner.reassign')}
      </button>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { consoleApi, type CaseDetail, type StaffMember } from './api.ts';
import { CategoryPicker } from './CategoryPicker.tsx';
import { CloseForm } from './CloseForm.tsx';
import { FormError } from '../banking/Field.tsx';
import { useAction } from './useAction.ts';

const OPEN_STATUSES = ['in_progress', 'pending_customer'] as const;

/**
 * Working the case by hand (taking it is `CaseOwner.tsx`): change its status ("Pendiente de
 * cliente" with its field), categorise it, comment, and close it with the closing comments and its
 * category (`CloseForm.tsx`). A branch user works the cases of its office's queue the same way
 * (the server checks the queue on every change).
 */
export function CaseWork({ detail, staff, onChange }: { detail: CaseDetail; staff: StaffMember; onChange: () => void }) {
  const { t } = useLocale();
  const c = detail.case;
  const closed = c.status === 'closed';
  const [status, setStatus] = useState<string>(c.status === 'new' ? 'in_progress' : c.status);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [done, setDone] = useState('');
  const { busy, error, setError, run: act } = useAction();

  /** After any answer the case is read again: a refusal such as `stale_version` means it changed meanwhile. */
  const run = async (fn: () => Promise<unknown>, message: string) => {
    const ok = await act(fn);
    setDone(ok ? message : '');
    onChange();
    return ok;
  };
  const changeStatus = async (e: FormEvent) => {
    e.preventDefault();
    if (status === 'pending_customer' && !reason.trim()) {
      setError(t('backoffice.error.pending_reason_required'));
      return;
    }
    if (await run(() => consoleApi.patch(c.id, { status, ...(status === 'pending_customer' ? { pendingReason: reason.trim() } : {}), version: c.version }), t('console.work.statusDone'))) setReason('');
  };
  const addComment = async (e: FormEvent) => {
    e.preventDefault();
    if (!comment.trim()) return;
    if (await run(() => consoleApi.comment(c.id, comment.trim()), t('console.work.commentDone'))) setComment('');
  };

  // The fraud team reads cases; it works its own tasks (`fraud/`).
  if (staff.role === 'fraud') return null;
  return (
    <section className="panel console-work" aria-labelledby="work-title">
      <h2 id="work-title" tabIndex={-1}>
        {t('console.work.title')}
      </h2>
      <p role="status" className="muted">
        {done}
      </p>
      <FormError message={error} />
      {!closed && (
        <form className="console-form" onSubmit={(e) => void changeStatus(e)} noValidate>
          <h3>{t('console.work.status')}</h3>
          <div className="field">
            <label htmlFor="work-status">{t('console.case.status')}</label>
            <select id="work-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              {OPEN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`backoffice.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {status === 'pending_customer' && (
            <div className="field">
              <label htmlFor="work-pending">{t('console.case.pendingReason')}</label>
              <input id="work-pending" value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
          <button type="submit" className="button" disabled={busy}>
            {t('console.work.statusSave')}
          </button>
        </form>
      )}
      {!closed && <CategoryPicker caseId={c.id} current={c.category} version={c.version} onDone={onChange} />}
      <form className="console-form" onSubmit={(e) => void addComment(e)} noValidate>
        <div className="field">
          <label htmlFor="case-comment">{t('console.work.comment')}</label>
          <textarea id="case-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} aria-keyshortcuts="c" />
        </div>
        <button type="submit" className="button" disabled={busy || !comment.trim()}>
          {t('console.work.commentAdd')}
        </button>
      </form>
      {!closed && (
        <CloseForm
          detail={detail}
          onDone={(message) => {
            setDone(message);
            onChange();
          }}
        />
      )}
    </section>
  );
}

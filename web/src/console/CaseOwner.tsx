import '../styles/console-work.css';
import { useMemo, useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { FormError } from '../banking/Field.tsx';
import { consoleApi, type CaseDetail, type StaffMember } from './api.ts';
import { actorName } from './format.ts';
import { ReassignForm } from './ReassignForm.tsx';
import { useShortcuts } from './shortcuts.ts';
import { useAction } from './useAction.ts';

/**
 * Who works the case (issue 13: "a case being worked is locked to its owner"). Nobody's case:
 * *Asignármelo* (key `a`); another person's: who has it, and *Tomar el caso* with an optional
 * reason (recorded on the timeline and in the audit); a supervisor or an admin may also give it
 * to someone else. The fraud team only reads who has it.
 */
export function CaseOwner({ detail, staff, onChange }: { detail: CaseDetail; staff: StaffMember; onChange: () => void }) {
  const { t } = useLocale();
  const c = detail.case;
  const me = `staff:${staff.id}`;
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const { busy, error, run } = useAction();
  const works = staff.role !== 'fraud' && c.status !== 'closed';
  const supervises = staff.role === 'supervisor' || staff.role === 'admin';

  const act = async (fn: () => Promise<unknown>, message: string) => {
    const ok = await run(fn);
    setDone(ok ? message : '');
    onChange();
    return ok;
  };
  const take = () => void act(() => consoleApi.take(c.id), t('console.work.takeDone'));
  // `a` takes the case on screen when nobody has it.
  const canTake = works && c.owner === null;
  const keys = useMemo((): Record<string, () => void> => (canTake ? { a: take } : {}), [canTake, c.id]);
  useShortcuts(keys);

  const takeover = async (e: FormEvent) => {
    e.preventDefault();
    if (await act(() => consoleApi.takeover(c.id, reason.trim() || undefined), t('console.owner.takenOver'))) setReason('');
  };

  const state = c.owner === null ? 'none' : c.owner === me ? 'mine' : 'other';
  return (
    <section className={`panel console-owner console-owner--${state}`} aria-labelledby="owner-title">
      <h2 id="owner-title">{t('console.owner.title')}</h2>
      <p>{state === 'none' ? t('console.owner.none') : state === 'mine' ? t('console.owner.mine') : t('console.owner.other', { owner: actorName(c.owner) })}</p>
      <p role="status" className="muted">
        {done}
      </p>
      <FormError message={error} />
      {works && state === 'none' && (
        <button type="button" className="button" disabled={busy} onClick={take} aria-keyshortcuts="a">
          {t('console.work.take')}
        </button>
      )}
      {works && state === 'other' && (
        <form className="console-form console-form--inline" onSubmit={(e) => void takeover(e)} noValidate>
          <p className="field__hint">{t('console.owner.lockRule')}</p>
          <div className="field">
            <label htmlFor="takeover-reason">{t('console.owner.reason')}</label>
            <input id="takeover-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('console.owner.takeover')}
          </button>
        </form>
      )}
      {works && supervises && <ReassignForm idPrefix="reassign" busy={busy} onReassign={(to) => act(() => consoleApi.patch(c.id, { owner: to, version: c.version }), t('console.owner.reassigned'))} />}
    </section>
  );
}

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { catalogue } from '../../../../src/i18n/catalogue.ts';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { FormError } from '../../banking/Field.tsx';
import { Link } from '../../router/Link.tsx';
import type { StaffMember } from '../api.ts';
import { actorName, dateTime } from '../format.ts';
import { ReassignForm } from '../ReassignForm.tsx';
import { useAction } from '../useAction.ts';
import { FRAUD_RESULTS, fraudApi, type FraudTaskDetail } from './api.ts';
import { Fact } from '../Fact.tsx';
import { Situation } from '../words.tsx';

interface Props {
  id: string;
  staff: StaffMember;
  /** Bumped when something changed: the task is read again. */
  round: number;
  onChange: () => void;
}

/**
 * One fraud task: what started it, who has it, its own timeline; take it (or take it over, with
 * a reason), write notes, close it with a result and a closing note. Every button answers with
 * the server's refusal in words when another analyst has it.
 */
export function FraudTaskPanel({ id, staff, round, onChange }: Props) {
  const { t, locale } = useLocale();
  const [detail, setShown] = useState<FraudTaskDetail | null>(null);
  // Reads and actions overlap (a live event reloads the task while a close is on its way): only
  // the answer to the latest request started is shown, so an older read never hides a newer close.
  const latest = useRef(0);
  const fetchLatest = useCallback(async (fn: () => Promise<FraudTaskDetail>) => {
    const mine = ++latest.current;
    const answer = await fn();
    if (mine === latest.current) setShown(answer);
  }, []);
  const [note, setNote] = useState('');
  const [result, setResult] = useState('');
  const [closing, setClosing] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    void run(() => fetchLatest(() => fraudApi.detail(id)));
  }, [id, round, run, fetchLatest]);

  if (!detail) {
    return (
      <section className="panel fraud-task" aria-labelledby="fraud-task-title">
        <h2 id="fraud-task-title">{t('console.fraud.task')}</h2>
        {error ? <FormError message={error} /> : <p className="muted">{t('console.loading')}</p>}
      </section>
    );
  }
  const task = detail.task;
  const me = `staff:${staff.id}`;
  const closed = task.status === 'closed';
  const other = task.owner !== null && task.owner !== me;

  const act = async (fn: () => Promise<FraudTaskDetail>, message: string) => {
    const ok = await run(() => fetchLatest(fn));
    setDone(ok ? message : '');
    if (ok) onChange();
    return ok;
  };
  const addNote = async (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) return setError(t('fraud.error.note_required'));
    if (await act(() => fraudApi.note(task.id, note.trim()), t('console.fraud.noted'))) setNote('');
  };
  const close = async (e: FormEvent) => {
    e.preventDefault();
    if (!result) return setError(t('console.fraud.chooseResult'));
    if (!closing.trim()) return setError(t('fraud.error.closing_note_required'));
    if (await act(() => fraudApi.close(task.id, result, closing.trim()), t('console.fraud.closed'))) setClosing('');
  };
  const takeover = async (e: FormEvent) => {
    e.preventDefault();
    if (await act(() => fraudApi.take(task.id, true, reason.trim() || undefined), t('console.fraud.takenOver'))) setReason('');
  };

  return (
    <section className="panel fraud-task" aria-labelledby="fraud-task-title">
      <h2 id="fraud-task-title">{t('console.fraud.taskHeading', { number: task.case.number, name: task.customer.name })}</h2>
      <dl className="console-facts">
        <Fact label={t('console.fraud.kind')}>{t(`fraud.kind.${task.kind}`)}</Fact>
        <Fact label={t('console.fraud.status')}>
          <span className={`fraud-status fraud-status--${task.status}`}>{t(`fraud.status.${task.status}`)}</span>
        </Fact>
        <Fact label={t('console.case.owner')}>{actorName(task.owner)}</Fact>
        <Fact label={t('console.fraud.case')}>
          <Link to={`/console/case?id=${task.case.id}`}>{t('console.case.ref', { number: task.case.number })}</Link> ({t(`backoffice.status.${task.case.status}`)})
        </Fact>
        {task.case.situation && (
          <Fact label={t('console.case.situation')}>
            <Situation situation={task.case.situation} />
          </Fact>
        )}
        <Fact label={t('console.fraud.opened')}>
          {dateTime(task.createdAt, locale)} · {actorName(task.createdBy)}
        </Fact>
        <Fact label={t('console.fraud.startNote')}>{task.note}</Fact>
        {task.result && <Fact label={t('console.fraud.result')}>{t(`fraud.result.${task.result}`)}</Fact>}
        {task.closingNote && <Fact label={t('console.fraud.closingNote')}>{task.closingNote}</Fact>}
      </dl>
      <p role="status" className="muted">
        {done}
      </p>
      <FormError message={error} />
      {!closed && task.owner === null && (
        <button type="button" className="button" disabled={busy} onClick={() => void act(() => fraudApi.take(task.id), t('console.fraud.taken'))}>
          {t('console.fraud.take')}
        </button>
      )}
      {!closed && other && (
        <form className="console-form" onSubmit={(e) => void takeover(e)} noValidate>
          <p className="notice notice--info">{t('console.fraud.lockedBy', { owner: actorName(task.owner) })}</p>
          <div className="field">
            <label htmlFor="fraud-takeover-reason">{t('console.owner.reason')}</label>
            <input id="fraud-takeover-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('console.fraud.takeover')}
          </button>
        </form>
      )}
      {!closed && (staff.role === 'supervisor' || staff.role === 'admin') && (
        <ReassignForm idPrefix="fraud-reassign" busy={busy} onReassign={(to) => act(() => fraudApi.assign(task.id, to), t('console.owner.reassigned'))} />
      )}
      <form className="console-form" onSubmit={(e) => void addNote(e)} noValidate>
        <div className="field">
          <label htmlFor="fraud-note">{t('console.fraud.note')}</label>
          <textarea id="fraud-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={busy || !note.trim()}>
          {t('console.fraud.addNote')}
        </button>
      </form>
      {!closed && (
        <form className="console-form" onSubmit={(e) => void close(e)} noValidate>
          <h3>{t('console.fraud.closeTitle')}</h3>
          <div className="field">
            <label htmlFor="fraud-result">{t('console.fraud.result')}</label>
            <select id="fraud-result" value={result} onChange={(e) => setResult(e.target.value)}>
              <option value="">{t('console.contact.choose')}</option>
              {FRAUD_RESULTS.map((r) => (
                <option key={r} value={r}>
                  {t(`fraud.result.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="fraud-closing">{t('console.fraud.closingNote')}</label>
            <textarea id="fraud-closing" rows={3} value={closing} onChange={(e) => setClosing(e.target.value)} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('console.fraud.close')}
          </button>
        </form>
      )}
      <h3 id="fraud-timeline-title">{t('console.fraud.timeline')}</h3>
      <ol className="console-list fraud-timeline" aria-labelledby="fraud-timeline-title">
        {detail.timeline.map((e) => (
          <li key={e.id}>
            <p>
              <strong>{eventLabel(t, e.type)}</strong> · {dateTime(e.at, locale)} · {actorName(e.actor)}
            </p>
            {eventText(t, e.data) && <p className="console-timeline__detail">{eventText(t, e.data)}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

type Translate = (id: string, params?: Record<string, string | number>) => string;
const eventLabel = (t: Translate, type: string) => (`fraud.event.${type}` in catalogue ? t(`fraud.event.${type}`) : type);

/** The line worth reading of a task event: a note's text, a result and its note, whom it was taken from. */
function eventText(t: Translate, d: Record<string, unknown>): string {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  if (typeof d.result === 'string') return `${t(`fraud.result.${d.result}`)} · ${s(d.note)}`;
  if (typeof d.text === 'string') return d.text;
  if (typeof d.from === 'string') return `${actorName(d.from)}${d.reason ? ` · ${s(d.reason)}` : ''}`;
  if ('to' in d) return actorName(typeof d.to === 'string' ? d.to : null);
  return '';
}

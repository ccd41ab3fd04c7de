import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { PageTitle } from '../../layout/PageTitle.tsx';
import { Link } from '../../router/Link.tsx';
import type { StaffMember } from '../api.ts';
import { ConsoleFrame } from '../ConsoleFrame.tsx';
import { useConsoleEvents } from '../events.ts';
import { actorName, dateTime } from '../format.ts';
import { inboxApi, type InboxTarget, type MentionView } from './api.ts';
import { SlaNotices } from '../supervisor/SlaNotices.tsx';
import { LiveNotes } from '../supervisor/parts.tsx';
import { seesSupervision } from '../supervisor/labels.ts';

/**
 * The mentions inbox: a branch user's office by default (seed 002: "hacemos mention a la oficina
 * gestora del cliente… para su conocimiento y gestión"), or the inbox of one of its managers;
 * new mentions arrive over the console's live events without a reload.
 */
export function InboxPage() {
  return <ConsoleFrame>{(staff) => <InboxView staff={staff} />}</ConsoleFrame>;
}

function InboxView({ staff }: { staff: StaffMember }) {
  const { t, locale } = useLocale();
  const initial: InboxTarget | null = staff.officeCode ? { kind: 'office', id: staff.officeCode } : null;
  const [target, setTarget] = useState<InboxTarget | null>(initial);
  const [form, setForm] = useState<InboxTarget>(initial ?? { kind: 'office', id: '' });
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [mentions, setMentions] = useState<MentionView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [news, setNews] = useState('');

  const load = useCallback(async () => {
    if (!target) return;
    try {
      const res = await inboxApi.list(target, unreadOnly);
      setMentions(res.mentions);
      setError(null);
    } catch (err) {
      setMentions(null);
      setError(err);
    }
  }, [target, unreadOnly]);

  useEffect(() => {
    void load();
  }, [load, locale]);

  useConsoleEvents({
    onMention: (e) => {
      if (!target || e.targetKind !== target.kind || e.targetId !== target.id) return;
      setNews(t('console.inbox.arrived'));
      void load();
    },
  });

  const show = (event: FormEvent) => {
    event.preventDefault();
    const id = form.id.trim();
    setNews('');
    setTarget(id ? { kind: form.kind, id } : null);
  };

  const markRead = async (id: string) => {
    try {
      const read = await inboxApi.markRead(id);
      setMentions((list) => (list ?? []).flatMap((m) => (m.id !== id ? [m] : unreadOnly ? [] : [read])));
    } catch (err) {
      setError(err);
    }
  };

  const unread = (mentions ?? []).filter((m) => m.readAt === null).length;
  return (
    <div className="side-page">
      <PageTitle>{t('console.inbox.title')}</PageTitle>
      <p className="lead">{t('console.inbox.lead')}</p>
      {seesSupervision(staff) && <SlaNotices />}
      <form className="panel side-search inbox-target" onSubmit={show}>
        <fieldset className="inbox-kind">
          <legend>{t('console.inbox.target')}</legend>
          {(['office', 'manager'] as const).map((kind) => (
            <label key={kind}>
              <input type="radio" name="inbox-kind" checked={form.kind === kind} onChange={() => setForm({ ...form, kind })} /> {t(`console.inbox.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="inbox-id">{t(`console.inbox.code.${form.kind}`)}</label>
          <input id="inbox-id" value={form.id} autoComplete="off" spellCheck={false} onChange={(e) => setForm({ ...form, id: e.target.value })} />
        </div>
        <label className="side-check">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          {t('console.inbox.unread')}
        </label>
        <button type="submit" className="button">
          {t('console.inbox.show')}
        </button>
      </form>
      <LiveNotes news={news} error={error} />
      {!target && <p className="muted">{t('console.inbox.chooseTarget')}</p>}
      {target && mentions && (
        <section aria-labelledby="inbox-of">
          <h2 id="inbox-of">{t(`console.inbox.of.${target.kind}`, { id: target.id })}</h2>
          <p className="muted">{t('console.inbox.count', { count: mentions.length, unread })}</p>
          {mentions.length === 0 ? (
            <p>{t('console.inbox.none')}</p>
          ) : (
            <ul className="inbox-list">
              {mentions.map((m) => (
                <li key={m.id} className={`inbox-item${m.readAt === null ? ' inbox-item--unread' : ''}`}>
                  <div className="inbox-item__head">
                    <Link to={`/console/case?id=${encodeURIComponent(m.caseId)}`}>{t('console.inbox.case', { number: m.caseNumber ?? '—' })}</Link>
                    {m.readAt === null ? (
                      <span className="side-badge side-badge--new">{t('console.inbox.new')}</span>
                    ) : (
                      <span className="muted">{t('console.inbox.readAt', { date: dateTime(m.readAt, locale) })}</span>
                    )}
                  </div>
                  <p className="muted">{t('console.inbox.from', { who: actorName(m.createdBy), date: dateTime(m.createdAt, locale) })}</p>
                  <p className="inbox-item__text">{m.text}</p>
                  {m.readAt === null && (
                    <button type="button" className="button button--quiet" onClick={() => void markRead(m.id)}>
                      {t('console.inbox.markRead')}
                      <span className="visually-hidden"> · {t('console.inbox.case', { number: m.caseNumber ?? '—' })}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

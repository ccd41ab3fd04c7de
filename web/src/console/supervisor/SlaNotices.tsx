import './supervisor.css';
import { useCallback, useEffect, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { Link } from '../../router/Link.tsx';
import { useConsoleEvents } from '../events.ts';
import { actorName, dateTime } from '../format.ts';
import { supervisorApi, type SlaNotice } from './api.ts';
import { priorityName } from './labels.ts';
import { LiveNotes } from './parts.tsx';

/**
 * The SLA breach notices in the supervisors' inbox (issue 15 §1): one per case and milestone,
 * written once by the server's breach watch, newest first. A new one arrives over the console's
 * live events; marking one read marks it for every supervisor.
 */
export function SlaNotices() {
  const { t, locale } = useLocale();
  const [unreadOnly, setUnreadOnly] = useState(true);
  const [notices, setNotices] = useState<SlaNotice[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [news, setNews] = useState('');

  const load = useCallback(async () => {
    try {
      setNotices((await supervisorApi.notices(unreadOnly)).notices);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [unreadOnly]);
  useEffect(() => {
    void load();
  }, [load, locale]);
  useConsoleEvents({
    onSla: () => {
      setNews(t('console.slaNotices.arrived'));
      void load();
    },
  });

  const markRead = async (id: string) => {
    try {
      const read = await supervisorApi.markRead(id);
      setNotices((list) => (list ?? []).flatMap((n) => (n.id !== id ? [n] : unreadOnly ? [] : [read])));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="panel sla-notices" aria-labelledby="sla-notices-title">
      <h2 id="sla-notices-title">{t('console.slaNotices.title')}</h2>
      <p className="muted">{t('console.slaNotices.lead')}</p>
      <label className="side-check">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
        {t('console.slaNotices.unread')}
      </label>
      <LiveNotes news={news} error={error} />
      {notices && notices.length === 0 && <p>{t('console.slaNotices.none')}</p>}
      {notices && notices.length > 0 && (
        <ul className="inbox-list">
          {notices.map((n) => (
            <li key={n.id} className={`inbox-item inbox-item--breach${n.readAt === null ? ' inbox-item--unread' : ''}`} data-notice={n.id}>
              <div className="inbox-item__head">
                <Link to={`/console/case?id=${encodeURIComponent(n.caseId)}`}>{t('console.supervisor.caseLink', { number: n.caseNumber })}</Link>
                {n.readAt === null ? (
                  <span className="side-badge side-badge--new">{t('console.slaNotices.new')}</span>
                ) : (
                  <span className="muted">{t('console.slaNotices.read', { who: actorName(n.readBy), date: dateTime(n.readAt, locale) })}</span>
                )}
              </div>
              <p className="inbox-item__text">
                {t('console.slaNotices.item', { number: n.caseNumber, milestone: t(`console.supervisor.milestone.${n.milestone}`), priority: priorityName(t, n.priority), due: dateTime(n.dueAt, locale) })}
              </p>
              <p className="muted">{t('console.slaNotices.noticed', { date: dateTime(n.noticedAt, locale) })}</p>
              {n.readAt === null && (
                <button type="button" className="button button--quiet" onClick={() => void markRead(n.id)}>
                  {t('console.slaNotices.markRead')}
                  <span className="visually-hidden"> · {t('console.supervisor.caseLink', { number: n.caseNumber })}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

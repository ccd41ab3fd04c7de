import { useCallback, useEffect, useMemo, useState } from 'react';
import { CASE_STATUSES } from '../../../src/backoffice/cases/rules.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { Link } from '../router/Link.tsx';
import { navigate } from '../router/router.ts';
import { consoleApi, type CaseSummary, type StaffMember } from './api.ts';
import { errorText } from './errors.ts';
import { useConsoleEvents } from './events.ts';
import { actorName, ageText, queueName, waitedMinutes, waitLevel } from './format.ts';
import { takeable, takeNext, TakeButton } from './QueueTake.tsx';
import { useShortcuts } from './shortcuts.ts';
import { Situation } from './words.tsx';


type Status = (typeof CASE_STATUSES)[number];
const OPEN: readonly Status[] = ['new', 'in_progress', 'pending_customer'];
/** How often the ages on screen are brought up to date (display only; the data come live). */
const TICK_MS = 30_000;

/**
 * The queue the staff member works (a branch user: its office's queue only). On `/console` it is
 * the page (a table, every column); beside a case in the workspace it is `compact`: a list in a
 * narrow pane, the case on screen marked.
 */
export function Queue({ staff, compact = false, activeId = null }: { staff: StaffMember; compact?: boolean; activeId?: string | null }) {
  const { t } = useLocale();
  const branch = staff.role === 'branch';
  /** Who takes cases from the queue: everyone but the fraud team, which reads them. */
  const works = staff.role !== 'fraud';
  const ownQueue = branch ? `office:${staff.officeCode ?? ''}` : 'contact_centre';
  const [queue, setQueue] = useState(ownQueue);
  const [status, setStatus] = useState<Status | 'open'>('open');
  const [mine, setMine] = useState(false);
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [news, setNews] = useState('');
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async () => {
    try {
      const { cases: rows } = await consoleApi.cases({ queue: queue === 'all' ? undefined : queue, owner: mine ? 'me' : undefined });
      setCases(rows);
      setError(null);
      setNow(Date.now());
    } catch (err) {
      setError(errorText(t, err));
    }
  }, [queue, mine, t]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);

  useConsoleEvents({
    onCase: (e) => {
      if (queue !== 'all' && e.queue !== queue) return;
      setFresh((prev) => new Set(prev).add(e.caseId));
      setNews(t(e.type === 'created' ? 'console.queue.live.created' : 'console.queue.live.changed', { number: e.number }));
      void load();
    },
  });

  const counts = useMemo(() => {
    const out: Record<string, number> = { open: 0 };
    for (const s of CASE_STATUSES) out[s] = 0;
    for (const c of cases ?? []) {
      out[c.status] = (out[c.status] ?? 0) + 1;
      if (c.status !== 'closed') out.open = (out.open ?? 0) + 1;
    }
    return out;
  }, [cases]);
  const shown = (cases ?? []).filter((c) => (status === 'open' ? OPEN.includes(c.status) : c.status === status));

  const keys = useMemo(
    () => ({
      r: () => void load(),
      n: () => {
        const next = nextCase(cases ?? [], activeId);
        if (next) navigate(`/console/case?id=${next.id}`);
      },
      // Beside a case, `a` takes the case on screen (`CaseOwner.tsx`).
      ...(works && !compact ? { a: () => takeNext(cases ?? [], (err) => setError(errorText(t, err))) } : {}),
    }),
    [cases, load, works, compact, activeId, t],
  );
  useShortcuts(keys);

  return (
    <>
      {compact ? (
        <h2 id="queue-title" className="workspace-queue__title" tabIndex={-1}>
          {t('console.queue.title')}
        </h2>
      ) : (
        <PageTitle>{t('console.queue.title')}</PageTitle>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {news}
      </p>
      <form className="filters console-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('console.queue.filters')}>
        <div className="field">
          <label htmlFor="queue-queue">{t('console.queue.queue')}</label>
          <select id="queue-queue" value={queue} onChange={(e) => setQueue(e.target.value)} disabled={branch}>
            {branch ? (
              <option value={ownQueue}>{queueName(t, ownQueue)}</option>
            ) : (
              <>
                <option value="contact_centre">{queueName(t, 'contact_centre')}</option>
                <option value="all">{t('console.queue.allQueues')}</option>
              </>
            )}
          </select>
        </div>
        <label className="console-check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
          {t('console.queue.mine')}
        </label>
        <div className="filters__actions">
          <button type="button" className="button button--quiet" onClick={() => void load()} aria-keyshortcuts="r">
            {t('console.queue.refresh')}
          </button>
        </div>
      </form>
      <div className="console-tabs" role="group" aria-label={t('console.queue.statusFilter')}>
        {(['open', ...CASE_STATUSES] as const).map((s) => (
          <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>
            {s === 'open' ? t('console.queue.open') : t(`backoffice.status.${s}`)} <span className="console-count">{counts[s] ?? 0}</span>
          </button>
        ))}
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {cases === null && !error ? (
        <p className="muted">{t('console.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="panel">{t('console.queue.empty')}</p>
      ) : compact ? (
        <QueueList cases={shown} now={now} fresh={fresh} works={works} activeId={activeId} />
      ) : (
        <div className="console-table-wrap" id="queue-table" tabIndex={-1}>
          <table className="console-table">
            <caption className="visually-hidden">{t('console.queue.caption', { count: shown.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.case.number')}</th>
                <th scope="col">{t('console.case.customer')}</th>
                <th scope="col">{t('console.case.situation')}</th>
                <th scope="col">{t('console.case.status')}</th>
                <th scope="col">{t('console.case.queue')}</th>
                <th scope="col">{t('console.case.owner')}</th>
                <th scope="col">{t('console.case.alerts')}</th>
                <th scope="col">{t('console.case.waiting')}</th>
                {works && <th scope="col">{t('console.queue.takeColumn')}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => {
                const minutes = waitedMinutes(c.openedAt, now);
                const level = c.status === 'closed' ? null : waitLevel(minutes);
                return (
                  <tr key={c.id} className={fresh.has(c.id) ? 'console-row--fresh' : undefined} data-case={c.number}>
                    <th scope="row">
                      <Link to={`/console/case?id=${c.id}`}>{t('console.case.ref', { number: c.number })}</Link>
                    </th>
                    <td>
                      <Link to={`/console/customer?id=${encodeURIComponent(c.customer.id)}`}>{c.customer.name}</Link>
                    </td>
                    <td>{c.situation ? <Situation situation={c.situation} /> : t(`backoffice.kind.${c.kind}`)}</td>
                    <td>{t(`backoffice.status.${c.status}`)}</td>
                    <td>{queueName(t, c.queue)}</td>
                    <td>{actorName(c.owner)}</td>
                    <td>{c.alertCount}</td>
                    <td>
                      {level ? (
                        <span className={`console-wait console-wait--${level}`}>
                          {ageText(t, minutes)} · {t(`console.wait.${level}`)}
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                    {works && <td>{takeable(c) && <TakeButton c={c} />}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** `n`: the oldest new case other than the one on screen, else the oldest open one other than it. */
export function nextCase<C extends Pick<CaseSummary, 'id' | 'status'>>(cases: readonly C[], activeId: string | null): C | undefined {
  const others = cases.filter((c) => c.id !== activeId);
  return others.find((c) => c.status === 'new') ?? others.find((c) => OPEN.includes(c.status));
}

/** The queue in the workspace's narrow pane: one entry per case, the one on screen marked. */
function QueueList({ cases, now, fresh, works, activeId }: { cases: CaseSummary[]; now: number; fresh: Set<string>; works: boolean; activeId: string | null }) {
  const { t } = useLocale();
  return (
    <ol className="workspace-queue__list" aria-label={t('console.queue.caption', { count: cases.length })}>
      {cases.map((c) => {
        const minutes = waitedMinutes(c.openedAt, now);
        const level = c.status === 'closed' ? null : waitLevel(minutes);
        const current = c.id === activeId;
        return (
          <li key={c.id} className={`workspace-queue__item${fresh.has(c.id) ? ' console-row--fresh' : ''}${current ? ' workspace-queue__item--current' : ''}`} data-case={c.number}>
            <Link to={`/console/case?id=${c.id}`} aria-current={current ? 'page' : undefined}>
              {t('console.case.ref', { number: c.number })} · {c.customer.name}
            </Link>
            <span className="workspace-queue__meta">{c.situation ? <Situation situation={c.situation} /> : t(`backoffice.kind.${c.kind}`)}</span>
            <span className="workspace-queue__meta">
              {t(`backoffice.status.${c.status}`)} · {actorName(c.owner)}
              {current ? ` · ${t('console.workspace.onScreen')}` : ''}
            </span>
            {level && (
              <span className={`console-wait console-wait--${level}`}>
                {ageText(t, minutes)} · {t(`console.wait.${level}`)}
              </span>
            )}
            {works && takeable(c) && <TakeButton c={c} />}
          </li>
        );
      })}
    </ol>
  );
}

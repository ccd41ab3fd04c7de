import '../../styles/console-work.css';
import { useCallback, useEffect, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { PageTitle } from '../../layout/PageTitle.tsx';
import { Link } from '../../router/Link.tsx';
import { useSearch } from '../../router/router.ts';
import type { StaffMember } from '../api.ts';
import { ConsoleFrame } from '../ConsoleFrame.tsx';
import { errorText } from '../errors.ts';
import { useConsoleEvents } from '../events.ts';
import { actorName, dateTime } from '../format.ts';
import { fraudApi, type FraudTaskView } from './api.ts';
import { FraudTaskPanel } from './FraudTaskPanel.tsx';
import { Situation } from '../words.tsx';

/**
 * `/console/fraud`: the fraud team's queue (DESIGN.md section 3: "fraud-protocol task — the
 * fraud team closes it with a result"). Tasks not closed first, oldest first; `?task=` opens one
 * beside the list to take, note and close it.
 */
export function FraudPage() {
  return <ConsoleFrame>{(staff) => <FraudQueue staff={staff} />}</ConsoleFrame>;
}

const FILTERS = ['active', 'open', 'in_progress', 'closed', 'all'] as const;
type Filter = (typeof FILTERS)[number];

function FraudQueue({ staff }: { staff: StaffMember }) {
  const { t, locale } = useLocale();
  const selected = new URLSearchParams(useSearch()).get('task');
  const [filter, setFilter] = useState<Filter>('active');
  const [mine, setMine] = useState(false);
  const [tasks, setTasks] = useState<FraudTaskView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const works = staff.role === 'fraud' || staff.role === 'supervisor' || staff.role === 'admin';

  const load = useCallback(async () => {
    try {
      const res = await fraudApi.list({ status: filter === 'all' ? undefined : filter, owner: mine ? 'me' : undefined });
      setTasks(res.tasks);
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  }, [filter, mine, t]);
  useEffect(() => {
    if (works) void load();
  }, [load, works, round]);
  // A task changing shows on its case's timeline: the queue and the open task reload.
  useConsoleEvents({ onCase: (e) => e.type.startsWith('fraud_') && setRound((n) => n + 1) });

  if (!works) {
    return (
      <>
        <PageTitle>{t('console.fraud.title')}</PageTitle>
        <p className="notice notice--error" role="alert">
          {t('fraud.error.fraud_team_only')}
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('console.fraud.title')}</PageTitle>
      <p className="lead">{t('console.fraud.lead')}</p>
      <div className="console-tabs" role="group" aria-label={t('console.fraud.filter')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`console.fraud.filter.${f}`)}
          </button>
        ))}
        <label className="console-check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} />
          {t('console.fraud.mine')}
        </label>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="fraud-layout">
        <div>
          {tasks === null && !error ? (
            <p className="muted">{t('console.loading')}</p>
          ) : (tasks ?? []).length === 0 ? (
            <p className="panel">{t('console.fraud.empty')}</p>
          ) : (
            <div className="console-table-wrap">
              <table className="console-table fraud-table">
                <caption className="visually-hidden">{t('console.fraud.caption', { count: (tasks ?? []).length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('console.fraud.case')}</th>
                    <th scope="col">{t('console.case.customer')}</th>
                    <th scope="col">{t('console.case.situation')}</th>
                    <th scope="col">{t('console.fraud.status')}</th>
                    <th scope="col">{t('console.case.owner')}</th>
                    <th scope="col">{t('console.fraud.opened')}</th>
                    <th scope="col">{t('console.fraud.result')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(tasks ?? []).map((task) => (
                    <tr key={task.id} data-task={task.id} aria-current={task.id === selected ? 'true' : undefined}>
                      <th scope="row">
                        <Link to={`/console/fraud?task=${task.id}`}>{t('console.fraud.taskOf', { number: task.case.number })}</Link>
                      </th>
                      <td>{task.customer.name}</td>
                      <td>{task.case.situation ? <Situation situation={task.case.situation} /> : '—'}</td>
                      <td>
                        <span className={`fraud-status fraud-status--${task.status}`}>{t(`fraud.status.${task.status}`)}</span>
                      </td>
                      <td>{actorName(task.owner)}</td>
                      <td>{dateTime(task.createdAt, locale)}</td>
                      <td>{task.result ? t(`fraud.result.${task.result}`) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        {selected && <FraudTaskPanel key={selected} id={selected} staff={staff} round={round} onChange={() => setRound((n) => n + 1)} />}
      </div>
    </>
  );
}

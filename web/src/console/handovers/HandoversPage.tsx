import '../../styles/console-work.css';
import { useCallback, useEffect, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { PageTitle } from '../../layout/PageTitle.tsx';
import { Link } from '../../router/Link.tsx';
import { useSearch } from '../../router/router.ts';
import type { StaffMember } from '../api.ts';
import { ConsoleFrame } from '../ConsoleFrame.tsx';
import { errorText } from '../errors.ts';
import { dateTime } from '../format.ts';
import { handoversApi, type HandoverView } from './api.ts';
import { HandoverPanel } from './HandoverPanel.tsx';

/**
 * `/console/handovers`: the calls the IVR handed over to the agent line (docs/ivr.md "Handover"),
 * newest first, each with what the line already knows — who was identified, the request they
 * were in, why they were transferred. `?handover=` opens one beside the list to take and close it.
 * The list reads itself again every few seconds: a transfer rings while the agent looks.
 */
export function HandoversPage() {
  return <ConsoleFrame>{(staff) => <Handovers staff={staff} />}</ConsoleFrame>;
}

const FILTERS = ['waiting', 'active', 'unanswered', 'all'] as const;
type Filter = (typeof FILTERS)[number];
const REFRESH_MS = 10_000;

function Handovers({ staff }: { staff: StaffMember }) {
  const { t, locale } = useLocale();
  const selected = new URLSearchParams(useSearch()).get('handover');
  const [filter, setFilter] = useState<Filter>('waiting');
  const [handovers, setHandovers] = useState<HandoverView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const answers = staff.role === 'agent' || staff.role === 'supervisor' || staff.role === 'admin';

  const load = useCallback(async () => {
    try {
      const res = await handoversApi.list(filter === 'all' ? undefined : filter);
      setHandovers(res.handovers);
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  }, [filter, t]);
  useEffect(() => {
    if (answers) void load();
  }, [load, answers, round]);
  useEffect(() => {
    if (!answers) return;
    const timer = setInterval(() => setRound((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, [answers]);

  if (!answers) {
    return (
      <>
        <PageTitle>{t('console.handovers.title')}</PageTitle>
        <p className="notice notice--error" role="alert">
          {t('handover.error.contact_centre_only')}
        </p>
      </>
    );
  }
  const list = handovers ?? [];
  return (
    <>
      <PageTitle>{t('console.handovers.title')}</PageTitle>
      <p className="lead">{t('console.handovers.lead')}</p>
      <div className="console-tabs" role="group" aria-label={t('console.handovers.filter')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`console.handovers.filter.${f}`)}
          </button>
        ))}
        <button type="button" onClick={() => setRound((n) => n + 1)}>
          {t('console.handovers.refresh')}
        </button>
      </div>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="fraud-layout">
        <div>
          {handovers === null && !error ? (
            <p className="muted">{t('console.loading')}</p>
          ) : list.length === 0 ? (
            <p className="panel">{t('console.handovers.empty')}</p>
          ) : (
            <div className="console-table-wrap">
              <table className="console-table handover-table">
                <caption className="visually-hidden">{t('console.handovers.caption', { count: list.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('console.handovers.when')}</th>
                    <th scope="col">{t('console.handovers.who')}</th>
                    <th scope="col">{t('console.handovers.branch')}</th>
                    <th scope="col">{t('console.handovers.reason')}</th>
                    <th scope="col">{t('console.handovers.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((h) => (
                    <tr key={h.id} data-handover={h.id} aria-current={h.id === selected ? 'true' : undefined}>
                      <th scope="row">
                        <Link to={`/console/handovers?handover=${h.id}`} aria-label={t('console.handovers.open', { time: dateTime(h.createdAt, locale) })}>
                          {dateTime(h.createdAt, locale)}
                        </Link>
                      </th>
                      <td>{h.customer ? h.customer.name : <span className="muted">{t('console.handovers.notIdentified')}</span>}</td>
                      <td>{t(`handover.branch.${h.branch}`)}</td>
                      <td>{t(`handover.reason.${h.reason}`)}</td>
                      <td>
                        <span className={`handover-status handover-status--${h.status}`}>{t(`handover.status.${h.status}`)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        {selected && <HandoverPanel key={selected} id={selected} staff={staff} round={round} onChange={() => setRound((n) => n + 1)} />}
      </div>
    </>
  );
}

import './supervisor.css';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { PageTitle } from '../../layout/PageTitle.tsx';
import { Link } from '../../router/Link.tsx';
import { navigate, useSearch } from '../../router/router.ts';
import type { StaffMember } from '../api.ts';
import { ConsoleFrame } from '../ConsoleFrame.tsx';
import { useConsoleEvents } from '../events.ts';
import { actorName, ageText, dateTime, queueName } from '../format.ts';
import { Situation } from '../words.tsx';
import { supervisorApi, type Figure, type SupervisorCase, type SupervisorView } from './api.ts';
import { priorityName, seesSupervision } from './labels.ts';
import { DataTable, LiveNotes } from './parts.tsx';

type Translate = (id: string, params?: Record<string, string | number>) => string;

/**
 * `/console/supervisor` (issue 15 §1): the supervisor's live view. Per queue the cases waiting,
 * in progress and pending the customer, and the oldest waiting; per agent the cases held and
 * closed in a period, with the handling time; per priority the cases about to breach and
 * breached. Every number is a button listing exactly its cases (`?list=`), each linking to the
 * case. It reads itself again on the console's live events and every 30 seconds.
 */
export function SupervisorPage() {
  return <ConsoleFrame>{(staff) => <Supervision staff={staff} />}</ConsoleFrame>;
}

/** The clock moves cases past their deadlines without any event: read again this often. */
const REFRESH_MS = 30_000;
/** Events come in bursts (one action writes several timeline rows): one read per burst. */
const EVENT_DELAY_MS = 400;

function durationText(t: Translate, seconds: number | null): string {
  if (seconds === null) return '—';
  return seconds < 60 ? t('console.supervisor.seconds', { s: seconds }) : ageText(t, Math.round(seconds / 60));
}

/** Every figure of the view by its key in `?list=`, with the words that say what it counts. */
function figuresOf(view: SupervisorView, t: Translate): Map<string, { label: string; figure: Figure; tone?: 'warning' | 'breached' }> {
  const out = new Map<string, { label: string; figure: Figure; tone?: 'warning' | 'breached' }>();
  for (const q of view.queues) {
    const name = queueName(t, q.queue);
    out.set(`queue:${q.queue}:waiting`, { label: `${name} · ${t('console.supervisor.waiting')}`, figure: q.waiting });
    out.set(`queue:${q.queue}:inProgress`, { label: `${name} · ${t('console.supervisor.inProgress')}`, figure: q.inProgress });
    out.set(`queue:${q.queue}:pendingCustomer`, { label: `${name} · ${t('console.supervisor.pendingCustomer')}`, figure: q.pendingCustomer });
  }
  for (const a of view.agents) {
    const name = actorName(a.agent);
    out.set(`agent:${a.agent}:holding`, { label: `${name} · ${t('console.supervisor.holding')}`, figure: a.holding });
    out.set(`agent:${a.agent}:worked`, { label: `${name} · ${t('console.supervisor.worked')}`, figure: a.worked });
  }
  for (const p of view.sla.priorities) {
    const name = priorityName(t, p.priority);
    out.set(`sla:${p.priority}:open`, { label: `${name} · ${t('console.supervisor.open')}`, figure: p.open });
    out.set(`sla:${p.priority}:take:warning`, { label: `${name} · ${t('console.supervisor.takeWarning')}`, figure: p.take.warning, tone: 'warning' });
    out.set(`sla:${p.priority}:take:breached`, { label: `${name} · ${t('console.supervisor.takeBreached')}`, figure: p.take.breached, tone: 'breached' });
    out.set(`sla:${p.priority}:close:warning`, { label: `${name} · ${t('console.supervisor.closeWarning')}`, figure: p.close.warning, tone: 'warning' });
    out.set(`sla:${p.priority}:close:breached`, { label: `${name} · ${t('console.supervisor.closeBreached')}`, figure: p.close.breached, tone: 'breached' });
  }
  return out;
}

function Supervision({ staff }: { staff: StaffMember }) {
  const { t, locale } = useLocale();
  const allowed = seesSupervision(staff);
  const list = new URLSearchParams(useSearch()).get('list');
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [form, setForm] = useState({ from: '', to: '' });
  const [view, setView] = useState<SupervisorView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [news, setNews] = useState('');
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const next = await supervisorApi.view(period);
      setView(next);
      setForm((f) => (f.from || f.to ? f : { from: next.period.from, to: next.period.to }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [period]);

  useEffect(() => {
    if (!allowed) return;
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [allowed, load, locale]);
  useEffect(() => () => clearTimeout(pending.current), []);

  const soon = () => {
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      void load();
    }, EVENT_DELAY_MS);
  };
  useConsoleEvents({
    onCase: () => allowed && soon(),
    onSla: (e) => {
      if (!allowed) return;
      setNews(t('console.supervisor.breachArrived', { number: e.number, milestone: t(`console.supervisor.milestone.${e.milestone === 'close' ? 'close' : 'take'}`) }));
      soon();
    },
  });

  const figures = useMemo(() => (view ? figuresOf(view, t) : new Map()), [view, t]);

  if (!allowed) {
    return (
      <div className="side-page">
        <PageTitle>{t('console.supervisor.title')}</PageTitle>
        <p className="notice notice--error" role="alert">
          {t('console.supervisor.forbidden')}
        </p>
      </div>
    );
  }

  const show = (key: string | null) => navigate(key ? `/console/supervisor?list=${encodeURIComponent(key)}` : '/console/supervisor', { replace: true });
  const number = (key: string) => {
    const f = figures.get(key);
    if (!f) return null;
    const { count } = f.figure;
    return (
      <button
        type="button"
        className={`sv-figure${f.tone && count > 0 ? ` sv-figure--${f.tone}` : ''}`}
        aria-pressed={list === key}
        data-figure={key}
        onClick={() => {
          show(key);
          requestAnimationFrame(() => document.getElementById('sv-drill')?.focus());
        }}
      >
        {count}
        <span className="visually-hidden"> · {t('console.supervisor.figureButton', { what: f.label })}</span>
      </button>
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPeriod({ ...form });
  };
  const chosen = list ? figures.get(list) : undefined;

  return (
    <div className="side-page supervisor">
      <PageTitle>{t('console.supervisor.title')}</PageTitle>
      <p className="lead">{t('console.supervisor.lead')}</p>
      <div className="sv-bar">
        {view && <p className="muted">{t('console.supervisor.updated', { time: dateTime(view.at, locale) })}</p>}
        <button type="button" className="button button--quiet" onClick={() => void load()}>
          {t('console.supervisor.refresh')}
        </button>
      </div>
      <LiveNotes news={news} error={error} />
      {view && (
        <>
          <div className="sv-grid">
            <section className="panel" aria-labelledby="sv-queues">
              <h2 id="sv-queues">{t('console.supervisor.queues')}</h2>
              <DataTable heads={['console.supervisor.queue', 'console.supervisor.waiting', 'console.supervisor.inProgress', 'console.supervisor.pendingCustomer', 'console.supervisor.oldestWaiting']}>
                    {view.queues.map((q) => (
                      <tr key={q.queue} data-queue={q.queue}>
                        <th scope="row">{queueName(t, q.queue)}</th>
                        <td>{number(`queue:${q.queue}:waiting`)}</td>
                        <td>{number(`queue:${q.queue}:inProgress`)}</td>
                        <td>{number(`queue:${q.queue}:pendingCustomer`)}</td>
                        <td>
                          {q.oldestWaiting ? (
                            <Link to={`/console/case?id=${encodeURIComponent(q.oldestWaiting.caseId)}`}>
                              {t('console.supervisor.oldest', { number: q.oldestWaiting.number, age: ageText(t, Math.floor(q.oldestWaiting.ageSeconds / 60)) })}
                            </Link>
                          ) : (
                            <span className="muted">{t('console.supervisor.noneWaiting')}</span>
                          )}
                        </td>
                      </tr>
                    ))}
              </DataTable>
            </section>

            <section className="panel" aria-labelledby="sv-sla">
              <h2 id="sv-sla">{t('console.supervisor.sla')}</h2>
              <p className="muted">{t('console.supervisor.slaLead', { percent: Math.round(view.sla.warningFraction * 100) })}</p>
              <DataTable heads={['console.supervisor.priority', 'console.supervisor.open', 'console.supervisor.takeWarning', 'console.supervisor.takeBreached', 'console.supervisor.closeWarning', 'console.supervisor.closeBreached']}>
                    {view.sla.priorities.map((p) => (
                      <tr key={p.priority} data-priority={p.priority}>
                        <th scope="row">
                          {priorityName(t, p.priority)}
                          <span className="sv-targets">{t('console.supervisor.targetText', { take: ageText(t, p.takeMinutes), close: ageText(t, p.closeMinutes) })}</span>
                        </th>
                        <td>{number(`sla:${p.priority}:open`)}</td>
                        <td>{number(`sla:${p.priority}:take:warning`)}</td>
                        <td>{number(`sla:${p.priority}:take:breached`)}</td>
                        <td>{number(`sla:${p.priority}:close:warning`)}</td>
                        <td>{number(`sla:${p.priority}:close:breached`)}</td>
                      </tr>
                    ))}
              </DataTable>
            </section>

            <section className="panel" aria-labelledby="sv-agents">
              <h2 id="sv-agents">{t('console.supervisor.agents')}</h2>
              <form className="side-search sv-period" onSubmit={submit} aria-label={t('console.supervisor.period')}>
                <div className="field">
                  <label htmlFor="sv-from">{t('console.supervisor.from')}</label>
                  <input id="sv-from" type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
                </div>
                <div className="field">
                  <label htmlFor="sv-to">{t('console.supervisor.to')}</label>
                  <input id="sv-to" type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
                </div>
                <button type="submit" className="button">
                  {t('console.supervisor.show')}
                </button>
              </form>
              <p className="muted">{t('console.supervisor.periodShown', { from: view.period.from, to: view.period.to })}</p>
              {view.agents.length === 0 ? (
                <p>{t('console.supervisor.noAgents')}</p>
              ) : (
                <DataTable heads={['console.supervisor.agent', 'console.supervisor.holding', 'console.supervisor.worked', 'console.supervisor.handling']}>
                      {view.agents.map((a) => (
                        <tr key={a.agent} data-agent={a.agent}>
                          <th scope="row">{actorName(a.agent)}</th>
                          <td>{number(`agent:${a.agent}:holding`)}</td>
                          <td>{number(`agent:${a.agent}:worked`)}</td>
                          <td data-seconds={a.averageHandlingSeconds ?? ''}>{durationText(t, a.averageHandlingSeconds)}</td>
                        </tr>
                      ))}
                </DataTable>
              )}
            </section>
          </div>

          <section className="panel sv-drill" aria-labelledby="sv-drill">
            <h2 id="sv-drill" tabIndex={-1}>
              {chosen ? t('console.supervisor.drill', { what: chosen.label }) : t('console.supervisor.drillHint')}
            </h2>
            {chosen && <DrillDown t={t} locale={locale} figure={chosen.figure} cases={view.cases} onClose={() => show(null)} />}
          </section>
        </>
      )}
    </div>
  );
}

/** Exactly the cases of one figure, in its order, each linking to the case. */
function DrillDown({ t, locale, figure, cases, onClose }: { t: Translate; locale: Parameters<typeof dateTime>[1]; figure: Figure; cases: SupervisorCase[]; onClose: () => void }) {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const shown = figure.caseIds.flatMap((id) => byId.get(id) ?? []);
  const milestone = (c: SupervisorCase, which: 'take' | 'close') => {
    if (!c.sla) return <span className="muted">{c.closedAt ? t('console.supervisor.state.closed', { date: dateTime(c.closedAt, locale) }) : '—'}</span>;
    const { state, dueAt } = c.sla[which];
    return <span className={`sv-state sv-state--${state}`}>{t(`console.supervisor.state.${state}`, { due: dateTime(dueAt, locale) })}</span>;
  };
  return (
    <>
      <p className="muted">{t('console.supervisor.drillCount', { count: shown.length })}</p>
      {shown.length === 0 ? (
        <p>{t('console.supervisor.drillNone')}</p>
      ) : (
        <DataTable heads={['console.supervisor.col.case', 'console.supervisor.queue', 'console.supervisor.col.status', 'console.supervisor.col.owner', 'console.supervisor.priority', 'console.supervisor.col.opened', 'console.supervisor.col.take', 'console.supervisor.col.close']} className="sv-cases">
              {shown.map((c) => (
                <tr key={c.id} data-case={c.id} className={c.sla && (c.sla.take.state === 'breached' || c.sla.close.state === 'breached') ? 'sv-row--breached' : c.sla && (c.sla.take.state === 'warning' || c.sla.close.state === 'warning') ? 'sv-row--warning' : undefined}>
                  <th scope="row">
                    <Link to={`/console/case?id=${encodeURIComponent(c.id)}`}>{t('console.supervisor.caseLink', { number: c.number })}</Link>
                    {c.situation && (
                      <>
                        <br />
                        <Situation situation={c.situation} />
                      </>
                    )}
                  </th>
                  <td>{queueName(t, c.queue)}</td>
                  <td>{t(`backoffice.status.${c.status}`)}</td>
                  <td>{c.owner ? actorName(c.owner) : t('console.supervisor.nobody')}</td>
                  <td>{c.sla ? priorityName(t, c.sla.priority) : '—'}</td>
                  <td>{dateTime(c.openedAt, locale)}</td>
                  <td>{milestone(c, 'take')}</td>
                  <td>{milestone(c, 'close')}</td>
                </tr>
              ))}
        </DataTable>
      )}
      <button type="button" className="button button--quiet" onClick={onClose}>
        {t('console.supervisor.drillClose')}
      </button>
    </>
  );
}

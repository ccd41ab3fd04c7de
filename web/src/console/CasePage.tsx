import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { Link } from '../router/Link.tsx';
import { useSearch } from '../router/router.ts';
import { ConsoleApiError, consoleApi, type CaseDetail, type StaffMember } from './api.ts';
import { CaseOwner } from './CaseOwner.tsx';
import { CaseWork } from './CaseWork.tsx';
import { EarlierCase } from './EarlierCase.tsx';
import { CaseFraudTasks } from './fraud/CaseFraudTasks.tsx';
import { ConsoleFrame } from './ConsoleFrame.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { DraftsPanel } from './DraftsPanel.tsx';
import { errorText } from './errors.ts';
import { useConsoleEvents } from './events.ts';
import { actorName, dateTime, detailValue, queueName } from './format.ts';
import { MentionsPanel } from './MentionsPanel.tsx';
import { PlaybookPanel } from './PlaybookPanel.tsx';
import { focusById, useShortcuts } from './shortcuts.ts';
import { Timeline } from './Timeline.tsx';
import { CaseWaysBack } from './customer/CaseWaysBack.tsx';
import { Fact } from './Fact.tsx';
import { Situation, useAlertWords } from './words.tsx';

/** `/console/case?id=`: one case with everything the agent works it with. */
export function CasePage() {
  const search = useSearch();
  const id = new URLSearchParams(search).get('id') ?? '';
  return <ConsoleFrame>{(staff) => <CaseView key={id} id={id} staff={staff} />}</ConsoleFrame>;
}

type Load = { kind: 'loading' } | { kind: 'missing' } | { kind: 'gone'; number: number } | { kind: 'error'; text: string } | { kind: 'ok'; detail: CaseDetail };

function CaseView({ id, staff }: { id: string; staff: StaffMember }) {
  const { t, locale } = useLocale();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  /** Bumped after every change: each panel reloads what it shows. */
  const [round, setRound] = useState(0);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    consoleApi.detail(id).then(
      (detail) => live && setLoad({ kind: 'ok', detail }),
      (err: unknown) => {
        if (!live) return;
        // Another queue's case answers 404 like no case at all: the console says the same.
        // A case just worked that left the person's queues (the playbook gave it to a branch) says so.
        if (err instanceof ConsoleApiError && (err.status === 404 || err.status === 400)) setLoad((prev) => (prev.kind === 'ok' ? { kind: 'gone', number: prev.detail.case.number } : { kind: 'missing' }));
        else setLoad({ kind: 'error', text: errorText(t, err) });
      },
    );
    return () => {
      live = false;
    };
  }, [id, round, t]);

  useConsoleEvents({ onCase: (e) => e.caseId === id && reload() });
  const keys = useMemo(
    () => ({ l: () => focusById('contact-title'), s: () => focusById('questions-title'), o: () => focusById('outcomes-title'), e: () => focusById('drafts-title'), c: () => focusById('case-comment'), t: () => focusById('timeline-title') }),
    [],
  );
  useShortcuts(keys);

  if (load.kind !== 'ok') {
    return (
      <>
        <PageTitle>{t('console.case.title')}</PageTitle>
        {load.kind === 'loading' ? (
          <p className="muted">{t('console.loading')}</p>
        ) : (
          <p className={`notice ${load.kind === 'gone' ? 'notice--info' : 'notice--error'}`} role="alert">
            {load.kind === 'missing' ? t('console.case.missing') : load.kind === 'gone' ? t('console.case.gone', { number: load.number }) : load.text}
          </p>
        )}
        <p>
          <Link to="/console">{t('console.case.back')}</Link>
        </p>
      </>
    );
  }
  const { detail } = load;
  const c = detail.case;
  const playbook = c.kind === 'alert' && staff.role !== 'branch' && staff.role !== 'fraud';
  return (
    <>
      <PageTitle>{t('console.case.heading', { number: c.number, name: c.customer.name })}</PageTitle>
      <p>
        <Link to="/console">{t('console.case.back')}</Link>
      </p>
      <section className="panel console-summary" aria-labelledby="summary-title">
        <h2 id="summary-title">{t('console.case.summary')}</h2>
        <dl className="console-facts">
          <Fact label={t('console.case.kind')}>{t(`backoffice.kind.${c.kind}`)}</Fact>
          <Fact label={t('console.case.status')}>
            <span className={`console-status console-status--${c.status}`}>{t(`backoffice.status.${c.status}`)}</span>
          </Fact>
          {c.pendingReason && <Fact label={t('console.case.pendingReason')}>{c.pendingReason}</Fact>}
          <Fact label={t('console.case.queue')}>{queueName(t, c.queue)}</Fact>
          <Fact label={t('console.case.owner')}>{actorName(c.owner)}</Fact>
          {c.situation && (
            <Fact label={t('console.case.situation')}>
              <Situation situation={c.situation} />
            </Fact>
          )}
          {c.outcome && <Fact label={t('console.case.outcome')}>{t(`backoffice.outcome.${c.outcome}`)}</Fact>}
          <Fact label={t('console.case.opened')}>{dateTime(c.openedAt, locale)}</Fact>
          {c.closedAt && <Fact label={t('console.case.closed')}>{dateTime(c.closedAt, locale)}</Fact>}
          {c.closingComment && <Fact label={t('console.case.closingComment')}>{c.closingComment}</Fact>}
          {c.operation && (
            <Fact label={t('console.case.operation')}>
              {c.operation.reference} · {c.operation.description}
              {c.operation.amount ? ` · ${c.operation.amount} ${c.operation.currency ?? ''}` : ''}
            </Fact>
          )}
          <Fact label={t('console.case.alerts')}>{c.alertCount}</Fact>
        </dl>
        <Alerts detail={detail} />
        <LinkedCases detail={detail} />
        <EarlierCase detail={detail} />
      </section>
      <CaseOwner detail={detail} staff={staff} onChange={reload} />
      <div className="console-columns">
        <div className="console-column">
          <CustomerPanel caseId={c.id} round={round} />
          {playbook && <PlaybookPanel caseId={c.id} closed={c.status === 'closed'} round={round} onChange={reload} />}
          <DraftsPanel caseId={c.id} round={round} canSend={staff.role !== 'branch' && staff.role !== 'fraud'} onChange={reload} />
        </div>
        <div className="console-column">
          <CaseWork detail={detail} staff={staff} onChange={reload} />
          <CaseWaysBack detail={detail} staff={staff} round={round} onChange={reload} />
          <CaseFraudTasks detail={detail} staff={staff} />
          <MentionsPanel detail={detail} onChange={reload} />
          <Timeline detail={detail} />
        </div>
      </div>
    </>
  );
}

/** The main case this one is linked to, or the cases linked to this main case. */
function LinkedCases({ detail }: { detail: CaseDetail }) {
  const { t } = useLocale();
  const ref = (r: { id: string; number: number; status: string }) => (
    <Link to={`/console/case?id=${r.id}`}>
      {t('console.case.ref', { number: r.number })} ({t(`backoffice.status.${r.status}`)})
    </Link>
  );
  if (!detail.mainCase && detail.linkedCases.length === 0) return null;
  return (
    <div className="console-linked">
      <h3>{t('console.linked.title')}</h3>
      {detail.mainCase && <p>{t('console.linked.main')} {ref(detail.mainCase)}</p>}
      {detail.linkedCases.length > 0 && (
        <>
          <p>{t('console.linked.children')}</p>
          <ul>
            {detail.linkedCases.map((r) => (
              <li key={r.id}>{ref(r)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The alerts on the case (repeats of one situation join it), each with what the source said. */
function Alerts({ detail }: { detail: CaseDetail }) {
  const { t, locale } = useLocale();
  const words = useAlertWords();
  if (detail.alerts.length === 0) return null;
  return (
    <div className="console-alerts">
      <h3>{t('console.alerts.title', { count: detail.alerts.length })}</h3>
      <ol className="console-list">
        {detail.alerts.map((a) => (
          <li key={a.id}>
            <p>
              <strong>
                <Situation situation={a.situation} />
              </strong>{' '}
              · {dateTime(a.receivedAt, locale)} · {a.source} {a.sourceAlertId}
            </p>
            {Object.keys(a.details).length > 0 && (
              <dl className="console-facts">
                {Object.entries(a.details).map(([k, v]) => (
                  <div key={k}>
                    <dt title={k} data-key={k}>
                      {words.detail(k)}
                    </dt>
                    <dd>{detailValue(k, v, locale)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

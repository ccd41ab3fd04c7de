import { useCallback, useEffect, useState } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { PageTitle } from '../layout/PageTitle.tsx';
import { Link } from '../router/Link.tsx';
import { ConsoleApiError, consoleApi, type CaseDetail, type StaffMember } from './api.ts';
import { CaseOwner } from './CaseOwner.tsx';
import { CaseWork } from './CaseWork.tsx';
import { EarlierCase } from './EarlierCase.tsx';
import { CaseFraudTasks } from './fraud/CaseFraudTasks.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { DraftsPanel } from './DraftsPanel.tsx';
import { errorText } from './errors.ts';
import { useConsoleEvents } from './events.ts';
import { actorName, dateTime, detailValue, queueName } from './format.ts';
import { MentionsPanel } from './MentionsPanel.tsx';
import { PlaybookPanel } from './PlaybookPanel.tsx';
import { focusById, focusControl, useShortcuts } from './shortcuts.ts';
import type { CaseTab } from './caseTabs.ts';
import { Timeline } from './Timeline.tsx';
import { CaseWaysBack } from './customer/CaseWaysBack.tsx';
import { Fact } from './Fact.tsx';
import { Situation, useAlertWords } from './words.tsx';

type Load = { kind: 'loading' } | { kind: 'missing' } | { kind: 'gone'; number: number } | { kind: 'error'; text: string } | { kind: 'ok'; detail: CaseDetail };

/** What a case turned out to be, for its tab: the customer's name and the case number, or unavailable. */
export type CaseLabel = Omit<CaseTab, 'id'>;

/** The case keys: each goes to the control of its step (`focusControl`), in the pane that holds it. */
const CASE_KEYS: Record<string, () => void> = {
  l: () => focusControl('contact-title', '#attempt-result'),
  s: () => focusControl('questions-title', 'button, input'),
  o: () => focusControl('outcomes-title', '#outcome-comment'),
  e: () => focusControl('drafts-title', '[aria-keyshortcuts="e"]'),
  x: () => focusControl('work-title', '#close-cat-1, #case-closing'),
  c: () => focusById('case-comment'),
  t: () => focusById('timeline-title'),
};

/**
 * One case in the workspace (`Workspace.tsx`, `/console/case?id=`): its title, then side by side
 * the case (who works it, its data, working and closing it, the timeline), the customer, and the
 * call (the guided playbook and the macro's email); each pane scrolls on its own.
 */
export function CaseView({ id, staff, onLoaded }: { id: string; staff: StaffMember; onLoaded?: (label: CaseLabel) => void }) {
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
  const number = load.kind === 'ok' ? load.detail.case.number : load.kind === 'gone' ? load.number : undefined;
  const name = load.kind === 'ok' ? load.detail.case.customer.name : undefined;
  const unavailable = load.kind === 'missing' || load.kind === 'gone';
  useEffect(() => {
    if (number !== undefined || unavailable) onLoaded?.({ ...(number !== undefined ? { number } : {}), ...(name ? { name } : {}), ...(unavailable ? { unavailable } : {}) });
  }, [number, name, unavailable, onLoaded]);

  useConsoleEvents({ onCase: (e) => e.caseId === id && reload() });
  useShortcuts(CASE_KEYS);

  if (load.kind !== 'ok') {
    return (
      <div className="case-view case-view--empty">
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
      </div>
    );
  }
  const { detail } = load;
  const c = detail.case;
  const playbook = c.kind === 'alert' && staff.role !== 'branch' && staff.role !== 'fraud';
  return (
    <div className="case-view" data-case={c.number}>
      <div className="case-view__head">
        <PageTitle>{t('console.case.heading', { number: c.number, name: c.customer.name })}</PageTitle>
        <span className={`case-view__status console-status--${c.status}`}>{t(`backoffice.status.${c.status}`)}</span>
      </div>
      <div className="case-view__panes">
        <div className="workspace-pane case-view__case" role="region" aria-label={t('console.workspace.case')} tabIndex={0}>
          <CaseOwner detail={detail} staff={staff} onChange={reload} />
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
          <CaseWork detail={detail} staff={staff} onChange={reload} />
          <CaseWaysBack detail={detail} staff={staff} round={round} onChange={reload} />
          <CaseFraudTasks detail={detail} staff={staff} />
          <MentionsPanel detail={detail} onChange={reload} />
          <Timeline detail={detail} />
        </div>
        <div className="workspace-pane case-view__customer" role="region" aria-label={t('console.workspace.customer')} tabIndex={0}>
          <CustomerPanel caseId={c.id} round={round} />
        </div>
        <div className="workspace-pane case-view__call" role="region" aria-label={t('console.workspace.call')} tabIndex={0}>
          {playbook && <PlaybookPanel caseId={c.id} closed={c.status === 'closed'} round={round} onChange={reload} />}
          <DraftsPanel caseId={c.id} round={round} canSend={staff.role !== 'branch' && staff.role !== 'fraud'} onChange={reload} />
        </div>
      </div>
    </div>
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

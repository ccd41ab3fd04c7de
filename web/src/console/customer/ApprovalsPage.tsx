import { useCallback, useEffect, useState } from 'react';
import { FormError } from '../../banking/Field.tsx';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { PageTitle } from '../../layout/PageTitle.tsx';
import { Link } from '../../router/Link.tsx';
import type { StaffMember } from '../api.ts';
import { ConsoleFrame } from '../ConsoleFrame.tsx';
import { actorName, dateTime } from '../format.ts';
import { useAction } from '../useAction.ts';
import { customerApi, type RequestView } from './api.ts';

/**
 * `/console/approvals`: the four-eyes queue of branch unlocks (`backoffice.branchUnlock.fourEyes`).
 * A branch user sees its office's requests, a supervisor every office's; each is approved (the
 * lift takes effect) or rejected with the reason, by someone other than who asked.
 */
export function ApprovalsPage() {
  return <ConsoleFrame>{(staff) => <ApprovalsView staff={staff} />}</ConsoleFrame>;
}

function ApprovalsView({ staff }: { staff: StaffMember }) {
  const { t } = useLocale();
  const [requests, setRequests] = useState<RequestView[] | null>(null);
  const [done, setDone] = useState('');
  const { error, run } = useAction();
  const load = useCallback(() => void run(async () => setRequests((await customerApi.requests('pending')).requests)), [run]);
  useEffect(load, [load]);
  const decided = (text: string) => {
    setDone(text);
    load();
  };
  return (
    <div className="side-page">
      <PageTitle>{t('console.approvals.title')}</PageTitle>
      <p className="lead">{t('console.approvals.lead')}</p>
      <p role="status" className="side-status">
        {done}
      </p>
      <FormError message={error} />
      {requests === null && !error && <p className="muted">{t('console.loading')}</p>}
      {requests?.length === 0 && <p className="panel">{t('console.approvals.none')}</p>}
      {requests && requests.length > 0 && (
        <ul className="inbox-list">
          {requests.map((r) => (
            <ApprovalItem key={r.id} request={r} mine={r.requestedBy === `staff:${staff.id}`} onDecided={decided} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ApprovalItem({ request: r, mine, onDecided }: { request: RequestView; mine: boolean; onDecided: (text: string) => void }) {
  const { t, locale } = useLocale();
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const approve = async () => {
    if (await run(() => customerApi.approve(r.id))) onDecided(t('console.approvals.approved', { name: r.customerName }));
  };
  const reject = async () => {
    if (!reason.trim()) return setError(t('console.approvals.reasonRequired'));
    if (await run(() => customerApi.reject(r.id, reason.trim()))) onDecided(t('console.approvals.rejected', { name: r.customerName }));
  };
  return (
    <li className="inbox-item approval-item">
      <div className="inbox-item__head">
        <Link to={`/console/customer?id=${encodeURIComponent(r.customerId)}`}>{r.customerName}</Link>
        {r.caseId && r.caseNumber !== null && <Link to={`/console/case?id=${encodeURIComponent(r.caseId)}`}>{t('console.case.ref', { number: r.caseNumber })}</Link>}
      </div>
      <p className="muted">{t('console.approvals.asked', { who: actorName(r.requestedBy), office: r.officeCode, date: dateTime(r.requestedAt, locale) })}</p>
      <p>{t('console.approvals.document', { type: r.document.type, number: r.document.masked })}</p>
      {r.note && <p className="inbox-item__text">{r.note}</p>}
      <FormError message={error} />
      {mine ? (
        <p className="muted">{t('unlock.error.own_request')}</p>
      ) : (
        <div className="console-form">
          <button type="button" className="button" disabled={busy} onClick={() => void approve()}>
            {t('console.approvals.approve')}
            <span className="visually-hidden"> · {r.customerName}</span>
          </button>
          <div className="field">
            <label htmlFor={`reject-${r.id}`}>{t('console.approvals.reason')}</label>
            <input id={`reject-${r.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="button" className="button button--quiet" disabled={busy} onClick={() => void reject()}>
            {t('console.approvals.reject')}
            <span className="visually-hidden"> · {r.customerName}</span>
          </button>
        </div>
      )}
    </li>
  );
}

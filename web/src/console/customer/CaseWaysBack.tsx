import { useEffect, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider.tsx';
import { Link } from '../../router/Link.tsx';
import type { CaseDetail, StaffMember } from '../api.ts';
import { customerApi, type CustomerState } from './api.ts';
import { HistoryList } from './HistoryList.tsx';
import { ReopenCase } from './ReopenCase.tsx';
import { UnlockPanel } from './UnlockPanel.tsx';

/**
 * What the case view adds from the customer page: the customer's recent history (a compact
 * panel linking to the page), the branch unlock from the "Pendiente de cliente" case for a branch
 * user, and reopening a closed case for a supervisor.
 */
export function CaseWaysBack({ detail, staff, round, onChange }: { detail: CaseDetail; staff: StaffMember; round: number; onChange: () => void }) {
  const { t } = useLocale();
  const c = detail.case;
  const [state, setState] = useState<CustomerState | null>(null);
  const branchOpen = staff.role === 'branch' && c.status !== 'closed';
  useEffect(() => {
    if (!branchOpen) return;
    let live = true;
    customerApi.state(c.customer.id).then(
      (s) => live && setState(s),
      () => live && setState(null),
    );
    return () => {
      live = false;
    };
  }, [branchOpen, c.customer.id, round]);
  return (
    <>
      {branchOpen && state && <UnlockPanel state={state} caseId={c.id} onDone={onChange} />}
      {staff.role === 'supervisor' && c.status === 'closed' && <ReopenCase caseId={c.id} onDone={onChange} />}
      <section className="panel" aria-labelledby="case-history-title">
        <h2 id="case-history-title">{t('console.history.caseTitle')}</h2>
        <HistoryList customerId={c.customer.id} round={round} limit={6} />
        <p>
          <Link to={`/console/customer?id=${encodeURIComponent(c.customer.id)}`}>{t('console.history.more', { name: c.customer.name })}</Link>
        </p>
      </section>
    </>
  );
}

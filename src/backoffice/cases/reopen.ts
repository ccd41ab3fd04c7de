import { appendAudit } from '../../audit/audit.ts';
import { inTransaction } from '../../customers/store-support.ts';
import type { Executor } from '../../platform/db/database.ts';
import { backofficeError } from '../errors.ts';
import type { Case } from '../schema.ts';
import { decideReopen } from './rules.ts';
import { appendCaseEvent, lockCase, updateLockedCase, type CaseDeps } from './store.ts';

/**
 * Reopens a closed case (a supervisor's act; the route checks the role): back to in progress,
 * its closing date and comments cleared from the case (both stay on the timeline's `closed`
 * event), the reason on the timeline (`reopened`) and in the audit log (`case.reopened`).
 */
export function reopenCase(ex: Executor, deps: CaseDeps, caseId: string, reason: string, actor: string): Promise<Case> {
  return inTransaction(ex, async (tx) => {
    const row = await lockCase(tx, caseId);
    const decision = decideReopen({ status: row.status, pendingReason: row.pending_reason }, reason);
    if (!decision.ok) throw backofficeError(decision.reason, `case ${row.number} (${row.status}) cannot be reopened`, { status: row.status });
    const next = await updateLockedCase(tx, deps, row, { status: decision.next.status, pending_reason: null, closed_at: null, closing_comment: null });
    const data = { from: row.status, to: next.status, reason: decision.reason, closedAt: row.closed_at?.toISOString() ?? null };
    await appendCaseEvent(tx, deps, row.id, actor, 'reopened', data);
    await appendAudit(tx, { at: deps.clock.now(), actor, action: 'case.reopened', customerId: row.customer_id, subject: `case:${row.id}`, details: { number: row.number, reason: decision.reason } });
    return next;
  });
}

import { refreshCodeAttempts } from '../../customers/codes-store.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { BackofficeConfig } from '../../config/config.ts';
import { activeBlocks, liftBlocks } from '../../customers/blocks-store.ts';
import { setProfile } from '../../customers/credentials-store.ts';
import { noticeCustomer } from '../../customers/notices.ts';
import { t, type Locale } from '../../i18n/catalogue.ts';
import type { EnqueueDeps } from '../../notify/outbox.ts';
import type { Tx } from '../../platform/db/database.ts';
import { appendCaseEvent, closeCase, lockCase, setCaseCategory, type CaseDeps } from '../cases/store.ts';
import { unlockPlan, type UnlockStep } from './rules.ts';
import type { UnlockRequest } from './schema.ts';

/** What running an unlock needs: the clock, the outbox, the closing category and the bank's language. */
export type UnlockDeps = CaseDeps &
  EnqueueDeps & {
    config: { backoffice: Pick<BackofficeConfig, 'branchUnlock'>; defaultLocale: Locale };
  };

export interface UnlockRun {
  request: UnlockRequest;
  /** Who makes it take effect: the requester, or under four-eyes the approver. */
  actor: string;
  approvedBy: string | null;
}

type StepWork = (tx: Tx, deps: UnlockDeps, run: UnlockRun) => Promise<Record<string, unknown>>;

/** Lifts the contact centre's blocks of one target (never another origin's: those have their own ways back). */
const liftContactCentre =
  (target: 'access' | 'signature'): StepWork =>
  async (tx, deps, run) => {
    const { lifted } = await liftBlocks(tx, deps, { customerId: run.request.customer_id, target, origin: 'contact_centre', channel: 'office', by: run.actor });
    // A signature unlocked gives the live signing codes a fresh set of tries, as IVR 3.1 does.
    if (target === 'signature') await refreshCodeAttempts(tx, deps, { purpose: 'signing', customerId: run.request.customer_id, by: run.actor });
    return { blockIds: lifted.map((b) => b.id) };
  };

const STEPS: Readonly<Record<UnlockStep, StepWork>> = {
  lift_cae: liftContactCentre('access'),
  lift_signature: liftContactCentre('signature'),
  restore_profile: async (tx, deps, run) => {
    await setProfile(tx, deps, run.request.customer_id, 'full', run.actor, 'office');
    return { profile: 'full' };
  },
};

/**
 * Runs a branch unlock in the caller's transaction, each step on its own record: the CAE block
 * lifted, the contact centre's signature block lifted, the full profile restored (what is not
 * there is not a step); then the customer told by SMS, and the case it came from categorised
 * (`backoffice.branchUnlock.category`) and closed. Each step is a timeline event of the case
 * (when there is one) and an audit row, besides the domain's own (`block.lifted`, `profile.set`).
 * The case row is locked first, as every change of a case does.
 */
export async function performUnlock(tx: Tx, deps: UnlockDeps, run: UnlockRun): Promise<Record<string, unknown>> {
  const { request, actor } = run;
  const caseRow = request.case_id ? await lockCase(tx, request.case_id) : null;
  const user = await tx.selectFrom('online_banking_users').select('profile').where('customer_id', '=', request.customer_id).executeTakeFirst();
  const plan = unlockPlan({ blocks: await activeBlocks(tx, request.customer_id), profile: user?.profile ?? null });
  const record = (type: string, data: Record<string, unknown>) => recordUnlock(tx, deps, request, actor, type, { approvedBy: run.approvedBy, ...data });
  const steps: Record<string, unknown>[] = [];
  for (const step of plan) {
    const result = { step, ...(await STEPS[step](tx, deps, run)) };
    await record('step_done', result);
    steps.push(result);
  }
  const notice = await noticeCustomer(tx, deps, { customerId: request.customer_id, template: 'sms.access_restored', params: {}, line: 'customer-service', by: actor });
  await record('customer_notified', { notice });
  let caseClosed = false;
  if (caseRow && caseRow.status !== 'closed') {
    await setCaseCategory(tx, deps, caseRow.id, deps.config.backoffice.branchUnlock.category, actor, { branchUnlock: request.id });
    await closeCase(tx, deps, caseRow.id, closingComment(deps.config.defaultLocale, run, plan), actor);
    caseClosed = true;
  }
  return { steps, notice, caseClosed };
}

/**
 * One fact of an unlock, recorded twice: on the timeline of its case (event `unlock_<type>`) when
 * it came from one, and always in the audit log (`unlock.<type>`).
 */
export async function recordUnlock(tx: Tx, deps: CaseDeps, request: UnlockRequest, actor: string, type: string, data: Record<string, unknown> = {}): Promise<void> {
  const details = { requestId: request.id, requestedBy: request.requested_by, ...data };
  if (request.case_id) await appendCaseEvent(tx, deps, request.case_id, actor, `unlock_${type}`, details);
  await appendAudit(tx, { at: deps.clock.now(), actor, action: `unlock.${type}`, customerId: request.customer_id, subject: `unlock:${request.id}`, details });
}

/** "Desbloqueo en oficina 0123: cliente identificado en persona (DNI *****987B). Hecho: …" */
function closingComment(locale: Locale, run: UnlockRun, plan: readonly UnlockStep[]): string {
  const r = run.request;
  const done = plan.map((s) => t(`unlock.step.${s}`, locale)).join(', ');
  const text = t('unlock.close.comment', locale, { office: r.office_code, document: `${r.document_type} ${r.document_masked}`, done });
  return run.approvedBy ? `${text}\n${t('unlock.close.approved', locale, { approver: run.approvedBy.replace(/^staff:/, '') })}` : text;
}

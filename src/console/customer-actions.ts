import { Type, type Static } from 'typebox';
import type { Staff } from '../backoffice/access.ts';
import { Nullable } from '../backoffice/cases/views.ts';
import { requestRefusal, unlockPlan, type Restrictions } from '../backoffice/unlock/rules.ts';
import { unlockDb } from '../backoffice/unlock/schema.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Customer } from '../platform/db/schema.ts';
import type { Services } from '../platform/services.ts';

/**
 * The ways back the person on the customer page may take now, and why not when they may not
 * (the `reason` of the refusal the server would answer): the branch unlock, and lifting a blocked
 * card PIN. The routes check all of it again; this only keeps unusable buttons out of the way.
 */
export const CustomerActions = Type.Object({
  branchUnlock: Type.Object({
    allowed: Type.Boolean(),
    refusal: Nullable(Type.String()),
    steps: Type.Array(Type.String(), { description: 'What an unlock would do now: lift_cae, lift_signature, restore_profile' }),
    fourEyes: Type.Boolean(),
    pendingRequestId: Nullable(Type.String()),
  }),
  pinUnblock: Type.Object({
    allowed: Type.Boolean(),
    refusal: Nullable(Type.String()),
    caseId: Nullable(Type.String({ description: 'For the contact centre: the case with the recent passed security questions' })),
  }),
});
export type CustomerActions = Static<typeof CustomerActions>;

/** A case of `caseIds` where the customer passed the security questions within the configured minutes. */
async function recentlyVerifiedCase(ex: Executor, services: Pick<Services, 'clock' | 'config'>, caseIds: readonly string[]): Promise<string | null> {
  if (caseIds.length === 0) return null;
  const since = new Date(services.clock.now().getTime() - services.config.backoffice.pinUnlock.securityCheckMinutes * 60_000);
  const row = await unlockDb(ex).selectFrom('security_checks').select('case_id').where('case_id', 'in', caseIds).where('passed', '=', true).where('answered_at', '>=', since).orderBy('answered_at', 'desc').executeTakeFirst();
  return row?.case_id ?? null;
}

export async function customerActions(ex: Executor, services: Pick<Services, 'clock' | 'config'>, staff: Staff, c: Customer, r: Restrictions & { caseIds: readonly string[] }): Promise<CustomerActions> {
  const steps = unlockPlan(r);
  const pending = await unlockDb(ex).selectFrom('unlock_requests').select('id').where('customer_id', '=', c.id).where('status', '=', 'pending').executeTakeFirst();
  const unlockRefusal = requestRefusal(staff, c.office_code) ?? (steps.length === 0 ? 'nothing_to_unlock' : pending ? 'unlock_pending' : null);
  const branch = staff.role === 'branch';
  const caseId = branch ? null : await recentlyVerifiedCase(ex, services, r.caseIds);
  const pinRefusal = branch || caseId ? null : 'security_check_required';
  return {
    branchUnlock: { allowed: unlockRefusal === null, refusal: unlockRefusal, steps, fourEyes: services.config.backoffice.branchUnlock.fourEyes, pendingRequestId: pending?.id ?? null },
    pinUnblock: { allowed: pinRefusal === null, refusal: pinRefusal, caseId },
  };
}

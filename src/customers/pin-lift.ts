import type { EnqueueDeps } from '../notify/outbox.ts';
import type { Executor } from '../platform/db/database.ts';
import type { LiftChannel } from './blocks.ts';
import { unblockCardPin } from './cards-store.ts';
import { noticeCustomer } from './notices.ts';
import { inTransaction, isUuid } from './store-support.ts';

export interface PinLift {
  customerId: string;
  cardId: string;
  /** `office` (a branch), `contact_centre` (an agent after the security questions) or `core` (provisioning). */
  channel: LiftChannel;
  by: string;
  /** Why, for the audit log: `branch`, `security_check`, `reissued`, `pin_changed`. */
  reason: string;
}

export type PinLiftResult = { lifted: true; last4: string } | { lifted: false; why: 'no_card' | 'not_blocked' | 'not_allowed' };

/**
 * The way back from a blocked card PIN (DESIGN.md §3): lifts its `card_pin` block under the lift
 * policy (never from the self-service that failed), clears the failure count, and tells the
 * customer by SMS, all in one transaction. A card that is not blocked changes nothing.
 */
export function liftCardPin(ex: Executor, deps: EnqueueDeps, lift: PinLift): Promise<PinLiftResult> {
  return inTransaction(ex, async (tx) => {
    const card = isUuid(lift.cardId)
      ? await tx.selectFrom('cards').select(['id', 'last4', 'pin_blocked_at']).where('id', '=', lift.cardId).where('customer_id', '=', lift.customerId).forUpdate().executeTakeFirst()
      : undefined;
    if (!card) return { lifted: false, why: 'no_card' };
    const blocks = await tx.selectFrom('blocks').select('id').where('subject_id', '=', card.id).where('target', '=', 'card_pin').where('lifted_at', 'is', null).execute();
    if (card.pin_blocked_at === null && blocks.length === 0) return { lifted: false, why: 'not_blocked' };
    if (!(await unblockCardPin(tx, deps, { ...lift, cardId: card.id }))) return { lifted: false, why: 'not_allowed' };
    await noticeCustomer(tx, deps, { customerId: lift.customerId, template: 'sms.card_pin_unblocked', params: { last4: card.last4 }, line: 'card-report', by: lift.by });
    return { lifted: true, last4: card.last4 };
  });
}

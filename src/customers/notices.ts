import { appendAudit } from '../audit/audit.ts';
import { directoryEntry } from '../directory/directory.ts';
import { enqueueMessage, type EnqueueDeps } from '../notify/outbox.ts';
import type { TemplateId } from '../notify/templates.ts';
import type { Tx } from '../platform/db/database.ts';
import { isAppError } from '../platform/errors.ts';

/** The directory lines a notice gives the customer to call: card fraud, or the 24-hour customer service. */
export type NoticeLine = 'card-report' | 'customer-service';

export interface Notice {
  customerId: string;
  template: TemplateId;
  /** The template's own parameters; `phone` (the line to call) is added here. */
  params: Record<string, string>;
  line: NoticeLine;
  /** Who caused the change the notice reports, for the audit row of a notice not sent. */
  by: string;
}

export type NoticeResult = 'queued' | 'no_mobile' | 'rate_limited';

/**
 * Tells the customer by SMS that the state of their credentials changed (a block set or
 * lifted), in their registered language, through the outbox in the caller's transaction, with
 * the bank's number from the directory (seed 002's leaflet). Best effort twice over: a customer
 * without a mobile gets none, and an SMS the rate limit refuses is skipped and audited, because
 * the change it reports must stand even when someone else has flooded the customer's phone.
 */
export async function noticeCustomer(tx: Tx, deps: EnqueueDeps, notice: Notice): Promise<NoticeResult> {
  const customer = await tx.selectFrom('customers').select(['mobile', 'locale']).where('id', '=', notice.customerId).executeTakeFirst();
  const skipped = async (why: NoticeResult) => {
    await appendAudit(tx, { at: deps.clock.now(), actor: notice.by, action: 'notice.skipped', customerId: notice.customerId, subject: 'notice', details: { template: notice.template, why } });
    return why;
  };
  if (!customer?.mobile) return skipped('no_mobile');
  const phone = directoryEntry(notice.line).numbers[0]!.display;
  try {
    await enqueueMessage(tx, deps, { channel: 'sms', to: customer.mobile, template: notice.template, customer: { id: notice.customerId, locale: customer.locale }, params: { ...notice.params, phone } });
  } catch (err) {
    if (isAppError(err) && err.code === 'too_many') return skipped('rate_limited');
    throw err;
  }
  return 'queued';
}

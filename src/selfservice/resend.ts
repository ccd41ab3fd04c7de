import { appendAudit } from '../audit/audit.ts';
import { issueCode } from '../customers/codes-store.ts';
import { getCustomer } from '../customers/customers-store.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import type { RecoveryDeps } from './deps.ts';
import { refusal } from './errors.ts';
import { gate, resendAllowed } from './flow.ts';
import { findFlow, recordResend } from './flows-store.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';

/**
 * A new SMS code for the flow: rate-limited per flow (`RESEND_POLICY`) and by the outbox's
 * per-customer and per-phone SMS limit; the new code keeps the failed attempts of the old one
 * (NIST SP 800-63B §3.1.3.2) and the flow keeps its own count and expiry. A flow of nobody
 * gets a new (unsent) code too, so the answer is the same.
 */
export async function resendCode(deps: RecoveryDeps, token: string | undefined): Promise<{ step: 'code_sent'; expiresAt: Date }> {
  const settled = await transactionWithRetry(deps.db, async (tx) => {
    const now = deps.clock.now();
    const flow = await findFlow(tx, deps.hasher, token, true);
    const refused = gate(flow && { step: flow.step, expiresAt: flow.expires_at }, 'resend', now);
    if (refused || !flow) return { error: refusal(refused ?? 'wrong_step') };
    const allowed = resendAllowed({ resends: flow.resends, lastCodeAt: flow.last_code_at }, now);
    if (allowed !== 'ok') return { error: refusal(allowed) };
    const issued = await issueCode(tx, deps, { purpose: 'recovery', subject: `flow:${flow.id}`, customerId: flow.customer_id, maxAttempts: deps.config.web.recoveryCodeAttempts });
    const customer = flow.customer_id ? await getCustomer(tx, flow.customer_id) : undefined;
    if (customer?.mobile) {
      const minutes = Math.round((issued.expiresAt.getTime() - now.getTime()) / 60_000);
      await enqueueMessage(tx, deps, { channel: 'sms', to: customer.mobile, template: 'sms.code.recovery', customer, params: { code: issued.code, minutes } });
    }
    await recordResend(tx, flow.id, now);
    await appendAudit(tx, { at: now, actor: 'web', action: 'recovery.code_resent', customerId: flow.customer_id, subject: 'recovery', details: { flow: flow.id } });
    return { expiresAt: flow.expires_at };
  });
  if ('error' in settled) throw settled.error;
  return { step: 'code_sent', expiresAt: settled.expiresAt };
}

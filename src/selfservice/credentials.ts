import { appendAudit } from '../audit/audit.ts';
import { liftBlocks } from '../customers/blocks-store.ts';
import { setPassword } from '../customers/credentials-store.ts';
import { maskEmail, maskPhone } from '../customers/mask.ts';
import type { TemporaryPassword } from '../customers/temporary-password.ts';
import { enqueueMessages } from '../notify/outbox.ts';
import type { Tx } from '../platform/db/database.ts';
import type { CustomerWithStanding } from '../customers/standing-store.ts';
import type { RecoveryDeps } from './deps.ts';
import { endCustomerSessions } from '../banking/sessions-store.ts';

export interface Delivered {
  /** `sb*****@ebcc.es`, as seed 001 shows it. */
  email: string;
  /** `+34 - 6*****331`. */
  mobile: string;
}

/**
 * Step 3 "Selección confirmada": the user code to the registered email, a temporary password
 * by SMS (single use, `limits.temporaryPasswordTtlSeconds`, opens only the forced change —
 * ASVS §2.5.1), the access blocks the web may lift lifted, the failed-login count cleared,
 * every open online-banking session ended (ASVS 5.0 7.4.3; the SMS says so).
 * Everything in the caller's transaction: the messages exist only if the change commits. The
 * temporary password comes hashed (`newTemporaryPassword`, before the transaction opened).
 */
export async function deliverCredentials(tx: Tx, deps: RecoveryDeps, customer: CustomerWithStanding, flowId: string, temporary: TemporaryPassword): Promise<Delivered> {
  // `onlyBranchCanHelp` let through only a customer with an online-banking user.
  const userCode = customer.standing.onlineBanking!.userCode;
  const email = customer.email!;
  const mobile = customer.mobile!;
  const { password, hash } = temporary;
  const ttl = deps.config.limits.temporaryPasswordTtlSeconds;
  const now = deps.clock.now();
  const base = { customer };
  await enqueueMessages(tx, deps, [
    { ...base, channel: 'sms', to: mobile, template: 'sms.temporary_password', params: { password, minutes: Math.round(ttl / 60) } },
    { ...base, channel: 'email', to: email, template: 'email.user_code', params: { name: customer.name, userCode } },
  ]);
  await liftBlocks(tx, deps, { customerId: customer.id, target: 'access', channel: 'web', by: 'web' });
  // The failed-login count cleared (and audited when it was not zero) with the password set.
  await setPassword(tx, deps, customer.id, hash, { temporary: true, expiresAt: new Date(now.getTime() + ttl * 1000), by: 'web', auditFailuresReset: true });
  // Recovery is when a takeover is suspected: every open online-banking session ends (ASVS 5.0 7.4.3).
  await endCustomerSessions(tx, deps, customer.id, 'credentials_recovered');
  await appendAudit(tx, { at: now, actor: 'web', action: 'recovery.completed', customerId: customer.id, subject: 'recovery', details: { flow: flowId } });
  return { email: maskEmail(email), mobile: maskPhone(mobile) };
}

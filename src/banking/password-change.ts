import { appendAudit } from '../audit/audit.ts';
import { recordPasswordFailure, setPassword } from '../customers/credentials-store.ts';
import { createOperation } from '../customers/operations-store.ts';
import { hashPassword, verifyPassword } from '../customers/passwords.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { Operation } from '../platform/db/schema.ts';
import { requireFullProfile, requireSignature, type Caller } from './access.ts';
import { bankingError } from './errors.ts';
import { checkNewPassword, type PasswordLimits } from './password-policy.ts';
import { banking } from './schema.ts';
import { endCustomerSessions, activateSession } from './sessions-store.ts';
import { sendSigningCode, signingSubject, type SigningDeps } from './signing.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';

/**
 * The password change of seed 001 ("Cambio de contraseña", then "Gestión de claves"): the change
 * is an operation signed with an SMS code. Until it is signed the new password waits as an
 * argon2id hash in its own table, never in the operation's details; signing applies it, ends the
 * customer's other sessions (ASVS 5.0 §7.4.3) and confirms by SMS.
 */
export const PASSWORD_CHANGE_DESCRIPTION = 'Cambio de contraseña de Usuario de Banca Electrónica';

export interface PasswordChangeRequest {
  current: string;
  new: string;
  repeat: string;
}

/** The policy's length window from `limits.passwordMinLength` / `passwordMaxLength`. */
export const passwordLimits = (l: { passwordMinLength: number; passwordMaxLength: number }): PasswordLimits => ({ minLength: l.passwordMinLength, maxLength: l.passwordMaxLength });

export async function requestPasswordChange(db: Db, deps: SigningDeps, caller: Caller, req: PasswordChangeRequest): Promise<Operation> {
  requireFullProfile(caller);
  requireSignature(caller);
  const customerId = caller.customer.id;
  const userInputs = [caller.user.user_code, ...caller.customer.name.split(/\s+/)];
  const verdict = checkNewPassword(req.new, passwordLimits(deps.config.limits), { repeat: req.repeat, userInputs });
  if (!verdict.ok) throw bankingError(verdict.reason!, `the new password is refused: ${verdict.reason}`, { score: verdict.score });
  if (!caller.user.password_hash || !(await verifyPassword(caller.user.password_hash, req.current))) {
    const { blocked } = await recordPasswordFailure(db, deps, customerId);
    if (blocked) {
      await endCustomerSessions(db, deps, customerId, 'blocked');
      throw bankingError('access_blocked', 'too many wrong passwords: access blocked');
    }
    throw bankingError('wrong_current', 'the current password is wrong');
  }
  if (req.new === req.current) throw bankingError('same_as_current', 'the new password is the current one');
  const passwordHash = await hashPassword(req.new);
  return transactionWithRetry(db, async (tx) => {
    await cancelEarlierChanges(tx, deps, customerId);
    const op = await createOperation(tx, deps, { customerId, kind: 'password_change', description: PASSWORD_CHANGE_DESCRIPTION, status: 'pending_signature', by: `customer:${customerId}` });
    await banking(tx).insertInto('banking_pending_passwords').values({ operation_id: op.id, customer_id: customerId, password_hash: passwordHash, created_at: deps.clock.now() }).execute();
    await sendSigningCode(tx, deps, op, caller.customer);
    return op;
  });
}

/** One password change waits at a time: a new request cancels the earlier ones and kills their codes. */
async function cancelEarlierChanges(tx: Tx, deps: SigningDeps, customerId: string): Promise<void> {
  const at = deps.clock.now();
  const earlier = await tx.updateTable('operations').set({ status: 'cancelled', updated_at: at }).where('customer_id', '=', customerId).where('kind', '=', 'password_change').where('status', '=', 'pending_signature').returning(['id', 'reference']).execute();
  for (const op of earlier) {
    await tx.updateTable('one_time_codes').set({ expires_at: at }).where('subject', '=', signingSubject(op)).where('consumed_at', 'is', null).where('expires_at', '>', at).execute();
    await dropPendingPassword(tx, op.id);
    await appendAudit(tx, { at, actor: `customer:${customerId}`, action: 'banking.operation_cancelled', customerId, subject: signingSubject(op), details: { reference: op.reference, from: 'pending_signature', replaced: true } });
  }
}

export async function dropPendingPassword(tx: Tx, operationId: string): Promise<void> {
  await banking(tx).deleteFrom('banking_pending_passwords').where('operation_id', '=', operationId).execute();
}

/** Applies a signed password change: new non-temporary password, other sessions ended, SMS. */
export async function applyPasswordChange(tx: Tx, deps: SigningDeps, caller: Caller, op: Operation): Promise<void> {
  const pending = await banking(tx).selectFrom('banking_pending_passwords').select('password_hash').where('operation_id', '=', op.id).executeTakeFirst();
  if (!pending) throw bankingError('wrong_status', 'this password change has nothing left to apply');
  const customerId = caller.customer.id;
  await setPassword(tx, deps, customerId, pending.password_hash, { temporary: false, expiresAt: null, by: `customer:${customerId}` });
  await dropPendingPassword(tx, op.id);
  await endCustomerSessions(tx, deps, customerId, 'password_changed', caller.session.id_hash);
  await activateSession(tx, caller.session.id_hash);
  if (caller.customer.mobile) {
    await enqueueMessage(tx, deps, { channel: 'sms', to: caller.customer.mobile, template: 'sms.password_changed', customer: caller.customer, params: {} });
  }
}

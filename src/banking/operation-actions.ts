import { appendAudit } from '../audit/audit.ts';
import { liftBlocks } from '../customers/blocks-store.ts';
import { verifyCode } from '../customers/codes-store.ts';
import { recordSignatureFailure, resetSignatureFailures } from '../customers/credentials-store.ts';
import { releaseOperation } from '../customers/operations-store.ts';
import { isOperationReference } from '../customers/operations.ts';
import type { Db, Executor, Tx } from '../platform/db/database.ts';
import type { Operation } from '../platform/db/schema.ts';
import type { AppError } from '../platform/errors.ts';
import type { Caller } from './access.ts';
import { requireFullProfile, requireSignature } from './access.ts';
import { codeAttemptsLeft, codeRefusal } from './code-outcome.ts';
import { bankingError } from './errors.ts';
import { nextStatus, type OperationAction } from './operation-rules.ts';
import { applyPasswordChange, dropPendingPassword } from './password-change.ts';
import { sendSigningCode, signingSubject, type SigningDeps } from './signing.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';

/**
 * What the customer does to one of their operations: sign it with its code, ask for the code
 * again, cancel it, or release a held one with the unlock code of IVR branch 2. Each runs in one
 * transaction that commits even when the answer is a refusal (a wrong code must stay counted);
 * the refusal is thrown after the commit.
 */
export type OperationDeps = SigningDeps;

/** Seconds between two signing SMS of the same operation. */
export const RESEND_COOLDOWN_SECONDS = 30;

type Outcome = { op: Operation } | { error: AppError };

/** The caller's operation with this reference, or 404 (another customer's looks the same as none). */
export async function ownOperation(ex: Executor, caller: Caller, reference: string, lock = false): Promise<Operation> {
  let query = ex.selectFrom('operations').selectAll().where('customer_id', '=', caller.customer.id).where('reference', '=', reference);
  if (lock) query = query.forUpdate();
  const op = isOperationReference(reference) ? await query.executeTakeFirst() : undefined;
  if (!op) throw bankingError('operation_not_found', 'no such operation');
  // A temporary-password session reaches only its password change (seed 001 step 6).
  if (caller.session.state === 'must_change_password' && op.kind !== 'password_change') {
    throw bankingError('password_change_required', 'the temporary password must be changed first');
  }
  return op;
}

function allowed(op: Operation, action: OperationAction): void {
  if (!nextStatus(op.status, action)) throw bankingError('wrong_status', `an operation in status ${op.status} cannot be asked to ${action}`, { status: op.status });
}

async function run(db: Db, fn: (tx: Tx) => Promise<Outcome>): Promise<Operation> {
  const outcome = await transactionWithRetry(db, fn);
  if ('error' in outcome) throw outcome.error;
  return outcome.op;
}

const actor = (caller: Caller) => `customer:${caller.customer.id}`;

/** Signs with the SMS (or IVR 3.2) code; a wrong code counts against the signature (PSD2 RTS art. 4(3)(b)). */
export function signOperation(db: Db, deps: OperationDeps, caller: Caller, reference: string, code: string): Promise<Operation> {
  return run(db, async (tx) => {
    const op = await ownOperation(tx, caller, reference, true);
    allowed(op, 'sign');
    if (op.kind !== 'password_change') requireFullProfile(caller);
    requireSignature(caller);
    const subject = signingSubject(op);
    const check = await verifyCode(tx, deps, { purpose: 'signing', subject, code });
    const at = deps.clock.now();
    if (check === 'ok') {
      const signed = await tx.updateTable('operations').set({ status: 'signed', updated_at: at }).where('id', '=', op.id).returningAll().executeTakeFirstOrThrow();
      await resetSignatureFailures(tx, deps, caller.customer.id);
      if (op.kind === 'password_change') await applyPasswordChange(tx, deps, caller, op);
      await appendAudit(tx, { at, actor: actor(caller), action: 'banking.operation_signed', customerId: caller.customer.id, subject, details: { reference: op.reference, kind: op.kind } });
      return { op: signed };
    }
    if (check === 'expired' || check === 'not_found') return { error: codeRefusal(check, 0) };
    const { failures, blocked } = await recordSignatureFailure(tx, deps, caller.customer.id);
    if (blocked) return { error: bankingError('signature_blocked', 'too many wrong signing codes: the signature is blocked') };
    const left = Math.min(deps.config.limits.signingCodeAttempts - failures, await codeAttemptsLeft(tx, 'signing', subject));
    return { error: codeRefusal(check, left) };
  });
}

/** A new signing code by SMS; the old one stops working, its failed attempts carry over. */
export function resendSigningCode(db: Db, deps: OperationDeps, caller: Caller, reference: string): Promise<Operation> {
  return run(db, async (tx) => {
    const op = await ownOperation(tx, caller, reference, true);
    allowed(op, 'resend');
    requireSignature(caller);
    const last = await tx.selectFrom('one_time_codes').select('created_at').where('purpose', '=', 'signing').where('subject', '=', signingSubject(op)).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
    const now = deps.clock.now().getTime();
    if (last && now - last.created_at.getTime() < RESEND_COOLDOWN_SECONDS * 1000) {
      return { error: bankingError('resend_too_soon', 'a code was sent moments ago', { retryAfterSeconds: Math.ceil(RESEND_COOLDOWN_SECONDS - (now - last.created_at.getTime()) / 1000) }) };
    }
    await sendSigningCode(tx, deps, op, caller.customer);
    return { op };
  });
}

/** Cancels a pending or held operation; its live codes die with it. */
export function cancelOperation(db: Db, deps: OperationDeps, caller: Caller, reference: string): Promise<Operation> {
  return run(db, async (tx) => {
    const op = await ownOperation(tx, caller, reference, true);
    allowed(op, 'cancel');
    const at = deps.clock.now();
    if (op.status === 'held') await liftBlocks(tx, deps, { customerId: op.customer_id, target: 'operation', subjectId: op.id, channel: 'web', by: actor(caller) });
    await tx.updateTable('one_time_codes').set({ expires_at: at }).where('subject', '=', signingSubject(op)).where('consumed_at', 'is', null).where('expires_at', '>', at).execute();
    await dropPendingPassword(tx, op.id);
    const cancelled = await tx.updateTable('operations').set({ status: 'cancelled', updated_at: at }).where('id', '=', op.id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(tx, { at, actor: actor(caller), action: 'banking.operation_cancelled', customerId: op.customer_id, subject: signingSubject(op), details: { reference: op.reference, from: op.status } });
    return { op: cancelled };
  });
}

/**
 * Releases a held operation with the unlock code IVR branch 2 sent (`purpose 'unlock'`), then
 * sends its signing code: release and signature stay two separate proofs.
 */
export function unlockOperation(db: Db, deps: OperationDeps, caller: Caller, reference: string, code: string): Promise<Operation> {
  return run(db, async (tx) => {
    const op = await ownOperation(tx, caller, reference, true);
    allowed(op, 'unlock');
    requireFullProfile(caller);
    const subject = signingSubject(op);
    const check = await verifyCode(tx, deps, { purpose: 'unlock', subject, code });
    if (check !== 'ok') return { error: codeRefusal(check, await codeAttemptsLeft(tx, 'unlock', subject)) };
    const { released, operation } = await releaseOperation(tx, deps, { operationId: op.id, channel: 'web', by: actor(caller) });
    if (!released) return { error: bankingError('visit_branch', 'a block on this operation only a branch can lift') };
    if (!caller.blocks.signatureBlocked) await sendSigningCode(tx, deps, operation, caller.customer);
    return { op: operation };
  });
}

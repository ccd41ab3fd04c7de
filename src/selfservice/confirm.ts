import { appendAudit } from '../audit/audit.ts';
import { newTemporaryPassword } from '../customers/temporary-password.ts';
import { onlyBranchCanHelp } from './branch.ts';
import { deliverCredentials, type Delivered } from './credentials.ts';
import type { RecoveryDeps } from './deps.ts';
import { refusal } from './errors.ts';
import { attemptsLeft, codeOutcome, gate } from './flow.ts';
import { findFlow, lockFlowWithCustomer, setStep, tryFlowCode } from './flows-store.ts';
import { cleanCode } from './input.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';

export type ConfirmResult = ({ step: 'done' } & Delivered) | { step: 'visit_branch' };

type Settled = { kind: 'answer'; result: ConfirmResult } | { kind: 'refuse'; error: Error };

/**
 * Step 2 "Confirmación": the SMS code. The flow must be in `code_sent` and alive; the attempt
 * is counted on the flow before the code is compared (and the code's own counter too), and a
 * flow of nobody answers exactly as a known one with a wrong code. At
 * `web.recoveryCodeAttempts` the flow fails for good. Counting commits even when the answer is
 * a refusal: the transaction returns what to say and the refusal is thrown after it.
 */
export async function confirmRecovery(deps: RecoveryDeps, token: string | undefined, code: string): Promise<ConfirmResult> {
  const max = deps.config.web.recoveryCodeAttempts;
  // The temporary password is hashed before the transaction (see newTemporaryPassword), for
  // every attempt on a live flow awaiting its code — the wrong ones and a flow of nobody too,
  // so they all take the same time (the attempts are bounded). A request without such a flow
  // is refused below without costing a hash.
  const seen = await findFlow(deps.db, deps.hasher, token);
  const live = seen && !gate({ step: seen.step, expiresAt: seen.expires_at }, 'confirm', deps.clock.now());
  const temporary = live ? await newTemporaryPassword() : undefined;
  const settled = await transactionWithRetry(deps.db, async (tx): Promise<Settled> => {
    const now = deps.clock.now();
    // The flow locked and its customer read with it (one statement): whether a right code
    // completes the flow is known before the code is tried.
    const found = await lockFlowWithCustomer(tx, deps.hasher, token);
    const flow = found?.flow;
    const refused = gate(flow && { step: flow.step, expiresAt: flow.expires_at }, 'confirm', now);
    if (refused || !flow) return { kind: 'refuse', error: refusal(refused ?? 'wrong_step') };
    const customer = found.customer;
    // A block may have been set since step 1 (the contact centre works 24/7).
    const why = customer ? onlyBranchCanHelp(customer) : null;
    // One statement: a code that ran out of time is no guess (the flow keeps its tries; a flow
    // of nobody has an unsent code of its own, so it answers alike); else the attempt is counted
    // on the flow and on the code before the comparison, and a right code is consumed (and
    // completes the flow when nothing sends the customer to a branch).
    const tried = await tryFlowCode(tx, deps, { flowId: flow.id, code: cleanCode(code), max, completes: customer !== undefined && why === null });
    if (tried.kind === 'expired') return { kind: 'refuse', error: refusal('expired_code', { attemptsLeft: attemptsLeft(flow.code_attempts, max) }) };
    if (tried.kind === 'no_more_attempts') return { kind: 'refuse', error: refusal('too_many_attempts') };
    const { attempts, check } = tried;
    const outcome = codeOutcome(check, flow.customer_id !== null, attempts, max);
    const audit = { at: now, actor: 'web', customerId: flow.customer_id, subject: 'recovery' };
    if (outcome === 'failed') {
      await setStep(tx, flow.id, 'failed', now);
      await appendAudit(tx, { ...audit, action: 'recovery.failed', details: { flow: flow.id, attempts } });
      return { kind: 'refuse', error: refusal('too_many_attempts') };
    }
    if (outcome !== 'done') return { kind: 'refuse', error: refusal(outcome === 'expired_code' ? 'expired_code' : 'invalid_code', { attemptsLeft: attemptsLeft(attempts, max) }) };
    if (why || !customer) {
      await setStep(tx, flow.id, 'failed', now);
      await appendAudit(tx, { ...audit, action: 'recovery.referred_to_branch', details: { flow: flow.id, reason: why } });
      return { kind: 'answer', result: { step: 'visit_branch' } };
    }
    if (!tried.completed) throw new Error('a right code of a verified flow did not complete it');
    const delivered = await deliverCredentials(tx, deps, customer, flow.id, temporary ?? (await newTemporaryPassword()));
    return { kind: 'answer', result: { step: 'done', ...delivered } };
  });
  if (settled.kind === 'refuse') throw settled.error;
  return settled.result;
}

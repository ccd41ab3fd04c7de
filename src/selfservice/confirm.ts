import { appendAudit } from '../audit/audit.ts';
import { newestCodeExpired, verifyCode } from '../customers/codes-store.ts';
import { getCustomerWithStanding } from '../customers/standing-store.ts';
import { newTemporaryPassword } from '../customers/temporary-password.ts';
import { onlyBranchCanHelp } from './branch.ts';
import { deliverCredentials, type Delivered } from './credentials.ts';
import type { RecoveryDeps } from './deps.ts';
import { refusal } from './errors.ts';
import { attemptsLeft, codeOutcome, gate } from './flow.ts';
import { countCodeAttempt, findFlow, setStep } from './flows-store.ts';
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
    const flow = await findFlow(tx, deps.hasher, token, true);
    const refused = gate(flow && { step: flow.step, expiresAt: flow.expires_at }, 'confirm', now);
    if (refused || !flow) return { kind: 'refuse', error: refusal(refused ?? 'wrong_step') };
    const subject = `flow:${flow.id}`;
    // A code that ran out of time is no guess: the flow keeps its tries (a flow of nobody has
    // an unsent code of its own, so it answers alike).
    if (await newestCodeExpired(tx, 'recovery', subject, now)) return { kind: 'refuse', error: refusal('expired_code', { attemptsLeft: attemptsLeft(flow.code_attempts, max) }) };
    const attempts = await countCodeAttempt(tx, flow.id, max, now);
    if (attempts === undefined) return { kind: 'refuse', error: refusal('too_many_attempts') };
    const check = await verifyCode(tx, deps, { purpose: 'recovery', subject, code: cleanCode(code) });
    const outcome = codeOutcome(check, flow.customer_id !== null, attempts, max);
    const audit = { at: now, actor: 'web', customerId: flow.customer_id, subject: 'recovery' };
    if (outcome === 'failed') {
      await setStep(tx, flow.id, 'failed', now);
      await appendAudit(tx, { ...audit, action: 'recovery.failed', details: { flow: flow.id, attempts } });
      return { kind: 'refuse', error: refusal('too_many_attempts') };
    }
    if (outcome !== 'done') return { kind: 'refuse', error: refusal(outcome === 'expired_code' ? 'expired_code' : 'invalid_code', { attemptsLeft: attemptsLeft(attempts, max) }) };
    const customer = (await getCustomerWithStanding(tx, flow.customer_id!))!;
    // A block may have been set since step 1 (the contact centre works 24/7).
    const why = onlyBranchCanHelp(customer);
    if (why) {
      await setStep(tx, flow.id, 'failed', now);
      await appendAudit(tx, { ...audit, action: 'recovery.referred_to_branch', details: { flow: flow.id, reason: why } });
      return { kind: 'answer', result: { step: 'visit_branch' } };
    }
    const delivered = await deliverCredentials(tx, deps, customer, flow.id, temporary ?? (await newTemporaryPassword()));
    await setStep(tx, flow.id, 'done', now);
    return { kind: 'answer', result: { step: 'done', ...delivered } };
  });
  if (settled.kind === 'refuse') throw settled.error;
  return settled.result;
}

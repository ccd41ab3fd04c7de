import { appendAudit } from '../audit/audit.ts';
import { checkCardPinOf } from '../customers/cards-store.ts';
import { issueCode } from '../customers/codes-store.ts';
import { findCustomerWithStanding } from '../customers/standing-store.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import { onlyBranchCanHelp } from './branch.ts';
import { checkCaptcha } from './captcha.ts';
import { spendChallenge } from './captcha-store.ts';
import type { RecoveryDeps } from './deps.ts';
import { refusal } from './errors.ts';
import { flowExpiry } from './flow.ts';
import { createFlow } from './flows-store.ts';
import { checkStartInput, type StartInput } from './input.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';

// Stand-ins for "nobody" and "no such card": the PIN check still runs (a dummy verification),
// so an unknown document or card costs what a known one does.
const NOBODY = '00000000-0000-0000-0000-000000000000';

export type StartResult = { step: 'code_sent'; token: string; expiresAt: Date } | { step: 'visit_branch' };

/**
 * Step 1 "Tu dato" (seed 001). Shapes first (a clear 400 naming the field), then the captcha,
 * spent in its own statement so a failure later does not make it reusable. Then, whatever
 * matches: the same work and the same answer for an unknown document, a card of someone
 * else, a wrong PIN (counted against the card) and the right data — a flow with a code is
 * created for each, and only the last sends the code by SMS (OWASP Forgot Password; PSD2 RTS
 * art. 4(3)(a)). Only someone who proved document, card and PIN may hear "visit your branch".
 */
export async function startRecovery(deps: RecoveryDeps, input: StartInput, captcha: string | undefined): Promise<StartResult> {
  const shape = checkStartInput(input);
  if (!shape.ok) throw refusal(shape.reason);
  const data = shape.value;
  const solved = await checkCaptcha(deps, captcha);
  const now = deps.clock.now();
  if (!solved.ok || !(await spendChallenge(deps.db, deps.hasher, solved.nonce, solved.expiresAt, now))) {
    await appendAudit(deps.db, { at: now, actor: 'web', action: 'recovery.captcha_refused', subject: 'recovery', details: { why: solved.ok ? 'replayed' : solved.why } });
    throw refusal('captcha');
  }
  return transactionWithRetry(deps.db, async (tx) => {
    const customer = await findCustomerWithStanding(tx, data.documentType, data.document);
    // The customer's card with this number, locked and its PIN checked (one statement); none
    // (someone else's card, an unknown number or document) costs a dummy verification alike.
    const { check: pin, cardId } = await checkCardPinOf(tx, deps, { customerId: customer?.id ?? NOBODY, last4: data.last4, pin: data.pin, pan: data.pan, by: 'web' });
    const verified = customer !== undefined && pin === 'ok' ? customer : undefined;
    const failed = [...(customer ? [] : ['document']), ...(pin === 'ok' ? [] : [pin === 'blocked' ? 'card_blocked' : 'card'])];
    const audit = { at: now, actor: 'web', customerId: customer?.id ?? null, subject: 'recovery' };

    if (verified) {
      const why = onlyBranchCanHelp(verified);
      if (why) {
        await appendAudit(tx, { ...audit, action: 'recovery.referred_to_branch', details: { reason: why } });
        return { step: 'visit_branch' } as const;
      }
    }
    const expiresAt = flowExpiry(now, deps.config.web.recoveryFlowTtlSeconds);
    const { flow, token } = await createFlow(tx, deps.hasher, { customerId: verified?.id ?? null, cardId: verified ? cardId : null, step: 'code_sent', lastCodeAt: now, now, expiresAt });
    const subject = `flow:${flow.id}`;
    // The flow is this transaction's own, uncommitted: its code needs no lock against others.
    const issued = await issueCode(tx, deps, { purpose: 'recovery', subject, customerId: verified?.id ?? null, maxAttempts: deps.config.web.recoveryCodeAttempts, subjectIsNew: true });
    if (verified) {
      const minutes = Math.round((issued.expiresAt.getTime() - now.getTime()) / 60_000);
      await enqueueMessage(tx, deps, { channel: 'sms', to: verified.mobile!, template: 'sms.code.recovery', customer: verified, params: { code: issued.code, minutes } });
    }
    await appendAudit(tx, { ...audit, action: verified ? 'recovery.started' : 'recovery.identification_failed', details: { flow: flow.id, failed } });
    return { step: 'code_sent', token, expiresAt } as const;
  });
}

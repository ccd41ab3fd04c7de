import { appendAudit } from '../audit/audit.ts';
import { endCustomerSessions } from '../banking/sessions-store.ts';
import { canLift, type BlockTarget } from '../customers/blocks.ts';
import { liftBlocks } from '../customers/blocks-store.ts';
import type { PinDeps } from '../customers/cards-store.ts';
import { issueCode, readLiveCode, refreshCodeAttempts } from '../customers/codes-store.ts';
import { resetSignatureFailures, setPassword } from '../customers/credentials-store.ts';
import { phoneEnding } from '../customers/mask.ts';
import type { Standing } from '../customers/standing-store.ts';
import type { HashingDeps } from '../customers/store-support.ts';
import { enqueueMessage, enqueueMessages, type EnqueueDeps } from '../notify/outbox.ts';
import { randomDigits } from '../platform/crypto.ts';
import type { Tx } from '../platform/db/database.ts';
import { phoneBankingPinHash } from '../customers/phone-banking-pin.ts';
import type { ActionName } from './flow-types.ts';
import { newTemporaryPassword, type TemporaryPassword } from '../customers/temporary-password.ts';
import { spellDigits } from './speech.ts';
import type { ActionRequest, ActionResult, ActionRunner } from './turn.ts';
import { identify, onlyBranchCanHelp, type Checks, type Verified } from './verify.ts';

/**
 * The actions the flow names, each the work of one seed-000 branch once the caller is
 * identified. They run inside the turn's transaction: the credential change, its audit rows,
 * its messages (outbox) and the call's new state commit together or not at all. A rate-limited
 * SMS throws `too_many` before anything changes; the turn is then replayed as `unavailable`.
 */
export type ActionDeps = PinDeps & HashingDeps & EnqueueDeps;

type Work = (tx: Tx, deps: ActionDeps, req: ActionRequest, who: Verified, audit: Audit, prepared: Prepared) => Promise<ActionResult>;

/**
 * What an action needs that takes no database and costs CPU — the argon2id hash of a
 * temporary password — worked out before the turn's transaction opens (`prepareActions`), so
 * the transaction does not hold its connection and locks through the hash.
 */
export interface Prepared {
  temporaryPassword?: TemporaryPassword;
}
type Audit = (action: string, details?: Record<string, unknown>) => Promise<void>;

/** 1.1: user code to the registered email, temporary password by SMS, forced change at next login, every online-banking session ended. */
const recoverOnlineBanking: Work = async (tx, deps, req, { customer, standing }, audit, prepared) => {
  const user = standing.onlineBanking;
  // Seed: "es imprescindible tener el correo electrónico y el teléfono móvil actualizados".
  if (!user || !customer.email || !customer.mobile) return unavailable(audit, 'no online-banking user, email or mobile');
  if (onlyBranchLifts(standing, 'access')) return referred(audit, 'access');
  // Prepared before the transaction; computed here only if the turn took an unforeseen path.
  const { password, hash } = prepared.temporaryPassword ?? (await newTemporaryPassword());
  const ttl = deps.config.limits.temporaryPasswordTtlSeconds;
  const base = { customer };
  await enqueueMessages(tx, deps, [
    { ...base, channel: 'sms', to: customer.mobile, template: 'sms.temporary_password', params: { password, minutes: Math.round(ttl / 60) } },
    { ...base, channel: 'email', to: customer.email, template: 'email.user_code', params: { name: customer.name, userCode: user.userCode } },
  ]);
  await liftBlocks(tx, deps, { customerId: customer.id, target: 'access', channel: 'ivr', by: 'ivr' });
  const expiresAt = new Date(deps.clock.now().getTime() + ttl * 1000);
  await setPassword(tx, deps, customer.id, hash, { temporary: true, expiresAt, by: 'ivr' });
  // Recovery is when a takeover is suspected: every open online-banking session ends (ASVS 5.0 7.4.3).
  await endCustomerSessions(tx, deps, customer.id, 'credentials_recovered');
  await audit('ivr.online_banking_recovered');
  return { outcome: 'done', data: { mobileEnding: spellDigits(phoneEnding(customer.mobile)) } };
};

/** 1.2: new phone-banking credentials by SMS. */
const resetPhoneBanking: Work = async (tx, deps, req, { customer, standing }, audit) => {
  const user = await tx.selectFrom('phone_banking_users').select('user_code').where('customer_id', '=', customer.id).executeTakeFirst();
  if (!user || !customer.mobile) return unavailable(audit, 'no phone-banking user or mobile');
  if (onlyBranchLifts(standing, 'phone_banking')) return referred(audit, 'phone_banking');
  const pin = randomDigits(6);
  await enqueueMessage(tx, deps, { channel: 'sms', to: customer.mobile, template: 'sms.phone_banking_credentials', customer, params: { userCode: user.user_code, pin } });
  await tx
    .updateTable('phone_banking_users')
    .set({ pin_hash: phoneBankingPinHash(deps.hasher, customer.id, pin), failed_attempts: 0, updated_at: deps.clock.now() })
    .where('customer_id', '=', customer.id)
    .execute();
  await liftBlocks(tx, deps, { customerId: customer.id, target: 'phone_banking', channel: 'ivr', by: 'ivr' });
  await audit('ivr.phone_banking_reset');
  return { outcome: 'done', data: { mobileEnding: spellDigits(phoneEnding(customer.mobile)) } };
};

/** 2: the unlock code of the held operation by SMS, to be entered in online banking. */
const sendUnlockCode: Work = async (tx, deps, req, { customer, standing, operation }, audit) => {
  if (!customer.mobile) return unavailable(audit, 'no mobile');
  const op = operation!;
  if (onlyBranchLifts(standing, 'operation', op.id)) return referred(audit, 'operation');
  const issued = await issueCode(tx, deps, { purpose: 'unlock', subject: `operation:${op.id}`, customerId: customer.id });
  const minutes = Math.round((issued.expiresAt.getTime() - deps.clock.now().getTime()) / 60_000);
  await enqueueMessage(tx, deps, { channel: 'sms', to: customer.mobile, template: 'sms.unlock_code', customer, params: { code: issued.code, reference: op.reference, minutes } });
  await audit('ivr.unlock_code_sent', { reference: op.reference });
  return { outcome: 'done', data: { mobileEnding: spellDigits(phoneEnding(customer.mobile)) } };
};

/** 3.1: the signature unlocked (blocks the customer may lift, failure count cleared). */
const unlockSignature: Work = async (tx, deps, req, { customer, standing }, audit) => {
  if (onlyBranchLifts(standing, 'signature')) return referred(audit, 'signature');
  if (customer.mobile) {
    await enqueueMessage(tx, deps, { channel: 'sms', to: customer.mobile, template: 'sms.signature_unlocked', customer, params: {} });
  }
  await liftBlocks(tx, deps, { customerId: customer.id, target: 'signature', channel: 'ivr', by: 'ivr' });
  await resetSignatureFailures(tx, deps, customer.id, 'ivr');
  // The operation's live code gets a fresh set of tries: 3.2 or the late SMS then still signs.
  await refreshCodeAttempts(tx, deps, { purpose: 'signing', customerId: customer.id, by: 'ivr' });
  await audit('ivr.signature_unlocked');
  return { outcome: 'done' };
};

/**
 * 3.2: the signing code of the operation, read out by voice: the very code the SMS carried while
 * it lives (kept sealed until used, replaced or expired), so the SMS that arrives late still
 * signs; a new one only when none is live, itself readable again by a later call. While the
 * signature is blocked no code could sign: the caller is told so and offered 3.1 (or the
 * branch, for a block only a branch lifts). The digits go to the caller's ear, nowhere else.
 */
const readSigningCode: Work = async (tx, deps, _req, { customer, standing, operation }, audit) => {
  const op = operation!;
  if (onlyBranchLifts(standing, 'signature')) return referred(audit, 'signature');
  if (standing.blocks.some((b) => b.target === 'signature')) {
    await audit('ivr.signing_code_refused', { reference: op.reference, reason: 'signature_blocked' });
    return { outcome: 'signatureBlocked' };
  }
  const subject = `operation:${op.id}`;
  const live = await readLiveCode(tx, deps, 'signing', subject);
  const { signingCodeTtlSeconds, signingCodeAttempts } = deps.config.limits;
  const code = live?.code ?? (await issueCode(tx, deps, { purpose: 'signing', subject, customerId: customer.id, ttlSeconds: signingCodeTtlSeconds, maxAttempts: signingCodeAttempts, readable: true })).code;
  await audit('ivr.signing_code_read', { reference: op.reference, codeSent: live !== undefined });
  return { outcome: 'done', data: { reference: spellDigits(op.reference), digits: spellDigits(code) } };
};

/** What each action verifies first, what it prepares outside the transaction, and its work. */
export const ACTIONS: Readonly<Record<ActionName, { checks: Checks; work: Work; prepare?: () => Promise<Prepared> }>> = {
  recoverOnlineBanking: { checks: { card: true }, work: recoverOnlineBanking, prepare: async () => ({ temporaryPassword: await newTemporaryPassword() }) },
  resetPhoneBanking: { checks: { card: true }, work: resetPhoneBanking },
  sendUnlockCode: { checks: { card: false, operation: 'held' }, work: sendUnlockCode },
  unlockSignature: { checks: { card: true }, work: unlockSignature },
  readSigningCode: { checks: { card: true, operation: 'pending_signature' }, work: readSigningCode },
};

/** The action runner of one turn of one call, inside the turn's transaction. */
export function ivrActions(tx: Tx, deps: ActionDeps, callSid: string, prepared: Prepared = {}): ActionRunner {
  return async (req) => {
    const { checks, work } = ACTIONS[req.action];
    const identification = await identify(tx, deps, req, checks, callSid);
    if (!identification.ok) return { outcome: 'rejected', ...(identification.pinBlocked ? { pinBlocked: true } : {}) };
    const { who } = identification;
    const audit: Audit = (action, details = {}) =>
      appendAudit(tx, { at: deps.clock.now(), actor: 'ivr', action, customerId: who.customer.id, subject: `call:${callSid}`, details: { branch: req.context.branch ?? null, ...details } });
    // The identified customer goes into the call's context: a handover later in the call names them.
    if (onlyBranchCanHelp(who.standing)) return { ...(await referred(audit, 'contact_centre_or_read_only')), customerId: who.customer.id };
    return { ...(await work(tx, deps, req, who, audit, prepared)), customerId: who.customer.id };
  };
}

/** The preparations of the actions a turn is about to ask for (see `Prepared`). */
export async function prepareActions(actions: readonly ActionName[]): Promise<Prepared> {
  const parts = await Promise.all(actions.map((a) => ACTIONS[a].prepare?.() ?? Promise.resolve({})));
  return Object.assign({}, ...parts) as Prepared;
}

/** Whether an active block on the target (or one subject of it) is one the IVR may not lift. */
function onlyBranchLifts(standing: Standing, target: BlockTarget, subjectId?: string): boolean {
  return standing.blocks.some((b) => b.target === target && (subjectId === undefined || b.subject_id === subjectId) && !canLift(b, 'ivr'));
}

async function referred(audit: Audit, reason: string): Promise<ActionResult> {
  await audit('ivr.referred_to_branch', { reason });
  return { outcome: 'visitBranch' };
}

async function unavailable(audit: Audit, reason: string): Promise<ActionResult> {
  await audit('ivr.unavailable', { reason });
  return { outcome: 'unavailable' };
}

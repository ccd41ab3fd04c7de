import { appendAudit } from '../audit/audit.ts';
import { checkCardPin, type PinDeps } from '../customers/cards-store.ts';
import { isRegisteredPhone } from '../customers/customers-store.ts';
import { findOperationByReference } from '../customers/operations-store.ts';
import { findCustomerWithStanding, type Standing } from '../customers/standing-store.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Customer, Operation, OperationStatus } from '../platform/db/schema.ts';
import type { ActionRequest } from './turn.ts';

/** Who is calling about what, once every check passed. */
export interface Verified {
  customer: Customer;
  /** Read with the customer, before any change of the turn. */
  standing: Standing;
  operation: Operation | undefined;
}

/**
 * The identification's answer: who, when every check passed; otherwise only whether a blocked
 * PIN was met (for the agent a handover reaches; the caller hears the same words for every failure).
 */
export type Identification = { ok: true; who: Verified } | { ok: false; pinBlocked: boolean };

export interface Checks {
  /** Card last four + PIN (all branches but 2). */
  card: boolean;
  /** The operation named by the reference must be in this status (branches 2 and 3.2). */
  operation?: OperationStatus;
}

// Stands for "no such customer" (or a caller who is a stranger to the customer): the PIN check
// still runs (against no card, so a dummy verification), and costs what a real one does.
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Seed 000's identification: document, caller id (the phone registered with the bank), card last
 * four + PIN (failures counted against the card, as at an ATM, but only for a caller calling from
 * one of the customer's phones) and, where asked, the operation.
 * Every check runs whatever the others found, and any failure is one answer, `ok: false`, so the
 * caller hears the same words for all. The audit log keeps which checks failed, for agents.
 */
export async function identify(tx: Tx, deps: PinDeps, req: ActionRequest, checks: Checks, callSid: string): Promise<Identification> {
  const doc = req.context.document;
  const found = doc ? await findCustomerWithStanding(tx, doc.type, doc.number) : undefined;
  let who: Omit<Verified, 'operation'> | undefined;
  if (found) {
    const { standing, ...customer } = found;
    who = { customer, standing };
  }
  const failed: string[] = who ? [] : ['document'];
  // A caller whose number is not one of the customer's phones is a stranger to that customer: no
  // secret of theirs is checked and no counter of theirs moves (else two calls from any phone,
  // knowing a DNI and a card's last four, would block the customer's PIN for every channel).
  // The PIN still goes through a check against no card, so the words and the time are the same.
  const stranger = who !== undefined && !isRegisteredPhone(who.customer, req.from);
  if (stranger) failed.push('caller_id');
  if (checks.card) {
    const pin = await checkCardPin(tx, deps, { customerId: who && !stranger ? who.customer.id : NOBODY, last4: req.context.cardLast4 ?? '', pin: req.secrets.pin ?? '', by: 'ivr' });
    if (pin !== 'ok' && !stranger) failed.push(pin === 'blocked' ? 'card_blocked' : 'card');
  }
  let operation: Operation | undefined;
  if (who && checks.operation) {
    operation = await findOperationByReference(tx, who.customer.id, req.context.reference ?? '');
    if (operation?.status !== checks.operation) failed.push('operation');
  }
  const at = deps.clock.now();
  const audit = { at, actor: 'ivr', customerId: who?.customer.id ?? null, subject: `call:${callSid}` };
  if (failed.length > 0 || !who) {
    await appendAudit(tx, { ...audit, action: 'ivr.verification_failed', details: { branch: req.context.branch ?? null, failed } });
    return { ok: false, pinBlocked: failed.includes('card_blocked') };
  }
  await appendAudit(tx, { ...audit, action: 'ivr.verified', details: { branch: req.context.branch ?? null } });
  return { ok: true, who: { ...who, operation } };
}

/**
 * Whether only a branch can help this verified customer: a contact-centre block ("BLOQUEO CAE")
 * or the read-only profile ("perfil CONSULTAS"), which self-service never lifts (seed 002).
 */
export function onlyBranchCanHelp(standing: Standing): boolean {
  return standing.blocks.some((b) => b.origin === 'contact_centre') || standing.onlineBanking?.profile === 'read_only';
}

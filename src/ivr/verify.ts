import { appendAudit } from '../audit/audit.ts';
import { hasContactCentreBlock } from '../customers/blocks-store.ts';
import { checkCardPin, type PinDeps } from '../customers/cards-store.ts';
import { findCustomerByDocument, isRegisteredPhone } from '../customers/customers-store.ts';
import { findOperationByReference } from '../customers/operations-store.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Customer, Operation, OperationStatus } from '../platform/db/schema.ts';
import type { ActionRequest } from './turn.ts';

/** Who is calling about what, once every check passed. */
export interface Verified {
  customer: Customer;
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
  const customer = doc ? await findCustomerByDocument(tx, doc.type, doc.number) : undefined;
  const failed: string[] = customer ? [] : ['document'];
  // A caller whose number is not one of the customer's phones is a stranger to that customer: no
  // secret of theirs is checked and no counter of theirs moves (else two calls from any phone,
  // knowing a DNI and a card's last four, would block the customer's PIN for every channel).
  // The PIN still goes through a check against no card, so the words and the time are the same.
  const stranger = customer !== undefined && !isRegisteredPhone(customer, req.from);
  if (stranger) failed.push('caller_id');
  if (checks.card) {
    const pin = await checkCardPin(tx, deps, { customerId: customer && !stranger ? customer.id : NOBODY, last4: req.context.cardLast4 ?? '', pin: req.secrets.pin ?? '', by: 'ivr' });
    if (pin !== 'ok' && !stranger) failed.push(pin === 'blocked' ? 'card_blocked' : 'card');
  }
  let operation: Operation | undefined;
  if (customer && checks.operation) {
    operation = await findOperationByReference(tx, customer.id, req.context.reference ?? '');
    if (operation?.status !== checks.operation) failed.push('operation');
  }
  const at = deps.clock.now();
  const audit = { at, actor: 'ivr', customerId: customer?.id ?? null, subject: `call:${callSid}` };
  if (failed.length > 0 || !customer) {
    await appendAudit(tx, { ...audit, action: 'ivr.verification_failed', details: { branch: req.context.branch ?? null, failed } });
    return { ok: false, pinBlocked: failed.includes('card_blocked') };
  }
  await appendAudit(tx, { ...audit, action: 'ivr.verified', details: { branch: req.context.branch ?? null } });
  return { ok: true, who: { customer, operation } };
}

/**
 * Whether only a branch can help this verified customer: a contact-centre block ("BLOQUEO CAE")
 * or the read-only profile ("perfil CONSULTAS"), which self-service never lifts (seed 002).
 */
export async function onlyBranchCanHelp(tx: Tx, customerId: string): Promise<boolean> {
  if (await hasContactCentreBlock(tx, customerId)) return true;
  const user = await tx.selectFrom('online_banking_users').select('profile').where('customer_id', '=', customerId).executeTakeFirst();
  return user?.profile === 'read_only';
}

import { sql } from 'kysely';
import { electronicFormatIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';
import { appendAudit } from '../audit/audit.ts';
import { BUILTIN_SOURCE } from '../backoffice/alerts/auth.ts';
import { lockCustomerAlerts, raiseAlert } from '../backoffice/alerts/alerts.ts';
import { createOperation } from '../customers/operations-store.ts';
import type { Config } from '../config/config.ts';
import type { Db, Executor } from '../platform/db/database.ts';
import type { Operation } from '../platform/db/schema.ts';
import { requireFullProfile, requireSignature, type Caller } from './access.ts';
import { bankingError } from './errors.ts';
import { matchFraudRules } from './fraud-rules.ts';
import { parseAmount } from './money.ts';
import { sendSigningCode, signingSubject, type SigningDeps } from './signing.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';

/**
 * A SEPA transfer: the IBAN checked (country format and check digits, ibantools), the amount in
 * whole cents, then the fraud rules. A transfer a rule matches is held with its 8-digit reference
 * and an audit row naming the rules, and raises a built-in alert for the contact centre in the
 * same transaction (seed 002); any other waits for the signing code the SMS sends with its
 * amount and beneficiary.
 */
export interface TransferRequest {
  iban: string;
  beneficiary: string;
  amount: string;
  concept?: string | undefined;
}

export type TransferDeps = SigningDeps & { config: Pick<Config, 'banking' | 'backoffice'> };

const clean = (s: string) => s.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').replace(/\s+/g, ' ').trim();

/** The transfer's fields, checked and normalised; a bad one is a 400 with its reason. */
export function checkTransfer(req: TransferRequest): { iban: string; beneficiary: string; amountCents: number; concept: string | null } {
  const iban = electronicFormatIBAN(req.iban) ?? '';
  if (!isValidIBAN(iban)) throw bankingError('invalid_iban', 'the IBAN is not valid');
  const amountCents = parseAmount(req.amount);
  if (amountCents === undefined) throw bankingError('invalid_amount', 'the amount must be positive with at most two decimals');
  const beneficiary = clean(req.beneficiary);
  if (beneficiary.length < 2 || beneficiary.length > 70) throw bankingError('invalid_beneficiary', 'the beneficiary is 2 to 70 characters');
  const concept = req.concept ? clean(req.concept).slice(0, 140) : '';
  return { iban, beneficiary, amountCents, concept: concept || null };
}

/**
 * What the customer sent this IBAN before: whether a signed transfer paid it before the window
 * (`newBeneficiaryWindowHours`), which makes it a known payee; and the amounts of the transfers
 * to it within the window, signed or waiting (held, to sign), which the new-beneficiary rule adds
 * to this one, so a payment split in amounts under the threshold is held too.
 */
async function sentBefore(ex: Executor, customerId: string, iban: string, windowStart: Date): Promise<{ known: boolean; recentCents: number }> {
  const row = await ex
    .selectFrom('operations')
    .select([
      sql<boolean>`coalesce(bool_or(status = 'signed' and created_at < ${windowStart}), false)`.as('known'),
      sql<string>`coalesce(sum(amount_cents) filter (where created_at >= ${windowStart} and status in ('signed', 'pending_signature', 'held')), 0)`.as('recent'),
    ])
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'transfer')
    .where((eb) => eb(eb.ref('details', '->>').key('iban' as never), '=', iban))
    .executeTakeFirstOrThrow();
  return { known: row.known === true, recentCents: Number(row.recent) };
}

async function newestDeviceLinkedAt(ex: Executor, customerId: string): Promise<Date | null> {
  const row = await ex.selectFrom('devices').select('linked_at').where('customer_id', '=', customerId).where('unlinked_at', 'is', null).orderBy('linked_at', 'desc').limit(1).executeTakeFirst();
  return row?.linked_at ?? null;
}

export async function createTransfer(db: Db, deps: TransferDeps, caller: Caller, req: TransferRequest): Promise<Operation> {
  requireFullProfile(caller);
  requireSignature(caller);
  const t = checkTransfer(req);
  const customerId = caller.customer.id;
  return transactionWithRetry(db, async (tx) => {
    const now = deps.clock.now();
    const fraudRules = deps.config.banking.fraudRules;
    const before = await sentBefore(tx, customerId, t.iban, new Date(now.getTime() - fraudRules.newBeneficiaryWindowHours * 3_600_000));
    const rules = matchFraudRules(fraudRules, {
      amountCents: t.amountCents,
      newBeneficiary: !before.known,
      sentToBeneficiaryCents: before.recentCents,
      newestDeviceLinkedAt: await newestDeviceLinkedAt(tx, customerId),
      now,
    });
    const by = `customer:${customerId}`;
    // The alerts' lock before any audit row: the audit log's lock is always taken after it.
    if (rules.length > 0) await lockCustomerAlerts(tx, customerId);
    const op = await createOperation(tx, deps, {
      customerId,
      kind: 'transfer',
      description: `Transferencia a ${friendlyFormatIBAN(t.iban)}`,
      details: { iban: t.iban, concept: t.concept, ...(rules.length > 0 ? { fraudRules: rules } : {}) },
      amountCents: t.amountCents,
      currency: 'EUR',
      beneficiary: t.beneficiary,
      ...(rules.length > 0 ? { status: 'held' as const, heldReason: rules.join(', ') } : { status: 'pending_signature' as const }),
      by,
    });
    if (rules.length > 0) {
      await appendAudit(tx, { at: now, actor: 'system', action: 'banking.operation_held', customerId, subject: signingSubject(op), details: { reference: op.reference, rules, amountCents: t.amountCents } });
      await raiseAlert(tx, deps, {
        source: BUILTIN_SOURCE,
        sourceAlertId: op.id,
        customerId,
        operationId: op.id,
        situation: 'held_transfer',
        details: { reference: op.reference, rules, amountCents: t.amountCents, beneficiary: t.beneficiary, iban: t.iban },
        actor: 'system',
      });
    } else {
      await sendSigningCode(tx, deps, op, caller.customer);
    }
    return op;
  });
}

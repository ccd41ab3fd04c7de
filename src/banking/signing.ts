import { issueCode } from '../customers/codes-store.ts';
import { maskIban, payeeQuote } from '../customers/mask.ts';
import type { HashingDeps } from '../customers/store-support.ts';
import { t, catalogue, type Locale } from '../i18n/catalogue.ts';
import { enqueueMessage, type EnqueueDeps } from '../notify/outbox.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Customer, Operation } from '../platform/db/schema.ts';
import { bankingError } from './errors.ts';
import { formatAmount } from './money.ts';

/**
 * Issues the signing code of one operation and sends it by SMS. The code is bound to the
 * operation (`purpose 'signing'`, `subject 'operation:<id>'`: the same code IVR branch 3.2 reads
 * out, kept sealed while it lives so 3.2 reads these very digits) and the SMS says what it
 * authorises, with amount and beneficiary for a transfer (PSD2 RTS art. 5, dynamic linking). A
 * new code replaces the previous one and keeps its failed attempts.
 */
export type SigningDeps = HashingDeps & EnqueueDeps;

export const signingSubject = (op: Pick<Operation, 'id'>): string => `operation:${op.id}`;

/** What the SMS says is being signed, in the customer's language. */
export function operationLabel(op: Pick<Operation, 'kind' | 'description'>, locale: Locale): string {
  const id = `banking.kind.${op.kind}`;
  return id in catalogue ? t(id, locale) : op.description;
}

/** The IBAN a transfer pays, from the operation's details. */
function ibanOf(op: Pick<Operation, 'details'>): string | undefined {
  const iban = (op.details as Record<string, unknown> | null)?.iban;
  return typeof iban === 'string' && iban !== '' ? iban : undefined;
}

export async function sendSigningCode(tx: Tx, deps: SigningDeps, op: Operation, customer: Pick<Customer, 'id' | 'mobile' | 'locale'>): Promise<void> {
  if (!customer.mobile) throw bankingError('no_mobile', 'the customer has no mobile phone to receive the code');
  const { signingCodeTtlSeconds, signingCodeAttempts } = deps.config.limits;
  const issued = await issueCode(tx, deps, { purpose: 'signing', subject: signingSubject(op), customerId: customer.id, ttlSeconds: signingCodeTtlSeconds, maxAttempts: signingCodeAttempts, readable: true });
  const locale = customer.locale;
  const iban = ibanOf(op);
  const minutes = Math.max(1, Math.round((issued.expiresAt.getTime() - deps.clock.now().getTime()) / 60_000));
  await enqueueMessage(tx, deps, {
    channel: 'sms',
    to: customer.mobile,
    template: 'sms.signing_code',
    customer,
    params: {
      code: issued.code,
      operation: operationLabel(op, locale),
      amount: op.amount_cents !== null && op.currency ? formatAmount(op.amount_cents, op.currency, locale) : undefined,
      // The account paid, masked (PSD2 RTS art. 5); the payee's name only quoted, as typed, cut short.
      iban: iban ? maskIban(iban) : undefined,
      beneficiary: op.beneficiary ? payeeQuote(op.beneficiary) : undefined,
      reference: op.reference,
      minutes,
    },
  });
}

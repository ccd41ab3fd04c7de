import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';

const HOUR_MS = 3_600_000;

export interface SmsRateCheck {
  /** E.164 phone the SMS goes to. */
  recipient: string;
  customerId?: string | null | undefined;
  now: Date;
  /** SMS allowed per customer and, separately, per phone in any rolling hour. */
  perHour: number;
}

/**
 * Refuses an SMS when its customer or its phone already received `perHour` SMS in the last
 * hour, so nobody can flood a victim by repeating a request (SECURITY.md, failed attempts).
 * Counting by phone too stops an attacker who cycles through customers that share a phone.
 */
export async function assertSmsAllowed(tx: Tx, check: SmsRateCheck): Promise<void> {
  await lockSmsKeys(tx, check);
  // The count is a statement of its own: its snapshot is taken after the locks are held, so it
  // sees every SMS of the transactions that held them before us.
  refuseOverLimit(await smsCounts(tx, check).executeTakeFirstOrThrow(), check.perHour);
}

/**
 * The locks of `assertSmsAllowed`: two concurrent requests must not both read "one left" and
 * both send, so a transaction lock per phone and per customer serialises them until commit.
 * Sorted, so two transactions always take the locks in the same order and cannot deadlock each
 * other. One statement: the locks are taken left to right, in the order of the select list.
 * What counts after them must be a later statement (its snapshot then sees what the previous
 * holders committed).
 */
export async function lockSmsKeys(tx: Tx, check: Pick<SmsRateCheck, 'recipient' | 'customerId'>): Promise<void> {
  const keys = [`notify.sms.phone:${check.recipient}`];
  if (check.customerId) keys.push(`notify.sms.customer:${check.customerId}`);
  const locks = keys.sort().map((key) => sql`pg_advisory_xact_lock(hashtext(${key}))`);
  await sql`select ${sql.join(locks)}`.execute(tx);
}

/** The SMS of the last hour to the phone and to the customer (one row: `perPhone`, `perCustomer`). */
export function smsCounts(tx: Tx, check: SmsRateCheck) {
  const since = new Date(check.now.getTime() - HOUR_MS);
  const customerId = check.customerId ?? null;
  return tx
    .selectFrom('outbox')
    .select([
      sql<number>`(count(*) filter (where recipient = ${check.recipient}))::int`.as('perPhone'),
      sql<number>`(count(*) filter (where customer_id = ${customerId}))::int`.as('perCustomer'),
    ])
    .where('channel', '=', 'sms')
    .where('created_at', '>', since)
    .where((eb) => eb.or([eb('recipient', '=', check.recipient), eb('customer_id', '=', customerId)]));
}

/** Throws `too_many` when either count reached the limit. */
export function refuseOverLimit(counts: { perPhone: number; perCustomer: number }, perHour: number): void {
  if (counts.perPhone >= perHour || counts.perCustomer >= perHour) {
    throw new AppError('too_many', 'too many SMS were sent to this customer or phone in the last hour; try again later');
  }
}

import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Outbox delivery: the sealed body is cleared (null) once the message is delivered or given up,
 * so a one-time code does not outlive its message; indexes for the per-customer and per-phone
 * SMS rate limit, which counts the last hour of SMS at every enqueue.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table outbox alter column body drop not null;
    create index outbox_sms_recipient on outbox(recipient, created_at) where channel = 'sms';
    create index outbox_sms_customer on outbox(customer_id, created_at) where channel = 'sms' and customer_id is not null;
    `,
  );
}

import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * At most one active block per customer, target, subject and origin: two requests that block
 * the same thing at once (a fraud rule and a retry, two failed PINs) must not create two
 * records that would then need two lifts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create unique index blocks_one_active on blocks(customer_id, target, coalesce(subject_id, ''), origin) where lifted_at is null;
    `,
  );
}

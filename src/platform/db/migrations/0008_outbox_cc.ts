import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Copies of an email (seed 002: the macros' email goes out "en copia a la oficina del cliente"):
 * the outbox keeps the cc addresses of a message, and the dev sink shows them. Null for the
 * messages without copies, which are all the others.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table outbox add column cc jsonb;
    alter table dev_messages add column cc jsonb;
    `,
  );
}

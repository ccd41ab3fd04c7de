import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * The number of contact attempts per alert is a rule of the playbook definition
 * (`PLAYBOOK.contact.attemptsPerAlert`, seed 002's "3 intentos por alerta"), enforced by the
 * back office when it records an attempt. 0007 also wrote the 3 into the table's check
 * (`attempt_no between 1 and 3`), so a bank raising the figure would have needed a migration
 * too: the check now keeps only what the table itself must hold, a positive number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table contact_attempts drop constraint contact_attempts_attempt_no_check;
    alter table contact_attempts add constraint contact_attempts_attempt_no_check check (attempt_no >= 1);
    `,
  );
}

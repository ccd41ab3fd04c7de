import { sql, type Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Issue 14, finding 3: an audit log its own database operator cannot rewrite unseen.
 * - `seq` numbers the chain without gaps (ids skip when a transaction rolls back), so a deleted
 *   row shows as a missing number and a checkpoint can name a place in the chain.
 * - `key_id` names the audit key whose HMAC made `hash`; the rows already written keep their
 *   unkeyed SHA-256 and get null, and the keyed chain goes on from their last hash.
 * - The table refuses UPDATE, DELETE and TRUNCATE, whoever asks: the app only ever inserts.
 *   (Its owner can still disable the triggers: docs/operations.md gives the app a role that
 *   does not own the table and has no such grants.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table audit_log add column seq bigint;
    alter table audit_log add column key_id text;
    update audit_log a set seq = n.seq from (select id, row_number() over (order by id) as seq from audit_log) n where a.id = n.id;
    alter table audit_log alter column seq set not null;
    create unique index audit_log_seq on audit_log (seq);
    `,
  );
  await sql
    .raw(
      `create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501';
      end
      $$`,
    )
    .execute(db);
  await runScript(
    db,
    `
    create trigger audit_log_no_update_delete before update or delete on audit_log for each statement execute function audit_log_append_only();
    create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only();
    `,
  );
}

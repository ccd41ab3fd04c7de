import { sql, type Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Issue 16 §1: the audit chain off the request path. A request now inserts its audit rows
 * unchained (no global lock): `seq`, `prev_hash`, `hash` and `key_id` stay null, and the row
 * carries its own HMAC (`row_mac`, under the audit key `row_key_id`) so an edit before sealing
 * shows. The background sealer (src/audit/sealer.ts) later chains the committed unsealed rows,
 * in the order it seals them, with one UPDATE that sets only those four columns.
 * - The rows already written are sealed: they keep their values, and no `row_mac`.
 * - A row is either sealed (seq, prev_hash, hash, key_id set) or unsealed with its own MAC.
 * - The table still refuses DELETE and TRUNCATE; an UPDATE is refused unless it seals an
 *   unsealed row and changes nothing else (docs/operations.md, "Audit log integrity").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table audit_log add column row_key_id text;
    alter table audit_log add column row_mac text;
    alter table audit_log alter column seq drop not null;
    alter table audit_log alter column prev_hash drop not null;
    alter table audit_log alter column hash drop not null;
    alter table audit_log add constraint audit_log_sealed_or_signed check (
      (seq is not null and prev_hash is not null and hash is not null)
      or (seq is null and prev_hash is null and hash is null and key_id is null and row_mac is not null and row_key_id is not null)
    );
    create index audit_log_unsealed on audit_log (id) where hash is null;
    drop trigger audit_log_no_update_delete on audit_log;
    create trigger audit_log_no_delete before delete on audit_log for each statement execute function audit_log_append_only();
    `,
  );
  await sql
    .raw(
      `create function audit_log_seal_only() returns trigger language plpgsql as $$
      begin
        if old.hash is null and new.seq is not null and new.prev_hash is not null and new.hash is not null and new.key_id is not null
          and (new.id, new.at, new.actor, new.action, new.customer_id, new.subject, new.details, new.row_key_id, new.row_mac)
            is not distinct from (old.id, old.at, old.actor, old.action, old.customer_id, old.subject, old.details, old.row_key_id, old.row_mac) then
          return new;
        end if;
        raise exception 'audit_log is append-only: UPDATE refused' using errcode = '42501';
      end
      $$`,
    )
    .execute(db);
  await sql`create trigger audit_log_seal_only before update on audit_log for each row execute function audit_log_seal_only()`.execute(db);
}

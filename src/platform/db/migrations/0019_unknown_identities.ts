import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Issue 14, finding 10: a lockout must not tell which accounts exist. Failed sign-ins with a
 * user code or a staff name that matches no account are counted too, under a keyed hash of the
 * name (never the name itself), so an unknown identity is blocked or locked exactly when a real
 * one would be.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table unknown_identity_failures (
      realm text not null check (realm in ('online_banking', 'staff')),
      key_hash text not null,
      failures integer not null default 0 check (failures >= 0),
      locked_until timestamptz,
      updated_at timestamptz not null,
      primary key (realm, key_hash)
    );
    create index unknown_identity_failures_updated on unknown_identity_failures (updated_at);
    `,
  );
}

import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/script.ts';

/**
 * Staff accounts and their sessions (issue 6). A password is kept as an argon2id hash; a
 * session row only under the keyed hash of its cookie value. A branch user belongs to an office.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table staff_accounts (
      id text primary key check (id ~ '^[a-z0-9._-]{1,64}$'),
      name text not null,
      role text not null check (role in ('agent', 'supervisor', 'branch', 'admin')),
      office_code text references offices(code),
      password_hash text not null,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      created_at timestamptz not null,
      last_login_at timestamptz,
      check ((role = 'branch') = (office_code is not null))
    );

    create table staff_sessions (
      id_hash text primary key,
      staff_id text not null references staff_accounts(id) on delete cascade,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      ended_at timestamptz,
      end_reason text
    );
    create index staff_sessions_live on staff_sessions(staff_id) where ended_at is null
    `,
  );
}

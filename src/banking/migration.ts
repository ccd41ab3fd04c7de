import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/script.ts';

/**
 * Online banking's own tables. A session row is kept under the keyed hash of its cookie value
 * (the database never holds a usable session id); the new password of a change waiting for its
 * signing code waits here as an argon2id hash, never in the operation's details; a device link
 * waits here until its code confirms it, then becomes a `devices` row with the same id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table banking_sessions (
      id_hash text primary key,
      customer_id uuid not null references customers(id) on delete cascade,
      state text not null check (state in ('active', 'must_change_password')),
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      ended_at timestamptz,
      end_reason text
    );
    create index banking_sessions_live on banking_sessions(customer_id) where ended_at is null;

    create table banking_pending_passwords (
      operation_id uuid primary key references operations(id) on delete cascade,
      customer_id uuid not null references customers(id) on delete cascade,
      password_hash text not null,
      created_at timestamptz not null
    );

    create table banking_device_links (
      id uuid primary key,
      customer_id uuid not null references customers(id) on delete cascade,
      name text not null,
      platform text not null check (platform in ('android', 'ios')),
      created_at timestamptz not null,
      confirmed_at timestamptz
    );
    create index banking_device_links_customer on banking_device_links(customer_id, created_at)
    `,
  );
}

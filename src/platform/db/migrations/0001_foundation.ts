import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * The foundation schema: customers and their credentials, one-time codes, blocks,
 * operations, the notification outbox and the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table offices (
      code text primary key,
      name text not null,
      kind text not null check (kind in ('branch', 'virtual')),
      email text not null,
      phone text
    );

    create table managers (
      id text primary key,
      office_code text not null references offices(code),
      name text not null,
      email text not null
    );

    create table customers (
      id uuid primary key,
      external_id text not null unique,
      kind text not null check (kind in ('person', 'entity')),
      document_type text not null check (document_type in ('DNI', 'NIE', 'CIF', 'PASSPORT')),
      document_number text not null,
      name text not null,
      mobile text,
      landline text,
      email text,
      office_code text not null references offices(code),
      manager_id text references managers(id),
      locale text not null default 'es' check (locale in ('es', 'en')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (document_type, document_number)
    );

    create table representatives (
      entity_id uuid not null references customers(id) on delete cascade,
      person_id uuid not null references customers(id) on delete cascade,
      role text not null default 'representative',
      primary key (entity_id, person_id)
    );

    create table online_banking_users (
      customer_id uuid primary key references customers(id) on delete cascade,
      user_code text not null unique,
      password_hash text,
      password_temporary boolean not null default false,
      password_expires_at timestamptz,
      profile text not null default 'full' check (profile in ('full', 'read_only')),
      failed_logins integer not null default 0,
      last_login_at timestamptz,
      updated_at timestamptz not null default now()
    );

    create table phone_banking_users (
      customer_id uuid primary key references customers(id) on delete cascade,
      user_code text not null unique,
      pin_hash text,
      failed_attempts integer not null default 0,
      updated_at timestamptz not null default now()
    );

    create table signatures (
      customer_id uuid primary key references customers(id) on delete cascade,
      failed_attempts integer not null default 0,
      updated_at timestamptz not null default now()
    );

    create table cards (
      id uuid primary key,
      customer_id uuid not null references customers(id) on delete cascade,
      last4 char(4) not null,
      pan_hash text not null unique,
      pin_ref text not null,
      brand text not null default 'visa',
      kind text not null default 'debit' check (kind in ('debit', 'credit')),
      failed_pin_attempts integer not null default 0,
      pin_blocked_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index cards_customer on cards(customer_id);

    create table devices (
      id uuid primary key,
      customer_id uuid not null references customers(id) on delete cascade,
      external_id text not null,
      name text not null,
      platform text not null default 'android',
      linked_at timestamptz not null,
      unlinked_at timestamptz,
      unlinked_reason text,
      unique (customer_id, external_id)
    );

    create table operations (
      id uuid primary key,
      reference char(8) not null unique,
      customer_id uuid not null references customers(id) on delete cascade,
      kind text not null,
      description text not null,
      details jsonb not null default '{}'::jsonb,
      amount_cents bigint,
      currency char(3),
      beneficiary text,
      status text not null check (status in ('pending_signature', 'held', 'signed', 'rejected', 'cancelled', 'expired')),
      held_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index operations_customer on operations(customer_id, created_at);

    create table one_time_codes (
      id uuid primary key,
      purpose text not null,
      subject text not null,
      customer_id uuid references customers(id) on delete cascade,
      code_hash text not null,
      expires_at timestamptz not null,
      attempts integer not null default 0,
      max_attempts integer not null,
      consumed_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index one_time_codes_subject on one_time_codes(purpose, subject);

    create table blocks (
      id uuid primary key,
      customer_id uuid not null references customers(id) on delete cascade,
      target text not null check (target in ('access', 'signature', 'operation', 'card_pin', 'phone_banking')),
      subject_id text,
      origin text not null check (origin in ('failed_attempts', 'customer', 'contact_centre', 'fraud_rule', 'office')),
      reason text not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      lifted_by text,
      lifted_channel text,
      lifted_at timestamptz
    );
    create index blocks_active on blocks(customer_id) where lifted_at is null;

    create table outbox (
      id bigserial primary key,
      channel text not null check (channel in ('email', 'sms')),
      recipient text not null,
      template text not null,
      locale text not null,
      subject text,
      body text not null,
      customer_id uuid references customers(id) on delete set null,
      status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      last_error text,
      provider_id text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );
    create index outbox_due on outbox(next_attempt_at) where status in ('pending', 'sending');

    create table dev_messages (
      id bigserial primary key,
      outbox_id bigint not null unique,
      channel text not null,
      recipient text not null,
      subject text,
      body text not null,
      delivered_at timestamptz not null default now()
    );

    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      actor text not null,
      action text not null,
      customer_id uuid,
      subject text,
      details jsonb not null default '{}'::jsonb,
      prev_hash text not null,
      hash text not null
    );
  `,
  );
}

import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/script.ts';

/**
 * Web self-service recovery (seed 001). A flow is a server-side object with a step and an
 * expiry (ASVS 5.0 §2.3.1); the browser holds only a random token whose keyed hash is the
 * row's `id_hash`. Unknown documents get a flow too (customer_id null), so nothing tells them
 * apart. Spent captcha challenges are kept until they expire, so none is accepted twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table recovery_flows (
      id uuid primary key,
      id_hash text not null unique,
      customer_id uuid references customers(id),
      card_id uuid references cards(id),
      step text not null check (step in ('identify', 'code_sent', 'done', 'failed')),
      code_attempts integer not null default 0,
      resends integer not null default 0,
      last_code_at timestamptz,
      expires_at timestamptz not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index recovery_flows_expires on recovery_flows(expires_at);
    create index recovery_flows_customer on recovery_flows(customer_id);
    create table captcha_spent (
      challenge_hash text primary key,
      expires_at timestamptz not null
    );
    create index captcha_spent_expires on captcha_spent(expires_at);
    `,
  );
}

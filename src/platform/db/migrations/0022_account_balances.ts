import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Issue 15 §4: the customer's accounts and their balances, as the bank's core system reports them
 * through provisioning, so the online-banking home shows them. Cerrojo does not keep the books: a
 * balance is the core's figure as of `balance_at`, replaced by the next feed. An account is one
 * customer's, matched by its IBAN (electronic format).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table accounts (
      id uuid primary key,
      customer_id uuid not null references customers(id) on delete cascade,
      iban text not null unique check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
      name text not null,
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      balance_cents bigint not null,
      balance_at timestamptz not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index accounts_customer on accounts (customer_id, created_at);
    `,
  );
}

import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * The IVR hands over to a person with context (issue 13): one row per call the IVR transferred,
 * written in the turn that decided the transfer. It says who was identified (a customer only when
 * every check passed: `identified` and `customer_id` go together), the caller id, the line and the
 * branch reached, why, and the call's language; then whether the Dial was answered (`taken` by
 * phone, or `unanswered`), which agent took it in the console, and when it was closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table ivr_handovers (
      id uuid primary key,
      call_sid text not null unique references ivr_calls(call_sid),
      customer_id uuid references customers(id),
      identified boolean not null,
      caller_number text,
      line text not null,
      branch text not null check (branch in ('1.1', '1.2', '2', '3.1', '3.2', 'menu')),
      reason text not null check (reason in ('cif_passport', 'retries_exhausted', 'pin_blocked', 'error', 'asked_for_agent', 'unavailable')),
      locale text not null check (locale in ('es', 'en')),
      agent_number text not null,
      status text not null default 'waiting' check (status in ('waiting', 'taken', 'unanswered', 'closed')),
      dial_status text,
      dial_ended_at timestamptz,
      taken_by text,
      taken_at timestamptz,
      closed_by text,
      closed_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 0,
      check (identified = (customer_id is not null)),
      check ((status in ('taken', 'closed')) or taken_by is null),
      check ((status = 'closed') = (closed_at is not null))
    );
    create index ivr_handovers_status on ivr_handovers(status, created_at);
    create index ivr_handovers_customer on ivr_handovers(customer_id, created_at) where customer_id is not null
    `,
  );
}

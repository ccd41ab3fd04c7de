import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Issue 15 §2: the console places its contact attempts as real calls. A call is a row from the
 * agent's click until the provider says how it ended; then it becomes the case's contact attempt
 * (`contact_attempts.call_id`, with the call's duration). At most one call of a case is live at a
 * time, so the attempt it becomes keeps its number. `provider_sid` is the provider's id of the
 * call (Twilio's CallSid of the agent's leg, or the dev phone's).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table contact_calls (
      id uuid primary key,
      case_id uuid not null references cases(id),
      attempt_no integer not null check (attempt_no >= 1),
      phone text not null,
      phone_kind text not null check (phone_kind in ('landline', 'mobile')),
      agent_phone text,
      provider text not null check (provider in ('twilio', 'dev')),
      provider_sid text unique,
      status text not null check (status in ('placing', 'calling_agent', 'ringing', 'in_progress', 'ended')),
      result text,
      duration_seconds integer check (duration_seconds between 0 and 86400),
      by text not null,
      created_at timestamptz not null,
      ringing_at timestamptz,
      answered_at timestamptz,
      ended_at timestamptz,
      check ((status = 'ended') = (ended_at is not null and result is not null))
    );
    create unique index contact_calls_one_live on contact_calls (case_id) where status <> 'ended';
    create index contact_calls_ringing on contact_calls (phone, status) where status in ('ringing', 'in_progress');

    alter table contact_attempts add column call_id uuid references contact_calls(id);
    alter table contact_attempts add column duration_seconds integer check (duration_seconds between 0 and 86400);
    create unique index contact_attempts_call on contact_attempts (call_id) where call_id is not null;
    `,
  );
}

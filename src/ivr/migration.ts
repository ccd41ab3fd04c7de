import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/script.ts';

/**
 * The IVR call record: one row per call, holding the engine's state between webhooks (so any
 * instance can serve any turn), the path and outcome for containment reports, the turn and the
 * last webhook key with its answer (a retried webhook gets the same answer and does not advance
 * the call), and a version for optimistic concurrency between instances.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table ivr_calls (
      call_sid text primary key,
      line text not null,
      from_number text,
      to_number text not null,
      locale text not null check (locale in ('es', 'en')),
      definition text not null,
      definition_version text not null,
      state jsonb not null,
      branch text,
      outcome text check (outcome in ('resolved', 'referred', 'goodbye', 'transferred', 'abandoned')),
      turn integer not null default 0,
      last_key text,
      last_response text,
      version integer not null default 0,
      provider_status text,
      started_at timestamptz not null,
      updated_at timestamptz not null,
      ended_at timestamptz,
      duration_seconds integer
    );
    create index ivr_calls_started on ivr_calls(started_at);
    `,
  );
}

import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Issue 15 §1: the supervisor's notices of SLA breaches. One row per case and milestone (the
 * first take, the close), written once by the background task (`backoffice/supervisor/sla-task.ts`)
 * whichever instance sees the breach first: the unique key makes a second write a no-op. Read by
 * every supervisor and admin in the console's inbox; `read_at` marks it read for all of them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table sla_notices (
      id uuid primary key,
      case_id uuid not null references cases(id) on delete cascade,
      milestone text not null check (milestone in ('take', 'close')),
      priority text not null,
      due_at timestamptz not null,
      noticed_at timestamptz not null,
      read_at timestamptz,
      read_by text,
      unique (case_id, milestone)
    );
    create index sla_notices_newest on sla_notices (noticed_at desc);
    `,
  );
}

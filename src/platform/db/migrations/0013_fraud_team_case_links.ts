import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Issue 13, "no work lands nowhere":
 * - the fraud team (`fraud` staff role) works the fraud-protocol tasks the playbook writes: a task
 *   is open, taken (in progress, with an owner) or closed with a result, and keeps its own
 *   append-only timeline of notes (`fraud_task_events`);
 * - a case opened by an alert after an earlier case of the same customer and situation was
 *   closed points to it (`cases.previous_case_id`).
 * No task was ever set `done` before this (nothing read the table); any such row becomes closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table staff_accounts drop constraint staff_accounts_role_check;
    alter table staff_accounts add constraint staff_accounts_role_check check (role in ('agent', 'supervisor', 'branch', 'admin', 'fraud'));

    alter table fraud_tasks drop constraint fraud_tasks_status_check;
    alter table fraud_tasks add column owner text;
    alter table fraud_tasks add column result text;
    alter table fraud_tasks add column closing_note text;
    alter table fraud_tasks add column closed_at timestamptz;
    alter table fraud_tasks add column closed_by text;
    alter table fraud_tasks add column updated_at timestamptz;
    alter table fraud_tasks add column version integer not null default 0;
    update fraud_tasks set status = 'closed', result = 'legacy_done', closing_note = '', closed_at = created_at, closed_by = created_by where status = 'done';
    update fraud_tasks set updated_at = coalesce(closed_at, created_at);
    alter table fraud_tasks alter column updated_at set not null;
    alter table fraud_tasks add constraint fraud_tasks_status_check check (status in ('open', 'in_progress', 'closed'));
    alter table fraud_tasks add constraint fraud_tasks_closed_check check ((status = 'closed') = (result is not null and closed_at is not null));
    alter table fraud_tasks add constraint fraud_tasks_owned_check check (status <> 'in_progress' or owner is not null);
    create index fraud_tasks_queue on fraud_tasks((status = 'closed'), created_at);
    create index fraud_tasks_case on fraud_tasks(case_id);

    create table fraud_task_events (
      id bigserial primary key,
      task_id uuid not null references fraud_tasks(id),
      at timestamptz not null,
      actor text not null,
      type text not null,
      data jsonb not null default '{}'
    );
    create index fraud_task_events_task on fraud_task_events(task_id, id);
    create function fraud_task_events_append_only() returns trigger language plpgsql as $$ begin raise exception 'fraud_task_events is append-only'; end $$;
    create trigger fraud_task_events_append_only before update or delete on fraud_task_events for each row execute function fraud_task_events_append_only();

    alter table cases add column previous_case_id uuid references cases(id);
    create index cases_previous on cases(previous_case_id)
    `,
  );
}

import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/script.ts';

/**
 * The back office of seed 002: alerts from the fraud engine and the built-in rules, the cases
 * agents work, their append-only timeline, mentions, contact attempts, security checks, the
 * playbook runs with one row per finished step (so an interrupted run resumes where it stopped),
 * email drafts of the macros, and the fraud team's tasks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create sequence case_numbers start 1000;

    create table cases (
      id uuid primary key,
      number bigint not null unique default nextval('case_numbers'),
      kind text not null check (kind in ('alert', 'main')),
      customer_id uuid not null references customers(id),
      situation text,
      operation_id uuid references operations(id),
      status text not null check (status in ('new', 'in_progress', 'pending_customer', 'closed')),
      pending_reason text,
      queue text not null,
      owner text,
      category text,
      main_case_id uuid references cases(id),
      outcome text check (outcome in ('confirmed', 'not_confirmed', 'failed_security', 'no_answer', 'doubt')),
      closing_comment text,
      opened_at timestamptz not null,
      updated_at timestamptz not null,
      closed_at timestamptz,
      version integer not null default 0
    );
    create index cases_queue on cases(queue, status, opened_at);
    create index cases_customer on cases(customer_id, situation, opened_at);
    create index cases_main on cases(main_case_id);

    create table alerts (
      id uuid primary key,
      source text not null,
      source_alert_id text not null,
      customer_id uuid not null references customers(id),
      operation_id uuid references operations(id),
      situation text not null,
      details jsonb not null default '{}',
      received_at timestamptz not null,
      case_id uuid not null references cases(id),
      unique (source, source_alert_id)
    );
    create index alerts_case on alerts(case_id);

    create table case_events (
      id bigserial primary key,
      case_id uuid not null references cases(id),
      at timestamptz not null,
      actor text not null,
      type text not null,
      data jsonb not null default '{}'
    );
    create index case_events_case on case_events(case_id, id);
    create function case_events_append_only() returns trigger language plpgsql as $$ begin raise exception 'case_events is append-only'; end $$;
    create trigger case_events_append_only before update or delete on case_events for each row execute function case_events_append_only();

    create table mentions (
      id uuid primary key,
      case_id uuid not null references cases(id),
      target_kind text not null check (target_kind in ('office', 'manager')),
      target_id text not null,
      text text not null,
      created_by text not null,
      created_at timestamptz not null,
      read_at timestamptz
    );
    create index mentions_inbox on mentions(target_kind, target_id, created_at);

    create table contact_attempts (
      id uuid primary key,
      case_id uuid not null references cases(id),
      attempt_no integer not null check (attempt_no between 1 and 3),
      phone text not null,
      phone_kind text not null check (phone_kind in ('landline', 'mobile')),
      result text not null,
      answered_by uuid references customers(id),
      at timestamptz not null,
      by text not null,
      unique (case_id, attempt_no)
    );

    create table security_checks (
      id uuid primary key,
      case_id uuid not null references cases(id),
      customer_id uuid not null references customers(id),
      questions jsonb not null,
      passed boolean,
      asked_at timestamptz not null,
      answered_at timestamptz,
      by text not null
    );
    create index security_checks_case on security_checks(case_id, asked_at);

    create table playbook_runs (
      id uuid primary key,
      case_id uuid not null unique references cases(id),
      outcome text not null,
      variant text,
      status text not null check (status in ('running', 'waiting', 'done', 'failed')),
      context jsonb not null default '{}',
      started_by text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      last_error text
    );

    create table playbook_steps (
      run_id uuid not null references playbook_runs(id),
      step_no integer not null,
      action text not null,
      result jsonb not null default '{}',
      done_at timestamptz not null,
      primary key (run_id, step_no)
    );

    create table email_drafts (
      id uuid primary key,
      case_id uuid not null references cases(id),
      macro text not null,
      audience text not null check (audience in ('customer', 'office')),
      recipient text not null,
      cc jsonb not null default '[]',
      subject text not null,
      body text not null,
      locale text not null,
      status text not null check (status in ('draft', 'sent')),
      created_at timestamptz not null,
      sent_at timestamptz,
      sent_by text,
      outbox_ids jsonb not null default '[]'
    );
    create index email_drafts_case on email_drafts(case_id);

    create table fraud_tasks (
      id uuid primary key,
      case_id uuid not null references cases(id),
      customer_id uuid not null references customers(id),
      kind text not null,
      status text not null check (status in ('open', 'done')),
      note text not null,
      created_by text not null,
      created_at timestamptz not null
    )
    `,
  );
}

import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely types of the back-office tables (see `migration.ts`), merged in with `withTables`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, T | string, T | string>;
/** `bigint` columns come back as strings from PostgreSQL; numbers are accepted on insert. */
type BigIntColumn = ColumnType<string, number | bigint | string | undefined, number | bigint | string>;

export type CaseStatus = 'new' | 'in_progress' | 'pending_customer' | 'closed';
export type CaseKind = 'alert' | 'main';
/** The five situations of seed 002's playbook. */
export type Outcome = 'confirmed' | 'not_confirmed' | 'failed_security' | 'no_answer' | 'doubt';
export const OUTCOMES: readonly Outcome[] = ['confirmed', 'not_confirmed', 'failed_security', 'no_answer', 'doubt'];

// Type aliases, not interfaces: Kysely's `withTables` needs types with an implicit index signature.
export type CasesTable = {
  id: string;
  /** Shown to people; from the `case_numbers` sequence. */
  number: Generated<BigIntColumn>;
  kind: CaseKind;
  customer_id: string;
  /** Dedupe key of an alert case: alerts of one customer for one situation join one case. */
  situation: string | null;
  operation_id: string | null;
  status: CaseStatus;
  /** The "Pendiente de cliente" field of seed 002 (why the case waits). */
  pending_reason: string | null;
  /** `contact_centre` or `office:<code>`. */
  queue: string;
  /** `staff:<id>` of the agent who owns it, or null. */
  owner: string | null;
  /** Path of the category tree, `level1/level2/level3` ids. */
  category: string | null;
  main_case_id: string | null;
  /** The closed case of the same customer and situation an alert opened this one after (migration 0013). */
  previous_case_id: ColumnType<string | null, string | null | undefined, string | null>;
  outcome: Outcome | null;
  closing_comment: string | null;
  opened_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  version: Generated<number>;
};

export type AlertsTable = {
  id: string;
  /** The configured source that posted it (`builtin` for online banking's own rules). */
  source: string;
  source_alert_id: string;
  customer_id: string;
  operation_id: string | null;
  situation: string;
  details: Json;
  received_at: Timestamp;
  case_id: string;
};

/** The append-only timeline: every event of a case, in order. */
export type CaseEventsTable = {
  id: Generated<BigIntColumn>;
  case_id: string;
  at: Timestamp;
  actor: string;
  type: string;
  data: Json;
};

export type MentionsTable = {
  id: string;
  case_id: string;
  target_kind: 'office' | 'manager';
  /** Office code or manager id. */
  target_id: string;
  text: string;
  created_by: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
};

export type ContactAttemptsTable = {
  id: string;
  case_id: string;
  attempt_no: number;
  phone: string;
  phone_kind: 'landline' | 'mobile';
  result: string;
  answered_by: string | null;
  at: Timestamp;
  by: string;
  /** The console's call this attempt was (issue 15 §2); null for an attempt the agent typed. */
  call_id: ColumnType<string | null, string | null | undefined, string | null>;
  duration_seconds: ColumnType<number | null, number | null | undefined, number | null>;
};

export type CallStatus = 'placing' | 'calling_agent' | 'ringing' | 'in_progress' | 'ended';

export type ContactCallsTable = {
  id: string;
  case_id: string;
  attempt_no: number;
  phone: string;
  phone_kind: 'landline' | 'mobile';
  agent_phone: string | null;
  provider: 'twilio' | 'dev';
  provider_sid: string | null;
  status: CallStatus;
  /** How it ended: an attempt result, or `agent_unreachable` / `not_placed` (no attempt). */
  result: string | null;
  duration_seconds: number | null;
  by: string;
  created_at: Timestamp;
  ringing_at: Timestamp | null;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
};

export type SecurityChecksTable = {
  id: string;
  case_id: string;
  /** Who answered: the holder, or the representative of a legal entity. */
  customer_id: string;
  /** The question ids drawn, never the expected answers. */
  questions: Json<string[]>;
  passed: boolean | null;
  asked_at: Timestamp;
  answered_at: Timestamp | null;
  by: string;
};

export type PlaybookRunsTable = {
  id: string;
  case_id: string;
  outcome: Outcome;
  /** The office variant chosen when the run started (`branch`, `virtual`), if the outcome has variants. */
  variant: string | null;
  status: 'running' | 'waiting' | 'done' | 'failed';
  context: Json;
  started_by: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  last_error: string | null;
};

export type PlaybookStepsTable = {
  run_id: string;
  step_no: number;
  action: string;
  result: Json;
  done_at: Timestamp;
};

export type EmailDraftsTable = {
  id: string;
  case_id: string;
  macro: string;
  audience: 'customer' | 'office';
  recipient: string;
  cc: Json<string[]>;
  subject: string;
  body: string;
  locale: string;
  status: 'draft' | 'sent';
  created_at: Timestamp;
  sent_at: Timestamp | null;
  sent_by: string | null;
  outbox_ids: Json<number[]>;
};

/** Open (nobody has it), in progress (taken: `owner`), closed with a `result` (`fraud/rules.ts`). */
export type FraudTaskStatus = 'open' | 'in_progress' | 'closed';

export type FraudTasksTable = {
  id: string;
  case_id: string;
  customer_id: string;
  kind: string;
  status: FraudTaskStatus;
  /** What the playbook wrote when it started the protocol. */
  note: string;
  created_by: string;
  created_at: Timestamp;
  /** `staff:<id>` of the fraud analyst working it, or null. */
  owner: ColumnType<string | null, string | null | undefined, string | null>;
  result: ColumnType<string | null, string | null | undefined, string | null>;
  closing_note: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closed_by: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
  version: Generated<number>;
};

/** The append-only timeline of one fraud task: taken, notes, closed. */
export type FraudTaskEventsTable = {
  id: Generated<BigIntColumn>;
  task_id: string;
  at: Timestamp;
  actor: string;
  type: string;
  data: Json;
};

export type BackofficeTables = {
  cases: CasesTable;
  alerts: AlertsTable;
  case_events: CaseEventsTable;
  mentions: MentionsTable;
  contact_attempts: ContactAttemptsTable;
  contact_calls: ContactCallsTable;
  security_checks: SecurityChecksTable;
  playbook_runs: PlaybookRunsTable;
  playbook_steps: PlaybookStepsTable;
  email_drafts: EmailDraftsTable;
  fraud_tasks: FraudTasksTable;
  fraud_task_events: FraudTaskEventsTable;
};

export type Case = Selectable<CasesTable>;
export type ContactCall = Selectable<ContactCallsTable>;
export type Alert = Selectable<AlertsTable>;
export type CaseEvent = Selectable<CaseEventsTable>;
export type Mention = Selectable<MentionsTable>;
export type FraudTask = Selectable<FraudTasksTable>;
export type FraudTaskEvent = Selectable<FraudTaskEventsTable>;

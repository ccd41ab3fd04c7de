import type { ColumnType, Generated, Selectable } from 'kysely';
import type { BranchId, CallOutcome, HandoverReason } from './flow-types.ts';
import type { CallState } from './state.ts';

/** Kysely types of the IVR's table (see `migration.ts`); merge `IvrTables` into the database's `DB`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

// Type aliases, not interfaces: Kysely's `withTables` needs types with an implicit index signature.
export type IvrCallsTable = {
  call_sid: string;
  line: string;
  from_number: string | null;
  to_number: string;
  locale: 'es' | 'en';
  definition: string;
  definition_version: string;
  state: ColumnType<CallState, string, string>;
  branch: string | null;
  outcome: CallOutcome | null;
  turn: Generated<number>;
  last_key: string | null;
  /** The answer to `last_key`, without any secret (a code read out is not kept). */
  last_response: string | null;
  version: Generated<number>;
  provider_status: string | null;
  started_at: Timestamp;
  updated_at: Timestamp;
  ended_at: Timestamp | null;
  duration_seconds: number | null;
};

/** Where a handed-over call was: a seed branch, or a menu before any (migration 0016). */
export type HandoverBranch = BranchId | 'menu';
/**
 * `waiting`: the agent line is ringing; `taken`: answered by phone or taken in the console;
 * `unanswered`: nobody answered (the caller heard the hours); `closed`: an agent finished with it.
 */
export type HandoverStatus = 'waiting' | 'taken' | 'unanswered' | 'closed';
export const HANDOVER_STATUSES: readonly HandoverStatus[] = ['waiting', 'taken', 'unanswered', 'closed'];

export type IvrHandoversTable = {
  id: string;
  call_sid: string;
  /** Only when every check of the call identified the customer (`identified`). */
  customer_id: string | null;
  identified: boolean;
  /** Caller id as the provider gave it; shown masked. */
  caller_number: string | null;
  line: string;
  branch: HandoverBranch;
  reason: HandoverReason;
  locale: 'es' | 'en';
  agent_number: string;
  status: Generated<HandoverStatus>;
  /** The provider's DialCallStatus when the Dial ended (`completed`, `no-answer`, `busy` ...). */
  dial_status: string | null;
  dial_ended_at: Timestamp | null;
  /** `staff:<id>` of the agent who took it in the console; null when answered by phone only. */
  taken_by: string | null;
  taken_at: Timestamp | null;
  closed_by: string | null;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
};

export type IvrTables = {
  ivr_calls: IvrCallsTable;
  ivr_handovers: IvrHandoversTable;
};

export type IvrCall = Selectable<IvrCallsTable>;
export type IvrHandover = Selectable<IvrHandoversTable>;

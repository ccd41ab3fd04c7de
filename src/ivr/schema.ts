import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CallOutcome } from './flow-types.ts';
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

export type IvrTables = {
  ivr_calls: IvrCallsTable;
};

export type IvrCall = Selectable<IvrCallsTable>;

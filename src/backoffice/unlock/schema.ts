import type { ColumnType, Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { BackofficeTables } from '../schema.ts';

/** Kysely types of the branch unlock (migration 0014), reached through `unlockDb(ex)`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, T | string, T | string>;

/** `pending` waits for a second person (four-eyes); `done` took effect; `rejected` ended without it. */
export type UnlockStatus = 'pending' | 'done' | 'rejected';

// Type aliases, not interfaces: Kysely's `withTables` needs types with an implicit index signature.
export type UnlockRequestsTable = {
  id: string;
  customer_id: string;
  /** The case it was asked from (the "Pendiente de cliente" case), or null from the customer page. */
  case_id: string | null;
  /** The office of the branch user who asked: only that office's users approve (or a supervisor). */
  office_code: string;
  /** The document the branch saw in person: its type and the last four characters only. */
  document_type: string;
  document_masked: string;
  note: string | null;
  status: UnlockStatus;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  /** What the lift did, step by step (`perform.ts`). */
  result: Json;
};

export type UnlockTables = BackofficeTables & { unlock_requests: UnlockRequestsTable };
export type UnlockRequest = Selectable<UnlockRequestsTable>;

/** The executor seen with the back-office tables and the unlock requests. */
export const unlockDb = (ex: Executor) => ex.withTables<UnlockTables>();

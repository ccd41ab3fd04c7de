import type { ColumnType, Selectable } from 'kysely';
import type { Executor } from '../platform/db/database.ts';

/** Kysely types of online banking's tables (see `migration.ts`), reached through `banking(ex)`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type SessionState = 'active' | 'must_change_password';

// Type aliases, not interfaces: Kysely's `withTables` needs types with an implicit index signature.
export type BankingSessionsTable = {
  id_hash: string;
  customer_id: string;
  state: SessionState;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
};

export type BankingPendingPasswordsTable = {
  operation_id: string;
  customer_id: string;
  password_hash: string;
  created_at: Timestamp;
};

export type BankingDeviceLinksTable = {
  id: string;
  customer_id: string;
  name: string;
  platform: 'android' | 'ios';
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
};

export type BankingTables = {
  banking_sessions: BankingSessionsTable;
  banking_pending_passwords: BankingPendingPasswordsTable;
  banking_device_links: BankingDeviceLinksTable;
};

export type BankingSession = Selectable<BankingSessionsTable>;
export type DeviceLink = Selectable<BankingDeviceLinksTable>;

/** The executor seen with online banking's tables too. */
export const banking = (ex: Executor) => ex.withTables<BankingTables>();

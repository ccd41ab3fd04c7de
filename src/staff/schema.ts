import type { ColumnType, Selectable } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { StaffRole } from '../backoffice/access.ts';

/** Kysely types of the staff tables (see `migration.ts`), reached through `staffDb(ex)`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

// Type aliases, not interfaces: Kysely's `withTables` needs types with an implicit index signature.
export type StaffAccountsTable = {
  /** The staff id, also the sign-in name (lower case): timelines read `staff:<id>`. */
  id: string;
  name: string;
  role: StaffRole;
  office_code: string | null;
  /** None for an account of the single sign-on provider. */
  password_hash: string | null;
  /** The provider's issuer and the person's subject there, for an account of single sign-on. */
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  last_login_at: Timestamp | null;
};

export type StaffSessionsTable = {
  id_hash: string;
  staff_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
  /** The provider's ID token of a single sign-on session, sealed: the hint of its logout. */
  oidc_id_token_sealed: ColumnType<string | null, string | null | undefined, string | null>;
};

export type StaffOidcLoginsTable = {
  id_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: Timestamp;
  expires_at: Timestamp;
};

export type StaffTables = {
  staff_accounts: StaffAccountsTable;
  staff_sessions: StaffSessionsTable;
  staff_oidc_logins: StaffOidcLoginsTable;
};

export type StaffAccount = Selectable<StaffAccountsTable>;
export type StaffSession = Selectable<StaffSessionsTable>;

/** The executor seen with the staff tables too. */
export const staffDb = (ex: Executor) => ex.withTables<StaffTables>();

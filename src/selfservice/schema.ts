import type { ColumnType, Generated, Selectable } from 'kysely';
import type { RecoveryStep } from './flow.ts';

/** Kysely types of the self-service tables (see `migration.ts`), merged in with `withTables`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

// Type aliases, not interfaces: Kysely's `withTables` needs types with an implicit index signature.
export type RecoveryFlowsTable = {
  id: string;
  id_hash: string;
  customer_id: string | null;
  card_id: string | null;
  step: RecoveryStep;
  code_attempts: Generated<number>;
  resends: Generated<number>;
  last_code_at: Timestamp | null;
  expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type CaptchaSpentTable = {
  challenge_hash: string;
  expires_at: Timestamp;
};

export type SelfserviceTables = {
  recovery_flows: RecoveryFlowsTable;
  captcha_spent: CaptchaSpentTable;
};

export type RecoveryFlow = Selectable<RecoveryFlowsTable>;

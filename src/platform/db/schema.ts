import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { IvrTables } from '../../ivr/schema.ts';

/** Kysely types of the tables created by the migrations. Keep beside migrations/. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, T | string, T | string>;

export interface OfficesTable {
  code: string;
  name: string;
  kind: 'branch' | 'virtual';
  email: string;
  phone: string | null;
}

export interface ManagersTable {
  id: string;
  office_code: string;
  name: string;
  email: string;
}

export type DocumentType = 'DNI' | 'NIE' | 'CIF' | 'PASSPORT';
export type Locale = 'es' | 'en';

export interface CustomersTable {
  id: string;
  external_id: string;
  kind: 'person' | 'entity';
  document_type: DocumentType;
  document_number: string;
  name: string;
  mobile: string | null;
  landline: string | null;
  email: string | null;
  office_code: string;
  manager_id: string | null;
  locale: Generated<Locale>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface RepresentativesTable {
  entity_id: string;
  person_id: string;
  role: Generated<string>;
}

/** Who set an online-banking profile: the core system's feed, the contact centre, or a branch. */
export type ProfileOrigin = 'core' | 'contact_centre' | 'office';

export interface OnlineBankingUsersTable {
  customer_id: string;
  user_code: string;
  password_hash: string | null;
  password_temporary: Generated<boolean>;
  password_expires_at: Timestamp | null;
  profile: Generated<'full' | 'read_only'>;
  /** Who set the profile last (migration 0014): a feed never restores what the contact centre or a branch restricted. */
  profile_origin: ColumnType<ProfileOrigin | null, ProfileOrigin | null | undefined, ProfileOrigin | null>;
  failed_logins: Generated<number>;
  last_login_at: Timestamp | null;
  updated_at: CreatedAt;
}

export interface PhoneBankingUsersTable {
  customer_id: string;
  user_code: string;
  pin_hash: string | null;
  failed_attempts: Generated<number>;
  updated_at: CreatedAt;
}

export interface SignaturesTable {
  customer_id: string;
  failed_attempts: Generated<number>;
  updated_at: CreatedAt;
}

export interface CardsTable {
  id: string;
  customer_id: string;
  last4: string;
  pan_hash: string;
  /** Opaque reference the PinVerifier understands (the default verifier keeps a keyed hash). */
  pin_ref: string;
  brand: Generated<string>;
  kind: Generated<'debit' | 'credit'>;
  failed_pin_attempts: Generated<number>;
  pin_blocked_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface DevicesTable {
  id: string;
  customer_id: string;
  external_id: string;
  name: string;
  platform: Generated<string>;
  linked_at: Timestamp;
  unlinked_at: Timestamp | null;
  unlinked_reason: string | null;
}

/** An account of a customer with its balance as the core system last reported it (migration 0022). */
export interface AccountsTable {
  id: string;
  customer_id: string;
  /** Electronic format, no spaces. */
  iban: string;
  name: string;
  currency: string;
  balance_cents: number;
  balance_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type OperationStatus = 'pending_signature' | 'held' | 'signed' | 'rejected' | 'cancelled' | 'expired';

export interface OperationsTable {
  id: string;
  reference: string;
  customer_id: string;
  kind: string;
  description: string;
  details: Json;
  amount_cents: ColumnType<number | null, number | null | undefined, number | null>;
  currency: string | null;
  beneficiary: string | null;
  status: OperationStatus;
  held_reason: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface OneTimeCodesTable {
  id: string;
  purpose: string;
  subject: string;
  customer_id: string | null;
  code_hash: string;
  /** The digits sealed (`platform/sealing.ts`) while a live code may be read out again (IVR 3.2); null otherwise. */
  sealed_code: ColumnType<string | null, string | null | undefined, string | null>;
  expires_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: number;
  consumed_at: Timestamp | null;
  created_at: CreatedAt;
}

export type BlockTarget = 'access' | 'signature' | 'operation' | 'card_pin' | 'phone_banking';
export type BlockOrigin = 'failed_attempts' | 'customer' | 'contact_centre' | 'fraud_rule' | 'office';

export interface BlocksTable {
  id: string;
  customer_id: string;
  target: BlockTarget;
  subject_id: string | null;
  origin: BlockOrigin;
  reason: string;
  created_by: string;
  created_at: CreatedAt;
  lifted_by: string | null;
  lifted_channel: string | null;
  lifted_at: Timestamp | null;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  locale: Locale;
  subject: string | null;
  /** Sealed (AES-GCM) until delivery; null once delivered or given up. */
  body: string | null;
  customer_id: string | null;
  /** Copies of an email (addresses), or null. */
  cc: ColumnType<string[] | null, string | null | undefined, string | null>;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: CreatedAt;
  locked_until: Timestamp | null;
  last_error: string | null;
  provider_id: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface DevMessagesTable {
  id: Generated<number>;
  outbox_id: number;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body: string;
  cc: ColumnType<string[] | null, string | null | undefined, string | null>;
  delivered_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  customer_id: string | null;
  subject: string | null;
  details: Json;
  /** Place in the chain, 1, 2, 3 ... without gaps (ids may skip), in the order the sealer chained the rows; null until sealed. */
  seq: number | null;
  /** The audit key that made `hash` (`src/audit/keys.ts`); null for the unkeyed rows from before migration 0017, and until sealed. */
  key_id: string | null;
  /** The chain's link: null until the sealer chains the row (src/audit/sealer.ts). */
  prev_hash: string | null;
  hash: string | null;
  /** The audit key that made `row_mac`; null for the rows written before migration 0025. */
  row_key_id: string | null;
  /** The row's own HMAC, written with it, so an edit before it is sealed shows; null before migration 0025. */
  row_mac: string | null;
}

export interface DB extends IvrTables {
  offices: OfficesTable;
  managers: ManagersTable;
  customers: CustomersTable;
  representatives: RepresentativesTable;
  online_banking_users: OnlineBankingUsersTable;
  phone_banking_users: PhoneBankingUsersTable;
  signatures: SignaturesTable;
  cards: CardsTable;
  devices: DevicesTable;
  accounts: AccountsTable;
  operations: OperationsTable;
  one_time_codes: OneTimeCodesTable;
  blocks: BlocksTable;
  outbox: OutboxTable;
  dev_messages: DevMessagesTable;
  audit_log: AuditLogTable;
}

export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type Card = Selectable<CardsTable>;
export type Device = Selectable<DevicesTable>;
export type Account = Selectable<AccountsTable>;
export type Operation = Selectable<OperationsTable>;
export type Block = Selectable<BlocksTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type AuditRow = Selectable<AuditLogTable>;

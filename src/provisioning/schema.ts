import { Type, type Static } from 'typebox';

/**
 * The provisioning record format: how the bank's core system describes offices, managers and
 * customers to Cerrojo. Shapes and required fields live here (and in the OpenAPI document);
 * the checks a schema cannot express (check characters, Luhn, phone numbering plans, whether
 * an office exists) live in validate-*.ts.
 */
const text = (description: string, max = 200) => Type.String({ minLength: 1, maxLength: max, description });

export const OfficeRecord = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]{4}$', description: 'four-digit office code, e.g. 0123' }),
    name: text('office name'),
    kind: Type.Enum(['branch', 'virtual'], { description: 'virtual: the office of the digital brand' }),
    email: text('office mailbox, copied on customer emails', 254),
    phone: Type.Optional(text('office phone; normalised to E.164', 32)),
  },
  { additionalProperties: false },
);

export const ManagerRecord = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$', description: "the bank's id of the manager" }),
    officeCode: Type.String({ pattern: '^[0-9]{4}$', description: 'office of the manager' }),
    name: text('full name'),
    email: text('work email', 254),
  },
  { additionalProperties: false },
);

export const CardRecord = Type.Object(
  {
    pan: Type.String({ minLength: 13, maxLength: 32, description: 'full card number as printed; only last4 and a keyed hash are kept' }),
    pin: Type.String({ pattern: '^[0-9]{4,12}$', description: '4 to 12 digits; only the PinVerifier reference is kept' }),
    brand: Type.Optional(Type.String({ pattern: '^[a-z0-9_-]{1,20}$', description: 'visa, mastercard ... (default visa)' })),
    kind: Type.Optional(Type.Enum(['debit', 'credit'], { description: 'default debit' })),
    reissuedAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'when the core system last reissued this card (same number); lifts a PIN block set before it' }),
    ),
    pinChangedAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'when the PIN was last changed at the core (ATM, branch, PIN mailer); lifts a PIN block set before it' }),
    ),
  },
  { additionalProperties: false },
);

export const OnlineBankingRecord = Type.Object(
  {
    userCode: Type.String({ pattern: '^[A-Za-z0-9]{4,20}$', description: 'online-banking user code' }),
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 64, description: 'initial password; stored as argon2id' })),
    temporary: Type.Optional(Type.Boolean({ description: 'the password must be changed at the next login' })),
    profile: Type.Optional(Type.Enum(['full', 'read_only'], { description: 'read_only is the CONSULTAS profile' })),
  },
  { additionalProperties: false },
);

export const PhoneBankingRecord = Type.Object(
  {
    userCode: Type.String({ pattern: '^[A-Za-z0-9]{4,20}$', description: 'phone-banking user code' }),
    pin: Type.Optional(Type.String({ pattern: '^[0-9]{4,8}$', description: '4 to 8 digits; stored as a keyed hash' })),
  },
  { additionalProperties: false },
);

export const DeviceRecord = Type.Object(
  {
    externalId: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,100}$', description: 'the id of the device in the mobile-signature app' }),
    name: text('device name shown to agents', 100),
    platform: Type.Optional(Type.Enum(['android', 'ios', 'other'], { description: 'default android' })),
    linkedAt: Type.String({ format: 'date-time', description: 'when it was linked (kept as first provisioned)' }),
  },
  { additionalProperties: false },
);

export const AccountRecord = Type.Object(
  {
    iban: Type.String({ minLength: 15, maxLength: 42, description: 'IBAN (spaces allowed); the account is matched by it' }),
    name: Type.Optional(text('the name the customer sees, e.g. Cuenta Nómina (default: Cuenta)', 60)),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code (default EUR)' })),
    balance: Type.String({ pattern: '^-?[0-9]{1,12}([.,][0-9]{1,2})?$', description: 'the balance as the core system reports it: "1234.56", negative for an overdraft' }),
    balanceAt: Type.Optional(Type.String({ format: 'date-time', description: 'when the core system took the balance (default: the import time); an older figure never replaces a newer one' })),
  },
  { additionalProperties: false },
);

export const CustomerRecord = Type.Object(
  {
    externalId: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,64}$', description: "the bank's customer id: the idempotency key" }),
    kind: Type.Enum(['person', 'entity']),
    document: Type.Object(
      { type: Type.Enum(['DNI', 'NIE', 'CIF', 'PASSPORT']), number: Type.String({ minLength: 1, maxLength: 32 }) },
      { additionalProperties: false },
    ),
    name: text('full name or company name'),
    mobile: Type.Optional(Type.String({ maxLength: 32, description: 'mobile phone; normalised to E.164; SMS go here' })),
    landline: Type.Optional(Type.String({ maxLength: 32, description: 'landline; called first by the contact centre' })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    officeCode: Type.String({ pattern: '^[0-9]{4}$', description: 'managing office; must exist or come in the same import' }),
    managerId: Type.Optional(Type.String({ maxLength: 64, description: 'relationship manager' })),
    locale: Type.Optional(Type.Enum(['es', 'en'], { description: 'default es' })),
    representatives: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, description: 'entities only: externalIds of person customers; replaces the list' }),
    ),
    cards: Type.Optional(Type.Array(CardRecord, { maxItems: 20, description: 'added or updated by card number; cards not listed are kept' })),
    onlineBanking: Type.Optional(OnlineBankingRecord),
    phoneBanking: Type.Optional(PhoneBankingRecord),
    devices: Type.Optional(Type.Array(DeviceRecord, { maxItems: 20 })),
    accounts: Type.Optional(Type.Array(AccountRecord, { maxItems: 20, description: 'added or updated by IBAN with their balances; accounts not listed are kept' })),
  },
  { additionalProperties: false },
);

/** The body of `POST /api/admin/import` (at most 1000 records in all; files have no limit). */
export const ImportBody = Type.Object(
  {
    offices: Type.Optional(Type.Array(OfficeRecord, { maxItems: 1000 })),
    managers: Type.Optional(Type.Array(ManagerRecord, { maxItems: 1000 })),
    customers: Type.Optional(Type.Array(CustomerRecord, { maxItems: 1000 })),
  },
  { additionalProperties: false },
);

export const ImportError = Type.Object({
  record: Type.Enum(['office', 'manager', 'customer']),
  index: Type.Integer({ description: 'position of the record in its list, from 0' }),
  externalId: Type.Optional(Type.String({ description: 'customer externalId, office code or manager id' })),
  field: Type.Optional(Type.String({ description: 'dotted path of the field, e.g. cards.0.pan' })),
  message: Type.String(),
});

/** A change a record asked for that the import did not make, and why; the rest of the record applied. */
export const ImportSkip = Type.Object({
  record: Type.Enum(['office', 'manager', 'customer']),
  index: Type.Integer({ description: 'position of the record in its list, from 0' }),
  externalId: Type.Optional(Type.String()),
  field: Type.String({ description: 'dotted path of the field not applied, e.g. onlineBanking.profile' }),
  reason: Type.String({ description: 'stable reason, e.g. restricted_by_contact_centre' }),
  message: Type.String(),
});

export const ImportSummary = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Array(ImportError),
  skipped: Type.Array(ImportSkip, { description: 'changes not made, each with its reason (a feed never lifts what the contact centre or a branch set)' }),
});

export type OfficeRecord = Static<typeof OfficeRecord>;
export type ManagerRecord = Static<typeof ManagerRecord>;
export type CardRecord = Static<typeof CardRecord>;
export type DeviceRecord = Static<typeof DeviceRecord>;
export type AccountRecord = Static<typeof AccountRecord>;
export type CustomerRecord = Static<typeof CustomerRecord>;
export type ImportError = Static<typeof ImportError>;
export type ImportSkip = Static<typeof ImportSkip>;
export type ImportSummary = Static<typeof ImportSummary>;

/** What an import receives before any record is checked: each list holds raw, unchecked values. */
export interface ImportInput {
  offices?: unknown[];
  managers?: unknown[];
  customers?: unknown[];
}

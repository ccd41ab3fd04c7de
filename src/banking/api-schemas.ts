import { Type } from 'typebox';

/** TypeBox schemas of the online-banking API (request validation and OpenAPI). */
export const doc = { tags: ['banking'] };

/**
 * Text the database can store and compare: no NUL and no lone UTF-16 surrogate (PostgreSQL
 * refuses both, which was a 500; found by test/security). A 400 like any malformed field.
 */
const STORABLE = '^[^\\u0000\\p{Cs}]*$';
/** Storable, and with at least one visible character (not only spaces or control characters). */
const VISIBLE = '^(?=[\\s\\S]*[^\\s\\p{C}])[^\\u0000\\p{Cs}]*$';

export const Reference = Type.Object({ reference: Type.String({ pattern: '^[0-9]{8}$', description: 'The 8-digit operation reference' }) });
export const CodeBody = Type.Object({ code: Type.String({ pattern: '^[0-9]{4,10}$', description: 'The code received by SMS (or read out by the IVR)' }) }, { additionalProperties: false });

export const LoginBody = Type.Object(
  { userCode: Type.String({ minLength: 1, maxLength: 64, pattern: STORABLE }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export const SessionState = Type.Union([Type.Literal('active'), Type.Literal('must_change_password')]);
export const LoginReply = Type.Object({ state: SessionState, customer: Type.Object({ name: Type.String() }), idleSeconds: Type.Integer() });
export const SessionReply = Type.Object({
  state: SessionState,
  customer: Type.Object({ name: Type.String(), userCode: Type.String() }),
  profile: Type.Union([Type.Literal('full'), Type.Literal('read_only')]),
  mobileEnding: Type.Union([Type.String(), Type.Null()]),
  idleSeconds: Type.Integer(),
  expiresAt: Type.String({ format: 'date-time' }),
  passwordLimits: Type.Object({ minLength: Type.Integer(), maxLength: Type.Integer() }, { description: 'For the password page: pass to checkNewPassword (password-policy.ts)' }),
});

export const PasswordBody = Type.Object(
  { current: Type.String({ minLength: 1, maxLength: 256 }), new: Type.String({ maxLength: 1024 }), repeat: Type.String({ maxLength: 1024 }) },
  { additionalProperties: false },
);

export const OperationSchema = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  kind: Type.String(),
  description: Type.String(),
  status: Type.Union([Type.Literal('pending_signature'), Type.Literal('held'), Type.Literal('signed'), Type.Literal('cancelled'), Type.Literal('rejected'), Type.Literal('expired')]),
  amount: Type.Optional(Type.String({ description: 'Euros, two decimals: "1234.56"' })),
  currency: Type.Optional(Type.String()),
  beneficiary: Type.Optional(Type.String()),
  iban: Type.Optional(Type.String()),
  concept: Type.Optional(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  heldReason: Type.Optional(Type.String({ description: 'The fraud rules that held it' })),
  mobileEnding: Type.Union([Type.String(), Type.Null()]),
});
export const OperationReply = Type.Object({ operation: OperationSchema });
export const AccountsReply = Type.Object({
  accounts: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      iban: Type.String({ description: 'masked: the country and the last four characters' }),
      currency: Type.String(),
      balance: Type.String({ description: '"1234.56"; negative for an overdraft' }),
      balanceAt: Type.String({ format: 'date-time', description: 'when the core system took the balance' }),
    }),
  ),
});

export const OperationsReply = Type.Object({ operations: Type.Array(OperationSchema) });

export const TransferBody = Type.Object(
  {
    iban: Type.String({ minLength: 1, maxLength: 64 }),
    beneficiary: Type.String({ minLength: 1, maxLength: 200, pattern: STORABLE }),
    amount: Type.String({ minLength: 1, maxLength: 32, description: 'Euros as a string, at most two decimals: "1234.56"' }),
    concept: Type.Optional(Type.String({ maxLength: 280, pattern: STORABLE })),
  },
  { additionalProperties: false },
);

export const DeviceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  platform: Type.String(),
  linkedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  status: Type.Union([Type.Literal('pending'), Type.Literal('linked'), Type.Literal('unlinked')]),
});
export const DeviceBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60, pattern: VISIBLE }), platform: Type.Union([Type.Literal('android'), Type.Literal('ios')]) },
  { additionalProperties: false },
);
export const DeviceId = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const DeviceReply = Type.Object({ device: DeviceSchema });
export const DevicesReply = Type.Object({ devices: Type.Array(DeviceSchema) });

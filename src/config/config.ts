import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { brandProblem } from '../brand/brand.ts';

/**
 * The whole configuration, validated at start. Values come from an optional JSON file
 * (`CERROJO_CONFIG` or `--config`) and are overridden by environment variables.
 * A bad value stops the start with a message naming the key.
 */
/** A key in hex, at least 32 bytes. */
const HEX_KEY = '^[0-9a-fA-F]{64,}$';

const Limits = Type.Object({
  /** Consecutive failures of one credential before a block (PSD2 RTS art. 4(3)(b)). */
  passwordAttempts: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
  pinAttempts: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
  codeAttempts: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
  signingCodeAttempts: Type.Integer({ minimum: 1, maximum: 10, default: 5 }),
  /** One-time codes live at most 10 minutes (ASVS 2.7.2). */
  codeTtlSeconds: Type.Integer({ minimum: 30, maximum: 600, default: 600 }),
  signingCodeTtlSeconds: Type.Integer({ minimum: 30, maximum: 600, default: 300 }),
  codeDigits: Type.Integer({ minimum: 6, maximum: 10, default: 6 }),
  temporaryPasswordTtlSeconds: Type.Integer({ minimum: 60, maximum: 86_400, default: 3600 }),
  passwordMinLength: Type.Integer({ minimum: 8, maximum: 64, default: 8 }),
  passwordMaxLength: Type.Integer({ minimum: 8, maximum: 64, default: 64 }),
  /** SMS sent per customer per hour, so nobody can flood a victim. */
  smsPerCustomerPerHour: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
});

const Ivr = Type.Object({
  /** Serve the telephony webhooks (`/ivr/twilio/*`); off, they answer 404 and `publicBaseUrl` is not required. */
  enabled: Type.Optional(Type.Boolean()),
  /** Re-prompts after no input or invalid input before the call goes on (seed 000: bounded). */
  reprompts: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })),
  /** Seconds a Gather waits for the first key. */
  timeoutSeconds: Type.Optional(Type.Integer({ minimum: 2, maximum: 30 })),
  /**
   * Where calls go when the line hands over to a person: an agent line of the directory, never a
   * number the IVR answers itself (checked at start).
   */
  agentNumber: Type.Optional(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$' })),
  /** Seconds a transfer rings at the agent line before the caller hears the hours and the other ways. */
  transferTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 600 })),
  /** After the re-prompts run out: transfer to an agent or a polite goodbye. */
  whenExhausted: Type.Optional(Type.Union([Type.Literal('agent'), Type.Literal('goodbye')])),
  voices: Type.Optional(Type.Object({ es: Type.Optional(Type.String()), en: Type.Optional(Type.String()) })),
});

/**
 * The console's calls to customers (issue 15 §2): who places them, the number the customer sees,
 * and each agent's own phone, which the provider rings first and then bridges to the customer.
 */
const Calls = Type.Object({
  /** `twilio` (the REST API), `dev` (the `/phone` page rings; dev mode only) or `off`. Unset: `dev` in dev mode, else `off`. */
  provider: Type.Optional(Type.Union([Type.Literal('twilio'), Type.Literal('dev'), Type.Literal('off')])),
  /** The caller id the customer sees: a number of the bank's Twilio account (required with `twilio`). */
  callerId: Type.Optional(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$' })),
  /** Each agent's own phone or softphone by staff id: E.164, `sip:` or Twilio `client:`. */
  agentPhones: Type.Record(Type.String({ pattern: '^[a-z0-9._@-]{1,64}$' }), Type.String({ pattern: '^(\\+[1-9][0-9]{6,14}|sip:[^\\s]{3,200}|client:[A-Za-z0-9_.-]{1,100})$' }), { default: {} }),
  /** Seconds the customer's phone rings before the attempt ends as "no answer". */
  ringTimeoutSeconds: Type.Integer({ minimum: 5, maximum: 120, default: 30 }),
});

const Web = Type.Object({
  /**
   * Cookies carry `Secure` (sent over TLS only). On by default; `npm start --dev` on plain
   * http://localhost turns it off unless set.
   */
  secureCookies: Type.Optional(Type.Boolean()),
  /** Online-banking inactivity limit (PSD2 RTS art. 4(3)(d): at most 5 minutes). */
  sessionIdleSeconds: Type.Integer({ minimum: 30, maximum: 300, default: 300 }),
  /** Longest an online-banking session lives whatever the activity. */
  sessionMaxSeconds: Type.Integer({ minimum: 300, maximum: 86_400, default: 8 * 3600 }),
  /** Life of a web recovery flow from its first step (ASVS 5.0 §2.3.1). */
  recoveryFlowTtlSeconds: Type.Integer({ minimum: 60, maximum: 3600, default: 900 }),
  /** Wrong SMS codes a recovery flow accepts before it ends. */
  recoveryCodeAttempts: Type.Integer({ minimum: 1, maximum: 10, default: 3 }),
  /** Proof-of-work size of the recovery captcha (ALTCHA max number): larger is slower for bots and people. */
  captchaMaxNumber: Type.Integer({ minimum: 1000, maximum: 10_000_000, default: 100_000 }),
  /** Life of a captcha challenge. */
  captchaTtlSeconds: Type.Integer({ minimum: 30, maximum: 3600, default: 600 }),
});

/**
 * Built-in fraud rules of online banking: an operation matching one is held with its
 * reference until the customer unlocks it (IVR branch 2) or the contact centre acts.
 */
const FraudRules = Type.Object({
  /** Hold any transfer of at least this amount (cents); 0 disables the rule. */
  amountOverCents: Type.Integer({ minimum: 0, default: 500_000 }),
  /** Hold a transfer to a beneficiary never paid before from this amount (cents); 0 holds every new one. */
  newBeneficiaryOverCents: Type.Integer({ minimum: 0, default: 100_000 }),
  /**
   * A beneficiary stays new until a signed transfer paid it more than this many hours ago, and
   * the threshold above counts what was sent it within these hours (a payment split in amounts
   * under the threshold is held too).
   */
  newBeneficiaryWindowHours: Type.Integer({ minimum: 1, maximum: 2160, default: 168 }),
  /** Hold a transfer to a new beneficiary made within this many hours of linking a device; 0 disables. */
  recentDeviceHours: Type.Integer({ minimum: 0, maximum: 720, default: 24 }),
});

/** A system allowed to post alerts (`POST /api/alerts`): by shared key, by HMAC signature, or both. */
const AlertSource = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{1,40}$' }),
  /** Shared key the source sends in `X-Api-Key` (compared in constant time). */
  key: Type.Optional(Type.String({ minLength: 24 })),
  /** HMAC-SHA256 secret the source signs each post with. */
  hmacSecret: Type.Optional(Type.String({ minLength: 32 })),
});

/**
 * A system that acts on the back office for staff (issue 14, finding 6): its own credential,
 * recorded in timelines and audit as `service:<name>`, with the role (and a branch's office) this
 * configuration grants. Only the SHA-256 of its bearer token is configured.
 */
const ServiceAccount = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{1,40}$' }),
    role: Type.Union(['agent', 'supervisor', 'branch', 'admin', 'fraud'].map((r) => Type.Literal(r))),
    /** The office of a `branch` service account (required for that role, refused for the others). */
    officeCode: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z]{1,16}$' })),
    /** Lower-case hex SHA-256 of the token it sends as `Authorization: Bearer <token>`. */
    tokenSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  },
  { additionalProperties: false },
);

/** A category path of the tree, `level1/level2/level3` (checked against the tree at start). */
const categoryOf = (outcome: string) => Type.String({ pattern: '^[a-z0-9_]{1,40}/[a-z0-9_]{1,40}/[a-z0-9_]{1,40}$', default: `fraud/operation_alert/${outcome}` });

/** One priority's SLA milestones: minutes from the case's opening to its first take, and to its close. */
const SlaTarget = Type.Object(
  {
    takeMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }),
    closeMinutes: Type.Integer({ minimum: 1, maximum: 43_200 }),
  },
  { additionalProperties: false },
);

/** A priority's name, as `backoffice.sla.priorities` keys it. */
const PRIORITY_NAME = '^[a-z][a-z0-9_]{0,23}$';

/**
 * SLA milestones of the supervisor's live view (issue 15 §1): per alert priority, the minutes to
 * the first take and to the close; the priority of a case comes from its situation. Checked at
 * start (`checkSla`).
 */
const Sla = Type.Object(
  {
    /** Targets by priority, in the order the console lists them (most urgent first). */
    priorities: Type.Record(Type.String({ pattern: PRIORITY_NAME }), SlaTarget, {
      default: { high: { takeMinutes: 10, closeMinutes: 60 }, normal: { takeMinutes: 30, closeMinutes: 240 }, low: { takeMinutes: 120, closeMinutes: 1440 } },
    }),
    /** The priority of an alert's situation; a situation not named here (and a main case) has `defaultPriority`. */
    situations: Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9_.:-]{0,63}$' }), Type.String({ pattern: PRIORITY_NAME }), {
      default: {
        transfer_unusual_access: 'high',
        transfer_new_beneficiary: 'high',
        device_linked_then_access: 'high',
        password_changed_then_transfer: 'high',
        phone_changed_then_transfer: 'high',
        held_transfer: 'high',
        sim_swap: 'high',
        login_new_location: 'low',
        login_new_device: 'low',
      },
    }),
    defaultPriority: Type.String({ pattern: PRIORITY_NAME, default: 'normal' }),
    /** A milestone is "about to breach" once this fraction of its time has gone by. */
    warningFraction: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.8 }),
    /** How often the background task looks for breaches to notify (seconds). */
    checkIntervalSeconds: Type.Integer({ minimum: 5, maximum: 3600, default: 60 }),
  },
  { default: {}, additionalProperties: false },
);

/** The fraud-alert back office of seed 002. */
const Backoffice = Type.Object({
  /** Alerts of one customer for one situation within this window join one case (seed 002: "en un breve periodo"). */
  dedupeWindowMinutes: Type.Integer({ minimum: 1, maximum: 10_080, default: 30 }),
  /** Who may post alerts; in dev mode a source `fraud-engine` with a published dev key is added when empty. */
  alertSources: Type.Array(AlertSource, { default: [] }),
  /** The three-level category tree (JSON); the shipped `config/categories.json` when unset. */
  categoriesFile: Type.Optional(Type.String({ minLength: 1 })),
  /** The bank of security questions (JSON); the shipped `config/security-questions.json` when unset. */
  securityQuestionsFile: Type.Optional(Type.String({ minLength: 1 })),
  /** The macros' email templates (JSON); the shipped `config/macros.json` when unset. */
  macrosFile: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * The bank's words for alert situations and detail keys, over the shipped
   * `config/alert-catalogue.json` (`backoffice/alerts/catalogue.ts`, checked at start): an object
   * `{ situations, details }`, JSON text of one, or the path of a JSON file holding one.
   */
  alertCatalogue: Type.Optional(Type.Unknown()),
  /** Security questions asked per check; all must be answered right to pass. */
  securityQuestionsAsked: Type.Integer({ minimum: 1, maximum: 6, default: 3 }),
  /** "Unlink devices linked recently": a device linked within this many days before the alert counts as recent. */
  recentDeviceDays: Type.Integer({ minimum: 1, maximum: 90, default: 7 }),
  /** A branch lifting the contact centre's blocks of its own customer, identified in person (seed 002). */
  branchUnlock: Type.Object(
    {
      /** The category the unlocked case closes with (a leaf of the category tree, checked at start). */
      category: Type.String({ minLength: 1, maxLength: 130, default: 'online_banking/credentials/contact_centre_block' }),
      /** A second person approves before the lift takes effect: a branch user of the same office, not the requester, or a supervisor. */
      fourEyes: Type.Boolean({ default: false }),
    },
    { default: {} },
  ),
  /** SLA milestones by priority for the supervisor's live view and its breach notices. */
  sla: Sla,
  /** An agent lifting a blocked card PIN: how recent the customer's passed security questions must be. */
  pinUnlock: Type.Object({ securityCheckMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 30 }) }, { default: {} }),
  /**
   * The category each playbook outcome closes its cases with (seed 002: "Es de suma importancia
   * categorizar el caso"); a leaf of the tree, not a special one. The agent may choose another.
   */
  outcomeCategories: Type.Object(
    {
      confirmed: categoryOf('confirmed'),
      not_confirmed: categoryOf('not_confirmed'),
      failed_security: categoryOf('failed_security'),
      no_answer: categoryOf('no_answer'),
      doubt: categoryOf('doubt'),
    },
    { default: {}, additionalProperties: false },
  ),
});

/** The staff roles an OIDC role map may name (`backoffice/access.ts`). */
export const OIDC_STAFF_ROLES = ['agent', 'supervisor', 'branch', 'admin', 'fraud'] as const;

/**
 * Staff single sign-on through the bank's OpenID Connect provider (issue 15): authorization code
 * with PKCE; the role and a branch user's office come from claims. Off while `issuer` is unset.
 */
const Oidc = Type.Object({
  /** The issuer URL; its `/.well-known/openid-configuration` is read at first use. */
  issuer: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  /** The client secret (a confidential client); not needed with `tokenAuthMethod: none`. */
  clientSecret: Type.Optional(Type.String({ minLength: 1 })),
  /** How the client proves itself at the token endpoint, as registered at the provider. */
  tokenAuthMethod: Type.Union([Type.Literal('client_secret_basic'), Type.Literal('client_secret_post'), Type.Literal('none')], { default: 'client_secret_basic' }),
  /** Where the provider sends the browser back; `<publicBaseUrl>/api/staff/oidc/callback` when unset. */
  redirectUri: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  /** Where the provider sends the browser after its sign-out; `<publicBaseUrl>/console` when unset. */
  postLogoutRedirectUri: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  scopes: Type.String({ minLength: 6, maxLength: 500, default: 'openid profile email' }),
  /** The claim holding the person's groups or roles: a dotted path (`realm_access.roles`), a string or a list. */
  roleClaim: Type.String({ minLength: 1, maxLength: 200, default: 'groups' }),
  /** `value=role` pairs, comma separated; the first pair whose value the person has gives the role. */
  roleMap: Type.String({ maxLength: 4000, default: '' }),
  /** The claim holding a branch user's office code (dotted path); required when the map names `branch`. */
  officeClaim: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** The sign-in button's text; the console's own words when unset. */
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  /** Accept a provider on plain http (a test or a local provider). Dev mode only. */
  allowHttp: Type.Boolean({ default: false }),
});

/** The agent console: staff sessions and sign-in (issue 6). */
const Console = Type.Object({
  /** Sign-in with the user names and passwords kept here; off leaves single sign-on only. */
  localLogin: Type.Boolean({ default: true }),
  oidc: Type.Object(Oidc.properties, { default: {} }),
  /** A staff session ends after this long without a request (PCI DSS 8.2.8 asks 900 where the console is in card-data scope). */
  sessionIdleSeconds: Type.Integer({ minimum: 60, maximum: 86_400, default: 1800 }),
  /** Longest a staff session lives whatever the activity: one working day. */
  sessionMaxSeconds: Type.Integer({ minimum: 300, maximum: 86_400, default: 12 * 3600 }),
  /** Consecutive wrong passwords that lock a staff account (PCI DSS 8.3.4: at most 10). */
  loginAttempts: Type.Integer({ minimum: 3, maximum: 10, default: 10 }),
  /** How long a locked staff account stays locked (PCI DSS 8.3.4: at least 30 minutes). */
  lockMinutes: Type.Integer({ minimum: 30, maximum: 1440, default: 30 }),
  /** How often the live-update stream looks for new case events and mentions. */
  eventsPollMs: Type.Integer({ minimum: 100, maximum: 60_000, default: 1000 }),
});

/** The HTTP server's timeouts (Node's `requestTimeout`, socket `timeout` and `keepAliveTimeout`). */
const Http = Type.Object({
  /** The whole request (headers and body) must arrive within this time, or the server answers 408 and closes. */
  requestTimeoutMs: Type.Integer({ minimum: 1000, maximum: 300_000, default: 30_000 }),
  /** A connection with no traffic either way for this long during a request is closed (a client that stops reading or sending). */
  connectionTimeoutMs: Type.Integer({ minimum: 1000, maximum: 600_000, default: 60_000 }),
  /** An idle keep-alive connection is closed after this long; keep it above the load balancer's idle timeout. */
  keepAliveTimeoutMs: Type.Integer({ minimum: 1000, maximum: 600_000, default: 72_000 }),
});

/** A credential route's limits within the window: requests per client address and per identity (0: no such limit). */
const routeLimits = (perIp: number, perIdentity: number) =>
  Type.Object(
    {
      perIp: Type.Integer({ minimum: 0, maximum: 1_000_000, default: perIp }),
      perIdentity: Type.Integer({ minimum: 0, maximum: 1_000_000, default: perIdentity }),
    },
    { default: {} },
  );

/**
 * Throttling of the credential routes by source and by identity (issue 14, finding 8), through
 * `@fastify/rate-limit`. Every request to a credential route counts, whatever its outcome, in a
 * fixed window; past a limit the route answers 429 with `Retry-After` until the window ends.
 */
const RateLimit = Type.Object({
  /**
   * Where the counts live. Unset: `redis` when `redisUrl` is set, else `postgres` on a PostgreSQL
   * database (every instance shares it), else `memory` (one instance with PGlite).
   */
  store: Type.Optional(Type.Union([Type.Literal('memory'), Type.Literal('redis'), Type.Literal('postgres')])),
  /** The Redis the instances share (`redis://host:6379/0`). */
  redisUrl: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  /** Prefix of every Redis key, for deployments sharing one Redis. */
  keyPrefix: Type.String({ minLength: 1, maxLength: 64, default: 'cerrojo:rl:' }),
  /** The window the limits below count in. */
  windowSeconds: Type.Integer({ minimum: 1, maximum: 86_400, default: 600 }),
  /** Online-banking login: per address (customers behind one carrier NAT share it) and per user code. */
  login: routeLimits(60, 10),
  /** Web recovery steps 1 and 2: per address, and per document (step 1) or per flow (step 2). */
  recovery: routeLimits(20, 5),
  /** Device link request and confirmation: per address and per online-banking session. */
  deviceLink: routeLimits(30, 10),
  /** Staff sign-in: per address (counted before the per-name lockout) and per staff name. */
  staffLogin: routeLimits(20, 10),
  /** IVR: incoming calls per caller number (the provider is the address, so no limit per address). */
  ivrCalls: Type.Object({ perCaller: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 10 }) }, { default: {} }),
});

/** The audit log's integrity (issue 14, finding 3; docs/operations.md "Audit log integrity"). */
const Audit = Type.Object({
  /**
   * Key of the audit chain's HMAC and of its checkpoints' signatures (hex, at least 32 bytes).
   * Kept out of the database; required outside dev mode, where one is made under the data folder.
   */
  key: Type.Optional(Type.String({ pattern: HEX_KEY })),
  /** Earlier audit keys, so rows and checkpoints made under them still verify after a rotation. */
  previousKeys: Type.Array(Type.String({ pattern: HEX_KEY }), { default: [] }),
  /** Append each signed checkpoint of the chain's head to this file (JSON lines), besides the log. */
  checkpointFile: Type.Optional(Type.String({ minLength: 1 })),
  /** POST each signed checkpoint as JSON to this URL, besides the log. */
  checkpointUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** How often a checkpoint is taken while the chain grows. */
  checkpointIntervalSeconds: Type.Integer({ minimum: 10, maximum: 86_400, default: 300 }),
  /** How often the background sealer chains the audit rows written since its last round (src/audit/sealer.ts). */
  sealIntervalMs: Type.Integer({ minimum: 10, maximum: 60_000, default: 200 }),
  /** Rows chained per sealing transaction at most; a round takes batches until one is not full. */
  sealBatchSize: Type.Integer({ minimum: 1, maximum: 10_000, default: 500 }),
});

/** A colour of the brand: `#rrggbb` only, so nothing else can reach the stylesheet made from it. */
const HEX_COLOR = '^#[0-9a-fA-F]{6}$';
/** A text of the customer faces in Spanish and English; unset, the catalogue's own words. */
const BrandText = Type.Object(
  { es: Type.Optional(Type.String({ minLength: 1, maxLength: 600 })), en: Type.Optional(Type.String({ minLength: 1, maxLength: 600 })) },
  { default: {}, additionalProperties: false },
);

/**
 * The bank's own frame around the customer faces (recovery and online banking; issue 15 §4).
 * The defaults are the demo bank's, as seed 001 shows it: "GRUPO CAJAMAR | Recuperar contraseña".
 */
const Brand = Type.Object({
  /** The bank's name: the header's wordmark (or the logo's text alternative) and the page titles. */
  name: Type.String({ minLength: 1, maxLength: 60, default: 'GRUPO CAJAMAR' }),
  /**
   * The logo: an image file (svg, png, webp or jpg; served as `/brand/logo.<ext>`) or an https://
   * URL (its origin is added to the pages' `img-src`). Unset: the demo's wordmark while the name is
   * the demo's, else the name in text.
   */
  logo: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  /** The customers' help line, shown in every customer page's footer; any form, normalised to E.164. */
  helpPhone: Type.String({ minLength: 3, maxLength: 32, default: '+34950183313' }),
  colors: Type.Object(
    {
      /** The header band, the buttons and the headings: at least 4.5:1 against the page background. */
      primary: Type.String({ pattern: HEX_COLOR, default: '#00704a' }),
      /** Text on `primary`: at least 4.5:1 against it. */
      onPrimary: Type.String({ pattern: HEX_COLOR, default: '#ffffff' }),
      /** The stripe under the header and the current step's mark (decoration only). */
      accent: Type.String({ pattern: HEX_COLOR, default: '#8dc63f' }),
    },
    { default: {}, additionalProperties: false },
  ),
  /** The legal line of the footer (company, registry, licence number); unset: "© <year> <name>". */
  legal: BrandText,
  /** The security advice of the footer; unset: "We will never ask for your credentials by phone or email". */
  security: BrandText,
});

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  /**
   * HTTP processes `serve` runs on the one port (`node:cluster`; docs/operations.md "Every core").
   * Unset: the cores available on PostgreSQL, 1 on PGlite, which one process holds. See `serveWorkers`.
   */
  workers: Type.Optional(Type.Integer({ minimum: 1, maximum: 256 })),
  /**
   * Address to listen on. Unset: 127.0.0.1 in dev mode (the dev sink shows every code and
   * temporary password, so it stays off the local network), 0.0.0.0 in production. See `listenHost`.
   */
  host: Type.Optional(Type.String({ minLength: 1 })),
  /**
   * Public base URL, used for links in messages and for webhook signature checks behind a proxy.
   * Required in production while the IVR is on: the TwiML URLs must never come from a request's
   * Host or X-Forwarded-Host.
   */
  publicBaseUrl: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  /**
   * The proxies in front of the server whose `X-Forwarded-For` is believed: `none` (the default:
   * the client is the socket's address), a comma-separated list of addresses and CIDR ranges
   * (`10.0.0.0/8,192.168.1.10`; also `loopback`, `linklocal`, `uniquelocal`), or a number of hops.
   */
  trustedProxies: Type.String({ default: 'none' }),
  /** Throttling of the credential routes (issue 14, finding 8). */
  rateLimit: Type.Object(RateLimit.properties, { default: {} }),
  /** Timeouts of the HTTP server (slow or idle clients must not hold connections open). */
  http: Type.Object(Http.properties, { default: {} }),
  /**
   * Bearer token `/metrics` asks for (`Authorization: Bearer <token>`). Without one, production
   * does not serve `/metrics` at all and dev mode serves it openly.
   */
  metricsToken: Type.Optional(Type.String({ minLength: 24 })),
  /** Serve the API documentation (`/docs`, `/docs/json`). Unset: on in dev mode, off in production. */
  apiDocs: Type.Optional(Type.Boolean()),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  dataDir: Type.String({ minLength: 1, default: './data' }),
  /** Dev mode: dev message sink, printed admin token, demo data on first start. */
  dev: Type.Boolean({ default: false }),
  logLevel: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Server key for keyed hashes of codes, PINs and card numbers (hex, at least 32 bytes). */
  secretKey: Type.Optional(Type.String({ pattern: HEX_KEY })),
  /** Provisioning only (`/api/admin/*`): it never acts for staff on the back office. */
  adminToken: Type.Optional(Type.String({ minLength: 24 })),
  /** Systems that act on the back office, each with its own credential and role (`SERVICE_ACCOUNTS`). */
  serviceAccounts: Type.Array(ServiceAccount, { default: [] }),
  defaultLocale: Type.Union([Type.Literal('es'), Type.Literal('en')], { default: 'es' }),
  timeZone: Type.String({ default: 'Europe/Madrid' }),
  limits: Type.Object(Limits.properties, { default: {} }),
  web: Type.Object(Web.properties, { default: {} }),
  banking: Type.Object({ fraudRules: Type.Object(FraudRules.properties, { default: {} }) }, { default: {} }),
  backoffice: Type.Object(Backoffice.properties, { default: {} }),
  console: Type.Object(Console.properties, { default: {} }),
  ivr: Type.Object(Ivr.properties, { default: {} }),
  calls: Type.Object(Calls.properties, { default: {} }),
  audit: Type.Object(Audit.properties, { default: {} }),
  /** The bank's brand on the customer faces (docs/operations.md "The bank's brand"). */
  brand: Type.Object(Brand.properties, { default: {} }),
  notify: Type.Object(
    {
      email: Type.Union([Type.Literal('smtp'), Type.Literal('dev')], { default: 'dev' }),
      sms: Type.Union([Type.Literal('twilio'), Type.Literal('dev')], { default: 'dev' }),
      smtpUrl: Type.Optional(Type.String({ pattern: '^smtps?://' })),
      emailFrom: Type.String({ default: 'Cerrojo <no-reply@cerrojo.local>' }),
      twilioAccountSid: Type.Optional(Type.String({ minLength: 1 })),
      twilioAuthToken: Type.Optional(Type.String({ minLength: 1 })),
      twilioFrom: Type.Optional(Type.String({ minLength: 1 })),
      /** Base URL of the Twilio REST API; a test points it at a local server. */
      twilioApiBaseUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
      workerIntervalMs: Type.Integer({ minimum: 50, maximum: 60_000, default: 500 }),
      maxAttempts: Type.Integer({ minimum: 1, maximum: 50, default: 8 }),
      backoffBaseMs: Type.Integer({ minimum: 10, maximum: 600_000, default: 2000 }),
      leaseMs: Type.Integer({ minimum: 1000, maximum: 600_000, default: 60_000 }),
      /** Ceiling of the retry delay, so a long outage does not push messages out by days. */
      backoffMaxMs: Type.Integer({ minimum: 10, maximum: 86_400_000, default: 900_000 }),
      /** Messages one worker claims per round; also how many it sends at once. */
      batchSize: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
      /** Run the delivery worker inside `serve`; disable to run workers separately. */
      runWorker: Type.Boolean({ default: true }),
    },
    { default: {} },
  ),
});

export type Config = Static<typeof ConfigSchema>;
export type LimitsConfig = Config['limits'];
export type WebConfig = Config['web'];
export type FraudRulesConfig = Config['banking']['fraudRules'];
export type BackofficeConfig = Config['backoffice'];
export type ConsoleConfig = Config['console'];
export type OidcConfig = Config['console']['oidc'];
export type OidcStaffRole = (typeof OIDC_STAFF_ROLES)[number];
export type RateLimitConfig = Config['rateLimit'];
export type BrandConfig = Config['brand'];
export type CallsConfig = Config['calls'];

const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Fastify's `trustProxy` from `trustedProxies`: false for `none`, a hop count, or the list of
 * addresses and ranges. "Trust everyone" is refused: any client could then name its own address.
 */
export function trustProxyOption(value: string): false | string[] | ((address: string, hop: number) => boolean) {
  const text = value.trim();
  if (text === '' || text.toLowerCase() === 'none') return false;
  if (/^[0-9]+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 10) throw new ConfigError('trustedProxies (TRUSTED_PROXIES)', 'a hop count must be between 1 and 10');
    // Believe the nearest `hops` proxies (what Fastify does with a number, which its types omit).
    return (_address: string, hop: number) => hop < hops;
  }
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    if (NAMED_RANGES.includes(entry)) continue;
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !validBits || rest.length > 0) {
      throw new ConfigError('trustedProxies (TRUSTED_PROXIES)', `"${entry}" is not an address, a CIDR range, ${NAMED_RANGES.join(', ')} or a hop count; "none" trusts no proxy`);
    }
  }
  return entries;
}

/** The address to listen on: as configured, else loopback in dev mode and every interface in production. */
export function listenHost(config: Pick<Config, 'host' | 'dev'>): string {
  return config.host ?? (config.dev ? '127.0.0.1' : '0.0.0.0');
}

/**
 * How many HTTP processes `serve` runs: as configured, else one per core on PostgreSQL, and one on
 * PGlite or with the rate limits counted in process memory.
 */
export function serveWorkers(config: Pick<Config, 'workers' | 'databaseUrl' | 'rateLimit'>): number {
  return config.workers ?? (config.databaseUrl && config.rateLimit.store !== 'memory' ? availableParallelism() : 1);
}

/** What N workers need: a database each process can open, and rate limits they count together. */
function checkWorkers(config: Pick<Config, 'workers' | 'databaseUrl' | 'rateLimit'>): void {
  const workers = serveWorkers(config);
  if (workers === 1) return;
  if (!config.databaseUrl) {
    throw new ConfigError('workers (CERROJO_WORKERS)', `${workers} workers need PostgreSQL (DATABASE_URL): the embedded PGlite database lives inside one process and cannot be shared, so it runs one worker`);
  }
  if (config.rateLimit.store === 'memory') {
    throw new ConfigError('workers (CERROJO_WORKERS)', `${workers} workers cannot share rate limits counted in process memory (RATE_LIMIT_STORE=memory): each would allow the whole limit; use postgres or redis, or one worker`);
  }
}

/** Whether the API documentation is served: as configured, else only in dev mode. */
export function apiDocsEnabled(config: Pick<Config, 'apiDocs' | 'dev'>): boolean {
  return config.apiDocs ?? config.dev;
}

/** Whether the IVR's webhooks are served (`ivr.enabled`, on unless turned off). */
export function ivrEnabled(config: Pick<Config, 'ivr'>): boolean {
  return config.ivr.enabled ?? true;
}

/** Who places the console's calls: as configured, else the dev phone in dev mode and nobody outside it. */
export function callsProvider(config: Pick<Config, 'calls' | 'dev'>): 'twilio' | 'dev' | 'off' {
  return config.calls.provider ?? (config.dev ? 'dev' : 'off');
}

function checkCalls(config: Config): void {
  const provider = callsProvider(config);
  if (provider === 'dev' && !config.dev) throw new ConfigError('calls.provider (CALLS_PROVIDER)', 'the dev phone places calls only in dev mode');
  if (provider !== 'twilio') return;
  if (!config.calls.callerId) throw new ConfigError('calls.callerId (CALLS_CALLER_ID)', 'required when calls.provider is "twilio"');
  for (const k of ['twilioAccountSid', 'twilioAuthToken'] as const) {
    if (!config.notify[k]) throw new ConfigError(`notify.${k}`, 'required when calls.provider is "twilio"');
  }
  if (!config.dev && !config.publicBaseUrl) throw new ConfigError('publicBaseUrl (PUBLIC_BASE_URL)', 'required when calls.provider is "twilio": the provider calls back there');
}

/** Whether cookies carry `Secure`: as configured, else on outside dev mode. */
export function secureCookies(config: Pick<Config, 'web' | 'dev'>): boolean {
  return config.web.secureCookies ?? !config.dev;
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`Invalid configuration "${key}": ${message}`);
  }
}

/** Environment variables and the configuration key each one sets. */
const ENV_KEYS: Record<string, string> = {
  PORT: 'port',
  CERROJO_WORKERS: 'workers',
  HOST: 'host',
  PUBLIC_BASE_URL: 'publicBaseUrl',
  DATABASE_URL: 'databaseUrl',
  DATA_DIR: 'dataDir',
  CERROJO_DEV: 'dev',
  LOG_LEVEL: 'logLevel',
  SECRET_KEY: 'secretKey',
  ADMIN_TOKEN: 'adminToken',
  DEFAULT_LOCALE: 'defaultLocale',
  NOTIFY_EMAIL: 'notify.email',
  NOTIFY_SMS: 'notify.sms',
  SMTP_URL: 'notify.smtpUrl',
  EMAIL_FROM: 'notify.emailFrom',
  TWILIO_ACCOUNT_SID: 'notify.twilioAccountSid',
  TWILIO_AUTH_TOKEN: 'notify.twilioAuthToken',
  TWILIO_FROM: 'notify.twilioFrom',
  TWILIO_API_BASE_URL: 'notify.twilioApiBaseUrl',
  NOTIFY_RUN_WORKER: 'notify.runWorker',
  COOKIE_SECURE: 'web.secureCookies',
  SESSION_IDLE_SECONDS: 'web.sessionIdleSeconds',
  STAFF_SESSION_IDLE_SECONDS: 'console.sessionIdleSeconds',
  IVR_AGENT_NUMBER: 'ivr.agentNumber',
  IVR_TRANSFER_TIMEOUT_SECONDS: 'ivr.transferTimeoutSeconds',
  IVR_REPROMPTS: 'ivr.reprompts',
  IVR_WHEN_EXHAUSTED: 'ivr.whenExhausted',
  IVR_ENABLED: 'ivr.enabled',
  CALLS_PROVIDER: 'calls.provider',
  CALLS_CALLER_ID: 'calls.callerId',
  CALLS_RING_TIMEOUT_SECONDS: 'calls.ringTimeoutSeconds',
  METRICS_TOKEN: 'metricsToken',
  API_DOCS: 'apiDocs',
  REQUEST_TIMEOUT_MS: 'http.requestTimeoutMs',
  CONNECTION_TIMEOUT_MS: 'http.connectionTimeoutMs',
  KEEP_ALIVE_TIMEOUT_MS: 'http.keepAliveTimeoutMs',
  BRANCH_UNLOCK_FOUR_EYES: 'backoffice.branchUnlock.fourEyes',
  ALERT_CATALOGUE: 'backoffice.alertCatalogue',
  SLA_WARNING_FRACTION: 'backoffice.sla.warningFraction',
  SLA_CHECK_INTERVAL_SECONDS: 'backoffice.sla.checkIntervalSeconds',
  STAFF_LOCAL_LOGIN: 'console.localLogin',
  OIDC_ISSUER: 'console.oidc.issuer',
  OIDC_CLIENT_ID: 'console.oidc.clientId',
  OIDC_CLIENT_SECRET: 'console.oidc.clientSecret',
  OIDC_TOKEN_AUTH_METHOD: 'console.oidc.tokenAuthMethod',
  OIDC_REDIRECT_URI: 'console.oidc.redirectUri',
  OIDC_POST_LOGOUT_REDIRECT_URI: 'console.oidc.postLogoutRedirectUri',
  OIDC_SCOPES: 'console.oidc.scopes',
  OIDC_ROLE_CLAIM: 'console.oidc.roleClaim',
  OIDC_ROLE_MAP: 'console.oidc.roleMap',
  OIDC_OFFICE_CLAIM: 'console.oidc.officeClaim',
  OIDC_LABEL: 'console.oidc.label',
  OIDC_ALLOW_HTTP: 'console.oidc.allowHttp',
  TRUSTED_PROXIES: 'trustedProxies',
  REDIS_URL: 'rateLimit.redisUrl',
  RATE_LIMIT_STORE: 'rateLimit.store',
  RATE_LIMIT_WINDOW_SECONDS: 'rateLimit.windowSeconds',
  AUDIT_KEY: 'audit.key',
  AUDIT_CHECKPOINT_FILE: 'audit.checkpointFile',
  AUDIT_CHECKPOINT_URL: 'audit.checkpointUrl',
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: 'audit.checkpointIntervalSeconds',
  AUDIT_SEAL_INTERVAL_MS: 'audit.sealIntervalMs',
  AUDIT_SEAL_BATCH_SIZE: 'audit.sealBatchSize',
  BRAND_NAME: 'brand.name',
  BRAND_LOGO: 'brand.logo',
  BRAND_HELP_PHONE: 'brand.helpPhone',
  BRAND_PRIMARY_COLOR: 'brand.colors.primary',
  BRAND_ON_PRIMARY_COLOR: 'brand.colors.onPrimary',
  BRAND_ACCENT_COLOR: 'brand.colors.accent',
  BRAND_LEGAL_ES: 'brand.legal.es',
  BRAND_LEGAL_EN: 'brand.legal.en',
  BRAND_SECURITY_ES: 'brand.security.es',
  BRAND_SECURITY_EN: 'brand.security.en',
};

/** Environment variables holding a comma-separated list, and the key each one sets. */
const LIST_ENV_KEYS: Record<string, string> = {
  AUDIT_PREVIOUS_KEYS: 'audit.previousKeys',
};

/** Environment variables holding JSON (a list of records), and the key each one sets. */
const JSON_ENV_KEYS: Record<string, string> = {
  ALERT_SOURCES: 'backoffice.alertSources',
  SERVICE_ACCOUNTS: 'serviceAccounts',
  OUTCOME_CATEGORIES: 'backoffice.outcomeCategories',
  SLA_PRIORITIES: 'backoffice.sla.priorities',
  SLA_SITUATIONS: 'backoffice.sla.situations',
  CALLS_AGENT_PHONES: 'calls.agentPhones',
};

type Json = Record<string, unknown>;

function setPath(target: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Json;
  }
  node[parts[parts.length - 1]!] = value;
}

function readFile(path: string): Json {
  if (!existsSync(path)) throw new ConfigError('CERROJO_CONFIG', `file not found: ${path}`);
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('the file must hold a JSON object');
    }
    return parsed as Json;
  } catch (err) {
    throw new ConfigError('CERROJO_CONFIG', `${path}: ${(err as Error).message}`);
  }
}

/** Builds and validates the configuration from a file, the environment and explicit overrides. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Json = {},
  file = env.CERROJO_CONFIG,
): Config {
  const raw: Json = file ? readFile(file) : {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, key, value);
  }
  for (const [name, key] of Object.entries(LIST_ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') setPath(raw, key, value.split(',').map((v) => v.trim()).filter(Boolean));
  }
  for (const [name, key] of Object.entries(JSON_ENV_KEYS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    try {
      setPath(raw, key, JSON.parse(value));
    } catch (err) {
      throw new ConfigError(`${key} (${name})`, `must be JSON: ${(err as Error).message}`);
    }
  }
  for (const [key, value] of Object.entries(overrides)) setPath(raw, key, value);

  const withDefaults = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw));
  const firstError = Value.Errors(ConfigSchema, withDefaults)[0];
  if (firstError) {
    const missing = firstError.keyword === 'required' ? (firstError.params as { requiredProperties?: string[] }).requiredProperties?.[0] : undefined;
    const path = firstError.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const key = [path, missing].filter(Boolean).join('.') || '(root)';
    const envName = Object.entries({ ...ENV_KEYS, ...LIST_ENV_KEYS, ...JSON_ENV_KEYS }).find(([, k]) => k === key || key.startsWith(`${k}.`))?.[0];
    throw new ConfigError(envName ? `${key} (${envName})` : key, firstError.message);
  }
  const config = withDefaults as Config;
  if (config.limits.passwordMaxLength < config.limits.passwordMinLength) {
    throw new ConfigError('limits.passwordMaxLength', 'must not be below limits.passwordMinLength');
  }
  checkAlertSources(config.backoffice.alertSources);
  checkSla(config.backoffice.sla);
  checkStaffSignIn(config);
  trustProxyOption(config.trustedProxies);
  if (config.rateLimit.store === 'redis' && !config.rateLimit.redisUrl) {
    throw new ConfigError('rateLimit.redisUrl (REDIS_URL)', 'required when rateLimit.store is "redis"');
  }
  checkServiceAccounts(config);
  checkBrand(config.brand);
  checkCalls(config);
  checkWorkers(config);
  if (!config.dev) requireProductionKeys(config);
  return config;
}

/** Each alert source proves itself somehow, under its own id; `builtin` names online banking's own rules. */
function checkAlertSources(sources: Config['backoffice']['alertSources']): void {
  const key = 'backoffice.alertSources (ALERT_SOURCES)';
  const seen = new Set<string>();
  for (const source of sources) {
    if (source.id === 'builtin') throw new ConfigError(key, 'the id "builtin" is reserved for the built-in rules');
    if (seen.has(source.id)) throw new ConfigError(key, `the id "${source.id}" appears twice`);
    if (!source.key && !source.hmacSecret) throw new ConfigError(key, `source "${source.id}" needs a key or an hmacSecret`);
    seen.add(source.id);
  }
}

/** Every priority named (the default, each situation's) has targets, and a close comes after the first take. */
function checkSla(sla: Config['backoffice']['sla']): void {
  const names = Object.keys(sla.priorities);
  if (names.length === 0) throw new ConfigError('backoffice.sla.priorities (SLA_PRIORITIES)', 'name at least one priority');
  for (const [name, target] of Object.entries(sla.priorities)) {
    if (target.closeMinutes <= target.takeMinutes) throw new ConfigError('backoffice.sla.priorities (SLA_PRIORITIES)', `"${name}": closeMinutes must be more than takeMinutes`);
  }
  if (!names.includes(sla.defaultPriority)) throw new ConfigError('backoffice.sla.defaultPriority', `"${sla.defaultPriority}" is not one of the priorities (${names.join(', ')})`);
  for (const [situation, priority] of Object.entries(sla.situations)) {
    if (!names.includes(priority)) throw new ConfigError('backoffice.sla.situations (SLA_SITUATIONS)', `"${situation}": "${priority}" is not one of the priorities (${names.join(', ')})`);
  }
}

/** Whether staff single sign-on is on (`console.oidc.issuer` set). */
export function oidcEnabled(config: Pick<Config, 'console'>): boolean {
  return config.console.oidc.issuer !== undefined;
}

/** `OIDC_ROLE_MAP` as ordered pairs: `cerrojo-agents=agent, cerrojo-supervisors=supervisor`. */
export function parseOidcRoleMap(text: string): { value: string; role: OidcStaffRole }[] {
  const key = 'console.oidc.roleMap (OIDC_ROLE_MAP)';
  const pairs: { value: string; role: OidcStaffRole }[] = [];
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const value = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim();
    if (at <= 0 || !value) throw new ConfigError(key, `"${entry}" is not value=role`);
    if (!(OIDC_STAFF_ROLES as readonly string[]).includes(role)) throw new ConfigError(key, `"${role}" is not a role (${OIDC_STAFF_ROLES.join(', ')})`);
    if (pairs.some((p) => p.value === value)) throw new ConfigError(key, `"${value}" appears twice`);
    pairs.push({ value, role: role as OidcStaffRole });
  }
  return pairs;
}

/** The redirect URI registered at the provider: as configured, else under `publicBaseUrl`. */
export function oidcRedirectUri(config: Pick<Config, 'console' | 'publicBaseUrl'>): string | undefined {
  return config.console.oidc.redirectUri ?? (config.publicBaseUrl ? `${config.publicBaseUrl.replace(/\/+$/, '')}/api/staff/oidc/callback` : undefined);
}

/** Where the provider returns after its own sign-out: as configured, else the console. */
export function oidcPostLogoutUri(config: Pick<Config, 'console' | 'publicBaseUrl'>): string | undefined {
  return config.console.oidc.postLogoutRedirectUri ?? (config.publicBaseUrl ? `${config.publicBaseUrl.replace(/\/+$/, '')}/console` : undefined);
}

/** Staff can sign in somehow, and single sign-on, when on, is complete and safe. */
function checkStaffSignIn(config: Config): void {
  const oidc = config.console.oidc;
  if (!oidcEnabled(config)) {
    if (!config.console.localLogin) throw new ConfigError('console.localLogin (STAFF_LOCAL_LOGIN)', 'cannot be off without single sign-on (OIDC_ISSUER): nobody could sign in to the console');
    return;
  }
  if (!oidc.clientId) throw new ConfigError('console.oidc.clientId (OIDC_CLIENT_ID)', 'required with OIDC_ISSUER');
  if (oidc.tokenAuthMethod !== 'none' && !oidc.clientSecret) throw new ConfigError('console.oidc.clientSecret (OIDC_CLIENT_SECRET)', `required with OIDC_ISSUER while tokenAuthMethod is ${oidc.tokenAuthMethod}`);
  if (!oidc.scopes.split(/\s+/).includes('openid')) throw new ConfigError('console.oidc.scopes (OIDC_SCOPES)', 'must include openid');
  const roles = parseOidcRoleMap(oidc.roleMap);
  if (roles.length === 0) throw new ConfigError('console.oidc.roleMap (OIDC_ROLE_MAP)', 'required with OIDC_ISSUER: value=role pairs, e.g. cerrojo-agents=agent');
  if (roles.some((r) => r.role === 'branch') && !oidc.officeClaim) throw new ConfigError('console.oidc.officeClaim (OIDC_OFFICE_CLAIM)', 'required when the role map names branch: a branch user belongs to an office');
  if (!oidcRedirectUri(config)) throw new ConfigError('console.oidc.redirectUri (OIDC_REDIRECT_URI)', 'required with OIDC_ISSUER unless PUBLIC_BASE_URL is set');
  if (oidc.allowHttp && !config.dev) throw new ConfigError('console.oidc.allowHttp (OIDC_ALLOW_HTTP)', 'only allowed in dev mode');
  const plain = [oidc.issuer, oidcRedirectUri(config)].some((u) => u?.startsWith('http://'));
  if (plain && !oidc.allowHttp && !config.dev) throw new ConfigError('console.oidc.issuer (OIDC_ISSUER)', 'must be https:// outside dev mode');
  if (oidc.issuer?.startsWith('http://') && !oidc.allowHttp) throw new ConfigError('console.oidc.issuer (OIDC_ISSUER)', 'an http:// provider needs OIDC_ALLOW_HTTP=true (dev mode only)');
}

/** The brand's help line parses, its colours are readable (WCAG AA) and its logo is there. */
function checkBrand(brand: Config['brand']): void {
  const problem = brandProblem(brand, existsSync);
  if (problem) throw new ConfigError(problem.key, problem.message);
}

/** Names and tokens are each one account's; a branch account has its office; the admin token is never one. */
function checkServiceAccounts(config: Pick<Config, 'serviceAccounts' | 'adminToken'>): void {
  const key = 'serviceAccounts (SERVICE_ACCOUNTS)';
  const names = new Set<string>();
  const tokens = new Set<string>();
  const admin = config.adminToken ? createHash('sha256').update(config.adminToken).digest('hex') : undefined;
  for (const account of config.serviceAccounts) {
    if (names.has(account.name)) throw new ConfigError(key, `the name "${account.name}" appears twice`);
    if (tokens.has(account.tokenSha256)) throw new ConfigError(key, `"${account.name}" has the token of another account`);
    if (account.tokenSha256 === admin) throw new ConfigError(key, `"${account.name}" has the admin token's hash: the admin token provisions only, give the account its own token`);
    if ((account.role === 'branch') !== (account.officeCode !== undefined)) throw new ConfigError(key, `"${account.name}": a branch account needs officeCode, and only a branch account has one`);
    names.add(account.name);
    tokens.add(account.tokenSha256);
  }
}

function requireProductionKeys(config: Config): void {
  if (!config.secretKey) throw new ConfigError('secretKey (SECRET_KEY)', 'required outside dev mode');
  if (!config.adminToken) throw new ConfigError('adminToken (ADMIN_TOKEN)', 'required outside dev mode');
  if (!config.audit.key) throw new ConfigError('audit.key (AUDIT_KEY)', 'required outside dev mode: the audit chain is keyed with it, and it must not be in the database');
  if (config.audit.key.toLowerCase() === config.secretKey.toLowerCase()) throw new ConfigError('audit.key (AUDIT_KEY)', 'must differ from secretKey (SECRET_KEY)');
  if (config.notify.email === 'smtp' && !config.notify.smtpUrl) {
    throw new ConfigError('notify.smtpUrl (SMTP_URL)', 'required when notify.email is "smtp"');
  }
  if (config.notify.sms === 'twilio') {
    for (const k of ['twilioAccountSid', 'twilioAuthToken', 'twilioFrom'] as const) {
      if (!config.notify[k]) throw new ConfigError(`notify.${k}`, 'required when notify.sms is "twilio"');
    }
  }
  if (config.notify.email === 'dev' || config.notify.sms === 'dev') {
    throw new ConfigError('notify', 'the dev message sink is only allowed in dev mode');
  }
  if (ivrEnabled(config) && !config.publicBaseUrl) {
    throw new ConfigError(
      'publicBaseUrl (PUBLIC_BASE_URL)',
      'required outside dev mode while the IVR is on: the URLs in TwiML and the webhook signatures must use the public https:// address, never the Host or X-Forwarded-Host of a request. Set it, or turn the IVR off with IVR_ENABLED=false',
    );
  }
}

import { readFileSync, existsSync } from 'node:fs';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The whole configuration, validated at start. Values come from an optional JSON file
 * (`CERROJO_CONFIG` or `--config`) and are overridden by environment variables.
 * A bad value stops the start with a message naming the key.
 */
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
  /** Re-prompts after no input or invalid input before the call goes on (seed 000: bounded). */
  reprompts: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })),
  /** Seconds a Gather waits for the first key. */
  timeoutSeconds: Type.Optional(Type.Integer({ minimum: 2, maximum: 30 })),
  /** Where calls go when the line hands over to a person (seed 002: Soporte Banca Electrónica). */
  agentNumber: Type.Optional(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$' })),
  /** After the re-prompts run out: transfer to an agent or a polite goodbye. */
  whenExhausted: Type.Optional(Type.Union([Type.Literal('agent'), Type.Literal('goodbye')])),
  voices: Type.Optional(Type.Object({ es: Type.Optional(Type.String()), en: Type.Optional(Type.String()) })),
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
  /** Security questions asked per check; all must be answered right to pass. */
  securityQuestionsAsked: Type.Integer({ minimum: 1, maximum: 6, default: 3 }),
  /** "Unlink devices linked recently": a device linked within this many days before the alert counts as recent. */
  recentDeviceDays: Type.Integer({ minimum: 1, maximum: 90, default: 7 }),
});

/** The agent console: staff sessions and sign-in (issue 6). */
const Console = Type.Object({
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

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  host: Type.String({ default: '0.0.0.0' }),
  /** Public base URL, used for links in messages and for webhook signature checks behind a proxy. */
  publicBaseUrl: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  dataDir: Type.String({ minLength: 1, default: './data' }),
  /** Dev mode: dev message sink, printed admin token, demo data on first start. */
  dev: Type.Boolean({ default: false }),
  logLevel: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Server key for keyed hashes of codes, PINs and card numbers (hex, at least 32 bytes). */
  secretKey: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64,}$' })),
  adminToken: Type.Optional(Type.String({ minLength: 24 })),
  defaultLocale: Type.Union([Type.Literal('es'), Type.Literal('en')], { default: 'es' }),
  timeZone: Type.String({ default: 'Europe/Madrid' }),
  limits: Type.Object(Limits.properties, { default: {} }),
  web: Type.Object(Web.properties, { default: {} }),
  banking: Type.Object({ fraudRules: Type.Object(FraudRules.properties, { default: {} }) }, { default: {} }),
  backoffice: Type.Object(Backoffice.properties, { default: {} }),
  console: Type.Object(Console.properties, { default: {} }),
  ivr: Type.Object(Ivr.properties, { default: {} }),
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
  IVR_REPROMPTS: 'ivr.reprompts',
  IVR_WHEN_EXHAUSTED: 'ivr.whenExhausted',
};

/** Environment variables holding JSON (a list of records), and the key each one sets. */
const JSON_ENV_KEYS: Record<string, string> = {
  ALERT_SOURCES: 'backoffice.alertSources',
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
    const envName = Object.entries({ ...ENV_KEYS, ...JSON_ENV_KEYS }).find(([, k]) => k === key || key.startsWith(`${k}.`))?.[0];
    throw new ConfigError(envName ? `${key} (${envName})` : key, firstError.message);
  }
  const config = withDefaults as Config;
  if (config.limits.passwordMaxLength < config.limits.passwordMinLength) {
    throw new ConfigError('limits.passwordMaxLength', 'must not be below limits.passwordMinLength');
  }
  checkAlertSources(config.backoffice.alertSources);
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

function requireProductionKeys(config: Config): void {
  if (!config.secretKey) throw new ConfigError('secretKey (SECRET_KEY)', 'required outside dev mode');
  if (!config.adminToken) throw new ConfigError('adminToken (ADMIN_TOKEN)', 'required outside dev mode');
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
}

import { catalogue, t, type Locale } from '../i18n/catalogue.ts';

export type ChannelName = 'email' | 'sms';

interface TemplateDef {
  channel: ChannelName;
  /** Parameters that may be absent: each, when present, adds the fragment `<id>.<name>` as `{<name>Part}`. */
  optional?: readonly string[];
}

/**
 * Every message the system sends. The words live in the catalogue (`i18n/messages/notify.ts`);
 * the parameters a template needs are the `{placeholders}` of its text, so they cannot drift.
 */
export const TEMPLATES = {
  'sms.code.recovery': { channel: 'sms' },
  'sms.temporary_password': { channel: 'sms' },
  'sms.password_changed': { channel: 'sms' },
  'sms.signing_code': { channel: 'sms', optional: ['amount', 'iban', 'beneficiary'] },
  'sms.unlock_code': { channel: 'sms' },
  'sms.phone_banking_credentials': { channel: 'sms' },
  'sms.signature_unlocked': { channel: 'sms' },
  'sms.device_link_code': { channel: 'sms' },
  'sms.card_pin_blocked': { channel: 'sms' },
  'sms.card_pin_unblocked': { channel: 'sms' },
  'sms.access_restored': { channel: 'sms' },
  'email.user_code': { channel: 'email' },
  'email.security_advice': { channel: 'email' },
} as const satisfies Record<string, TemplateDef>;

export type TemplateId = keyof typeof TEMPLATES;
export type TemplateParams = Readonly<Record<string, string | number | null | undefined>>;

export interface RenderedMessage {
  subject?: string;
  body: string;
}

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && Object.hasOwn(TEMPLATES, value);
}

/** The channel a template is written for. */
export function templateChannel(template: TemplateId): ChannelName {
  return TEMPLATES[template].channel;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** Parameters a template cannot render without (its placeholders, except optional fragments). */
export function requiredParams(template: TemplateId): string[] {
  const def: TemplateDef = TEMPLATES[template];
  const parts = new Set((def.optional ?? []).map((name) => `${name}Part`));
  return [...new Set(placeholders(catalogue[template]!.es))].filter((name) => !parts.has(name));
}

// A value is inserted as plain text: control characters (a newline in a beneficiary's name)
// would let data reshape an SMS or an email, so they become spaces.
const clean = (value: string | number) => String(value).replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();

/** Renders a template in a locale; a missing parameter is a programming error and throws. */
export function renderMessage(template: TemplateId, locale: Locale, params: TemplateParams): RenderedMessage {
  const def: TemplateDef = TEMPLATES[template];
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && clean(value) !== '') values[name] = clean(value);
  }
  const missing = requiredParams(template).filter((name) => !(name in values));
  if (missing.length > 0) throw new Error(`template "${template}" needs parameter(s): ${missing.join(', ')}`);
  for (const name of def.optional ?? []) {
    values[`${name}Part`] = name in values ? t(`${template}.${name}`, locale, values) : '';
  }
  const body = t(template, locale, values);
  return def.channel === 'email' ? { subject: t(`${template}.subject`, locale, values), body } : { body };
}

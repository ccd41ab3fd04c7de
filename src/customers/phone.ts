import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneKind = 'mobile' | 'landline' | 'other';
export type NormalizedPhone = { ok: true; e164: string; kind: PhoneKind } | { ok: false; reason: string };

// Parsing with the full metadata costs tens of microseconds, and the same few numbers (the
// lines' own, the callers' ids) are parsed on every webhook: the latest answers are kept.
const KEPT = 2000;
const parsed = new Map<string, NormalizedPhone>();

/** Parses a phone number as people write it (Spanish by default) into E.164 with its kind. */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'ES'): NormalizedPhone {
  const key = `${defaultCountry} ${raw}`;
  let answer = parsed.get(key);
  if (answer === undefined) {
    answer = Object.freeze(parse(raw, defaultCountry));
    if (parsed.size >= KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(key, answer);
  }
  return answer;
}

function parse(raw: string, defaultCountry: CountryCode): NormalizedPhone {
  const phone = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  if (!phone || !phone.isValid()) return { ok: false, reason: 'not a valid phone number' };
  const type = phone.getType();
  const kind: PhoneKind = type === 'MOBILE' ? 'mobile' : type === 'FIXED_LINE' ? 'landline' : type === 'FIXED_LINE_OR_MOBILE' ? 'mobile' : 'other';
  return { ok: true, e164: phone.number, kind };
}

/** Whether two numbers are the same line (caller ids arrive as E.164 or in national form). */
export function samePhone(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = normalizePhone(a);
  const y = normalizePhone(b);
  return x.ok && y.ok && x.e164 === y.e164;
}

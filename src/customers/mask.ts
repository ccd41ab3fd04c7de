import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Masks as seed 001 shows them: `sb*****@ebcc.es` and `+34 - 6*****331`. The number of
 * asterisks is fixed so the mask does not reveal the length of what it hides.
 */
const STARS = '*****';

/** `sbarrios@ebcc.es` → `sb*****@ebcc.es`; a one- or two-character local part shows one. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return STARS;
  const local = email.slice(0, at);
  const shown = local.length > 2 ? local.slice(0, 2) : local.slice(0, 1);
  return `${shown}${STARS}${email.slice(at)}`;
}

/** `+34600123331` → `+34 - 6*****331`: country code, first national digit, last three digits. */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164, 'ES');
  // An unparsable number still gets a mask that reveals nothing rather than an exception.
  if (!parsed) return `+ - ${STARS}`;
  const national = String(parsed.nationalNumber);
  const country = `+${parsed.countryCallingCode}`;
  if (national.length < 5) return `${country} - ${STARS}`;
  return `${country} - ${national[0]}${STARS}${national.slice(-3)}`;
}

/** The last `n` digits of a phone number, as in "su teléfono móvil acabado en 032". */
export function phoneEnding(phone: string, n = 3): string {
  return phone.replace(/\D/g, '').slice(-n);
}

/**
 * An IBAN as a message names it (PSD2 RTS art. 5, the account paid): the country code and the
 * last four characters, `ES9121000418450200051332` → `ES*****1332`.
 */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (compact.length < 8) return STARS;
  return `${compact.slice(0, 2)}${STARS}${compact.slice(-4)}`;
}

/** How long a payee's name may be where a message quotes it. */
export const PAYEE_QUOTE_MAX = 30;

/**
 * A payee's name as the customer typed it, fit to be quoted in a message of the bank: only
 * letters, digits, spaces and `. , & ' -` (no quotes, colons, slashes or symbols that could close
 * the quote, start a sentence of the bank's or carry a link), cut to `PAYEE_QUOTE_MAX`.
 */
export function payeeQuote(name: string): string {
  const plain = name.replace(/[^\p{L}\p{N} .,&'-]+/gu, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > PAYEE_QUOTE_MAX ? `${plain.slice(0, PAYEE_QUOTE_MAX - 3).trimEnd()}...` : plain;
}

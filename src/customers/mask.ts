/**
 * Masks as seed 001 shows them: `sb*****@ebcc.es` and `+34 - 6*****331`. The number of
 * asterisks is fixed so the mask does not reveal the length.
 */
const STARS = '*****';

/** `sbarrios@ebcc.es` → `sb*****@ebcc.es`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return STARS;
  const local = email.slice(0, at);
  const shown = local.length > 2 ? local.slice(0, 2) : local.slice(0, 1);
  return `${shown}${STARS}${email.slice(at)}`;
}

/** `+34600123331` → `+34 - 6*****331` (E.164 input, Spanish country code). */
export function maskPhone(e164: string, countryCode = '34'): string {
  const digits = e164.replace(/\D/g, '');
  const national = digits.startsWith(countryCode) ? digits.slice(countryCode.length) : digits;
  if (national.length < 5) return `+${countryCode} - ${STARS}`;
  return `+${countryCode} - ${national[0]}${STARS}${national.slice(-3)}`;
}

/** The last `n` digits of a phone number, as in "tu móvil acabado en 032". */
export function phoneEnding(phone: string, n = 3): string {
  return phone.replace(/\D/g, '').slice(-n);
}

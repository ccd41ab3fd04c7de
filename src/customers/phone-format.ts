import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A phone number as staff read it, one way everywhere in the console (issue 15 "Phone numbers
 * appear in one national format everywhere"): a Spanish number in its national form, a foreign
 * one in international form. libphonenumber parses and groups; a Spanish mobile (6xx, 7xx) is
 * grouped in threes as Spain writes it ("612 345 331"), the rest as libphonenumber's national
 * format ("950 18 33 13", "900 101 010"). Pure: the server (`dialFormat`) and the console share it.
 * What does not parse as a number comes back as it was.
 */
export function phoneText(raw: string): string {
  const text = raw.trim();
  const parsed = parsePhoneNumberFromString(text, 'ES');
  if (!parsed) return text;
  if (parsed.countryCallingCode !== '34') return parsed.formatInternational();
  const national = String(parsed.nationalNumber);
  const mobile = /^[67](\d{2})(\d{3})(\d{3})$/.exec(national);
  return mobile ? `${national.slice(0, 3)} ${mobile[2]} ${mobile[3]}` : parsed.formatNational();
}

import { normalizePhone } from '../customers/phone.ts';
import type { FieldError } from './schema-errors.ts';

/**
 * Field checks shared by every record kind. Each returns the normalised value or pushes an
 * error naming the field; none echoes the raw value back.
 */
export type Errors = FieldError[];

// Deliberately a shape check, not RFC 5322: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;

/** Trimmed, lower-cased email, or null when absent (an error when `required`). */
export function email(raw: string | undefined, field: string, errors: Errors, required = false): string | null {
  if (raw === undefined || raw.trim() === '') {
    if (required) errors.push({ field, message: 'is required' });
    return null;
  }
  const value = raw.trim().toLowerCase();
  if (value.length > 254 || !EMAIL.test(value)) {
    errors.push({ field, message: 'is not a valid email address' });
    return null;
  }
  return value;
}

/** A phone in E.164 of one of the accepted kinds, or null when absent. */
export function phone(
  raw: string | undefined,
  field: string,
  accept: readonly ('mobile' | 'landline' | 'other')[],
  errors: Errors,
): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const result = normalizePhone(raw, 'ES');
  if (!result.ok) {
    errors.push({ field, message: `is not a valid phone number: ${result.reason}` });
    return null;
  }
  if (!accept.includes(result.kind)) {
    errors.push({ field, message: `must be a ${accept.join(' or ')} number, not a ${result.kind} number` });
    return null;
  }
  return result.e164;
}

/** Trimmed text with inner runs of spaces collapsed, so the same name never looks changed. */
export function cleanText(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { AppError } from '../platform/errors.ts';
import type { ChannelName } from './templates.ts';

// The bank is Spanish: a number without a country code is read as a Spanish one.
const DEFAULT_COUNTRY = 'ES';
// Deliberately plain: the address comes from the bank's master data, we only refuse what
// could break a mail header (spaces, line breaks, several addresses).
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** A phone number in E.164 (`+34600111222`), or null when it is not a valid number. */
export function toE164(phone: string): string | null {
  try {
    const parsed = parsePhoneNumberWithError(phone.trim(), DEFAULT_COUNTRY);
    return parsed.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}

/**
 * The recipient as stored in the outbox: phones in E.164, so the per-phone rate limit counts
 * `600 111 222` and `+34600111222` as the same phone; emails trimmed and lower-cased domain.
 */
export function normaliseRecipient(channel: ChannelName, to: string): string {
  if (channel === 'sms') {
    const phone = toE164(to);
    if (!phone) throw new AppError('validation', 'the SMS recipient is not a valid phone number');
    return phone;
  }
  const email = to.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw new AppError('validation', 'the email recipient is not a valid address');
  const at = email.lastIndexOf('@');
  return email.slice(0, at) + email.slice(at).toLowerCase();
}

import type { Locale } from '../../../src/i18n/catalogue.ts';
import { intlTag } from '../i18n/locale.ts';
import { phoneText } from '../../../src/customers/phone-format.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;

/** Minutes a case has waited, from `openedAt` to `now`. */
export function waitedMinutes(openedAt: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(openedAt)) / 60_000));
}

/** How long, in words: "12 min", "2 h 5 min", "3 d 4 h". */
export function ageText(t: Translate, minutes: number): string {
  if (minutes < 60) return t('console.age.minutes', { m: minutes });
  if (minutes < 24 * 60) return t('console.age.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
  return t('console.age.days', { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
}

/** The waiting level of an open case: the queue colours it, and says it in words too. */
export type WaitLevel = 'ok' | 'warn' | 'late';
export function waitLevel(minutes: number): WaitLevel {
  return minutes < 15 ? 'ok' : minutes < 60 ? 'warn' : 'late';
}

export function dateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Madrid' }).format(new Date(iso));
}

export function dateOnly(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeZone: 'Europe/Madrid' }).format(new Date(iso));
}

/** A queue's name: the contact centre, or "Oficina 0123". */
export function queueName(t: Translate, queue: string): string {
  if (queue === 'contact_centre') return t('backoffice.queue.contact_centre');
  if (queue.startsWith('office:')) return t('backoffice.queue.office', { code: queue.slice('office:'.length) });
  return queue;
}

/** `staff:ana.agent` → `ana.agent`; the system's own actors stay as they are. */
export function actorName(actor: string | null): string {
  if (!actor) return '—';
  return actor.startsWith('staff:') ? actor.slice('staff:'.length) : actor;
}

/** Every phone number the console shows, one way (`src/customers/phone-format.ts`): "612 345 331", "950 18 33 13", "+44 20 7946 0000". */
export { phoneText };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const PHONE_KEY = /phone|mobile|landline|msisdn|caller/i;

/**
 * The value of an alert detail as the analyst reads it: a country code with its name
 * ("Países Bajos (NL)"), an instant in the bank's zone, a phone number in the console's format, a
 * list joined; anything else as the source sent it.
 */
export function detailValue(key: string, value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map((v) => String(v)).join(', ');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return JSON.stringify(value);
  if (/^country$/i.test(key) && /^[A-Z]{2}$/.test(value)) {
    const name = new Intl.DisplayNames([intlTag(locale)], { type: 'region', fallback: 'none' }).of(value);
    return name ? `${name} (${value})` : value;
  }
  if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return dateTime(value, locale);
  if (PHONE_KEY.test(key)) return phoneText(value);
  return value;
}

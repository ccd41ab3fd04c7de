import { common } from './messages/common.ts';
import { notify } from './messages/notify.ts';
import { phone } from './messages/phone.ts';
import { web } from './messages/web.ts';
import { bankingWeb } from './messages/banking-web.ts';
import { ivrMessages as ivr } from '../ivr/messages.ts';
import { bankingMessages as banking } from '../banking/messages.ts';
import { selfserviceMessages as selfservice } from '../selfservice/messages.ts';
import { backofficeMessages as backoffice } from '../backoffice/messages.ts';
import { playbookMessages as playbook } from '../backoffice/playbook-messages.ts';
import { directoryMessages as directory } from '../directory/messages.ts';
import { reportsMessages as reports } from '../backoffice/reports-messages.ts';
import { staffMessages as staff } from '../staff/messages.ts';
import { consoleMessages } from './messages/console.ts';
import { consoleSideMessages as consoleSide } from './messages/console-side.ts';
import { knowledgeMessages as knowledge } from '../knowledge/messages.ts';

/**
 * The one message catalogue: every text a customer or an agent reads, on the web, on the
 * phone, by SMS or by email, by id with its Spanish and English wording. Each domain keeps
 * its ids in `messages/<domain>.ts`; they are merged here so ids stay unique.
 */
export type Locale = 'es' | 'en';
export const LOCALES: readonly Locale[] = ['es', 'en'];
export interface Text {
  es: string;
  en: string;
}

const parts: Record<string, Record<string, Text>> = { common, notify, web, ivr, phone, banking, bankingWeb, selfservice, directory, reports, backoffice, playbook, staff, console: consoleMessages, consoleSide, knowledge };

function merge(): Record<string, Text> {
  const out: Record<string, Text> = {};
  for (const [domain, messages] of Object.entries(parts)) {
    for (const [id, text] of Object.entries(messages)) {
      if (id in out) throw new Error(`message id "${id}" of ${domain} is defined twice`);
      out[id] = text;
    }
  }
  return out;
}

export const catalogue: Readonly<Record<string, Text>> = merge();

export function isLocale(value: unknown): value is Locale {
  return value === 'es' || value === 'en';
}

/** The text of `id` in `locale` with `{name}` placeholders filled; unknown ids throw. */
export function t(id: string, locale: Locale, params: Record<string, string | number> = {}): string {
  const text = catalogue[id];
  if (!text) throw new Error(`unknown message id "${id}"`);
  return text[locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

import type { Locale } from '../i18n/catalogue.ts';
import { samePhone } from '../customers/phone.ts';
import type { FlowDefinition } from './flow-types.ts';
import type { CallState } from './state.ts';

export interface CallStart {
  /** The number dialled. */
  to: string;
  /** Caller id; empty or absent when withheld. */
  from?: string | null | undefined;
  /** A line by name, for a provider number that is not one of the bank's (`?line=` on the webhook). */
  line?: string | undefined;
  /** Language of a line without a language menu (`?lang=`); the line's or the default otherwise. */
  locale?: Locale | undefined;
}

/** The line a call belongs to: the one named, else the one whose number was dialled, else the default. */
export function lineOf(flow: FlowDefinition, to: string, named?: string): string {
  if (named !== undefined && Object.hasOwn(flow.lines, named)) return named;
  const hit = Object.entries(flow.lines).find(([, line]) => line.numbers.some((n) => samePhone(n, to)));
  return hit ? hit[0] : flow.defaultLine;
}

/** The state of a new call, resting before its line's first node; the `start` event enters it. */
export function newCallState(flow: FlowDefinition, start: CallStart, defaultLocale: Locale = 'es'): { line: string; state: CallState } {
  const line = lineOf(flow, start.to, start.line);
  const from = start.from?.trim() ? start.from.trim() : null;
  return {
    line,
    state: {
      flow: flow.id,
      version: flow.version,
      node: flow.lines[line]!.start,
      status: 'active',
      locale: start.locale ?? flow.lines[line]!.locale ?? defaultLocale,
      from,
      context: {},
      retries: 0,
      counters: {},
      path: [],
      outcome: null,
    },
  };
}

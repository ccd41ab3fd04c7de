/**
 * Opening hours of the directory's numbers as data, and whether a number is open at a moment.
 * Pure: the caller passes `now` (the services clock) and the time zone. Hours are wall-clock
 * times of that zone (Europe/Madrid for every number of seed 002), so a daylight-saving change
 * moves nothing: "de 08:00 a 22:00" stays 08:00 to 22:00 on the clock on the wall.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const MONDAY_TO_FRIDAY: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/**
 * Open on each of `days` from `from` to `to` (`HH:MM`, 24-hour clock; `to` may be `24:00`).
 * When `to` is not after `from` the slot crosses midnight and ends on the next day, which need
 * not be one of `days` (a Friday 22:00–02:00 slot is open early on Saturday).
 */
export interface Slot {
  days: readonly Weekday[];
  from: string;
  to: string;
}

export type Hours =
  /** "24H": always open. */
  | { kind: 'always' }
  | { kind: 'weekly'; slots: readonly Slot[] }
  /** The seed gives no hours: open-now is unknown, never guessed. */
  | { kind: 'unstated' };

export const ALWAYS: Hours = { kind: 'always' };
export const UNSTATED: Hours = { kind: 'unstated' };
export const weekly = (...slots: Slot[]): Hours => ({ kind: 'weekly', slots });
export const slot = (days: readonly Weekday[], from: string, to: string): Slot => ({ days, from, to });

export const DEFAULT_TIME_ZONE = 'Europe/Madrid';

const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Minutes since midnight of `HH:MM`; throws on anything else (hours are checked at load). */
export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`"${hhmm}" is not a time of day (HH:MM, 00:00 to 24:00)`);
  return m[1] === undefined ? 24 * 60 : Number(m[1]) * 60 + Number(m[2]);
}

/** Every problem of `hours`, empty when they are well formed. */
export function hoursProblems(hours: Hours): string[] {
  if (hours.kind !== 'weekly') return [];
  if (hours.slots.length === 0) return ['weekly hours without a slot'];
  return hours.slots.flatMap((s) => {
    const problems: string[] = [];
    if (s.days.length === 0) problems.push('a slot without days');
    for (const t of [s.from, s.to]) if (!HHMM.test(t)) problems.push(`"${t}" is not a time of day`);
    if (s.from === '24:00') problems.push('a slot cannot start at 24:00');
    return problems;
  });
}

/** The weekday and the minutes since midnight on the wall clock of `timeZone` at `now`. */
export function wallClock(now: Date, timeZone: string): { day: Weekday; minutes: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
  return { day: parts.weekday!.toLowerCase() as Weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/**
 * Whether a number with these hours is open at `now` in `timeZone`: true or false, or null when
 * the hours are not stated. A slot crossing midnight is open from `from` on its day and until
 * `to` on the following day.
 */
export function isOpen(entry: { hours: Hours }, now: Date, timeZone: string = DEFAULT_TIME_ZONE): boolean | null {
  const { hours } = entry;
  if (hours.kind === 'always') return true;
  if (hours.kind === 'unstated') return null;
  const { day, minutes } = wallClock(now, timeZone);
  const yesterday = WEEK[(WEEK.indexOf(day) + 6) % 7]!;
  return hours.slots.some((s) => {
    const from = minutesOf(s.from);
    const to = minutesOf(s.to);
    if (from < to) return s.days.includes(day) && minutes >= from && minutes < to;
    // Crosses midnight: the evening part today, the early-morning part of a slot that began yesterday.
    return (s.days.includes(day) && minutes >= from) || (s.days.includes(yesterday) && minutes < to);
  });
}

// Building a formatter is costly; one per zone is enough (they hold no state that matters).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

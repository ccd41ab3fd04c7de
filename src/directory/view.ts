import { t, type Locale } from '../i18n/catalogue.ts';
import type { DirectoryEntry, DirectoryNumber } from './directory.ts';
import type { GroupId } from './data.ts';
import { isOpen, minutesOf, WEEK, type Hours, type Slot, type Weekday } from './hours.ts';

/** An entry as the agent console shows it, in the reader's language, with "open now" at `now`. */
export interface EntryView {
  id: string;
  group: GroupId;
  groupName: string;
  name: string;
  internal: boolean;
  numbers: DirectoryNumber[];
  channel: 'phone' | 'whatsapp';
  hours: { kind: Hours['kind']; slots?: { days: Weekday[]; from: string; to: string }[] };
  hoursText: string;
  /** Null when the seed states no hours. */
  openNow: boolean | null;
  links: { kind: 'url' | 'email'; value: string }[];
  note: string | null;
  /** Null for a line the bank adds that the leaflet does not list. */
  seed: string | null;
  agentLine: boolean;
}

export function entryView(entry: DirectoryEntry, now: Date, locale: Locale, timeZone: string): EntryView {
  return {
    id: entry.id,
    group: entry.group,
    groupName: t(`directory.group.${entry.group}`, locale),
    name: t(`directory.entry.${entry.id}`, locale),
    internal: entry.internal,
    numbers: entry.numbers.map((n) => ({ ...n })),
    channel: entry.channel,
    hours: entry.hours.kind === 'weekly' ? { kind: 'weekly', slots: entry.hours.slots.map((s) => ({ ...s, days: [...s.days] })) } : { kind: entry.hours.kind },
    hoursText: describeHours(entry.hours, locale),
    openNow: isOpen(entry, now, timeZone),
    links: entry.links.map((l) => ({ ...l })),
    note: entry.note ? t(`directory.note.${entry.id}`, locale) : null,
    seed: entry.seed,
    agentLine: entry.agentLine,
  };
}

/** "lunes a viernes, de 08:00 a 22:00" / "Monday to Friday, 08:00 to 22:00"; slots joined by "; ". */
export function describeHours(hours: Hours, locale: Locale): string {
  if (hours.kind === 'always') return t('directory.hours.always', locale);
  if (hours.kind === 'unstated') return t('directory.hours.unstated', locale);
  return hours.slots.map((s) => describeSlot(s, locale)).join('; ');
}

function describeSlot(s: Slot, locale: Locale): string {
  const overnight = minutesOf(s.to) <= minutesOf(s.from);
  const params = { days: describeDays(s.days, locale), from: s.from, to: s.to };
  return t(overnight ? 'directory.hours.slotOvernight' : 'directory.hours.slot', locale, params);
}

/** Days in week order, runs of three or more as a range: "lunes a viernes", "sábado, domingo". */
function describeDays(days: readonly Weekday[], locale: Locale): string {
  const sorted = WEEK.filter((d) => days.includes(d));
  if (sorted.length === WEEK.length) return t('directory.days.every', locale);
  const runs: Weekday[][] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    if (run && WEEK.indexOf(day) === WEEK.indexOf(run.at(-1)!) + 1) run.push(day);
    else runs.push([day]);
  }
  const name = (d: Weekday) => t(`directory.day.${d}`, locale);
  return runs
    .flatMap((run) => (run.length >= 3 ? [t('directory.days.range', locale, { first: name(run[0]!), last: name(run.at(-1)!) })] : run.map(name)))
    .join(', ');
}

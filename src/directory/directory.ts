import { normalizePhone } from '../customers/phone.ts';
import { ENTRIES, GROUPS, type EntrySpec, type GroupId, type GroupSpec } from './data.ts';
import { hoursProblems, type Hours } from './hours.ts';

/** A number of the directory: as the seed writes it, in E.164, and whether it is freephone. */
export interface DirectoryNumber {
  display: string;
  e164: string;
  free: boolean;
}

export interface DirectoryEntry {
  id: string;
  group: GroupId;
  /** A number of "TELÉFONOS INTERNOS": for staff, never given to a customer. */
  internal: boolean;
  /** The seed's line, verbatim; null for a line the bank adds that the leaflet does not list. */
  seed: string | null;
  numbers: readonly DirectoryNumber[];
  channel: 'phone' | 'whatsapp';
  hours: Hours;
  links: readonly { kind: 'url' | 'email'; value: string }[];
  /** Whether `directory.note.<id>` has more to say. */
  note: boolean;
  /** Answered by people of the contact centre, never by the IVR: where the IVR transfers callers. */
  agentLine: boolean;
}

/** The entries of `data.ts` with their numbers in E.164, checked: a mistake there fails at load. */
export function buildDirectory(specs: readonly EntrySpec[], groups: readonly GroupSpec[]): DirectoryEntry[] {
  const byGroup = new Map(groups.map((g) => [g.id, g]));
  const seen = new Set<string>();
  return specs.map((spec) => {
    const fail = (why: string) => new Error(`directory entry "${spec.id}": ${why}`);
    if (seen.has(spec.id)) throw fail('the id is used twice');
    seen.add(spec.id);
    const group = byGroup.get(spec.group);
    if (!group) throw fail(`unknown group "${spec.group}"`);
    const problems = hoursProblems(spec.hours);
    if (problems.length > 0) throw fail(problems.join('; '));
    if (spec.numbers.length === 0 && !spec.links?.length) throw fail('neither a number nor a link');
    const numbers = spec.numbers.map((num) => {
      const phone = normalizePhone(num.display);
      if (!phone.ok) throw fail(`"${num.display}" is ${phone.reason}`);
      return { display: num.display, e164: phone.e164, free: num.free };
    });
    return {
      id: spec.id,
      group: spec.group,
      internal: group.internal,
      seed: spec.seed,
      numbers,
      channel: spec.channel ?? 'phone',
      hours: spec.hours,
      links: spec.links ?? [],
      note: spec.note === true,
      agentLine: spec.agentLine === true,
    };
  });
}

/** Every number of seed 002, in the seed's order. */
export const DIRECTORY: readonly DirectoryEntry[] = buildDirectory(ENTRIES, GROUPS);
export { GROUPS };

/** The entry `id`; an unknown id is a programming error. */
export function directoryEntry(id: string): DirectoryEntry {
  const entry = DIRECTORY.find((e) => e.id === id);
  if (!entry) throw new Error(`no directory entry "${id}"`);
  return entry;
}

/** The agent line that has this number (E.164 or as typed), or undefined when none has it. */
export function agentLineOf(number: string): DirectoryEntry | undefined {
  const phone = normalizePhone(number);
  if (!phone.ok) return undefined;
  return DIRECTORY.find((e) => e.agentLine && e.numbers.some((n) => n.e164 === phone.e164));
}

/**
 * The E.164 number `index` of entry `id`, for code that dials or answers it (the IVR's lines and
 * transfers), so a number changed in the directory changes there too.
 */
export function directoryNumber(id: string, index = 0): string {
  const num = directoryEntry(id).numbers[index];
  if (!num) throw new Error(`directory entry "${id}" has no number ${index}`);
  return num.e164;
}

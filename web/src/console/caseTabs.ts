/**
 * The cases open in the workspace's tabs (issue 15 §1): which ones, in which order, and what each
 * tab says. The active case is the page's `?id=` (links, the back button and a reload all keep
 * it); the list of open cases lives in the browser tab's sessionStorage, per staff member, so a
 * reload keeps them and another person signing in on the same browser does not inherit them.
 * Pure functions over the list, and two small functions at the edge that read and write it.
 */
export interface CaseTab {
  id: string;
  /** What the tab says once the case has loaded: the customer's name and the case number. */
  number?: number;
  name?: string;
  /** The case answered 404 (another queue's, or it moved to a branch): the tab says so. */
  unavailable?: boolean;
}

/** At most this many cases stay open: opening one more closes the oldest one not on screen. */
export const MAX_TABS = 8;

/** The list with `id` open (added at the end when new), never longer than `MAX_TABS`. */
export function openTab(tabs: readonly CaseTab[], id: string): CaseTab[] {
  if (!id || tabs.some((t) => t.id === id)) return [...tabs];
  const out = [...tabs, { id }];
  while (out.length > MAX_TABS) out.splice(out.findIndex((t) => t.id !== id), 1);
  return out;
}

/** The list without `id`. */
export function closeTab(tabs: readonly CaseTab[], id: string): CaseTab[] {
  return tabs.filter((t) => t.id !== id);
}

/** The case to show once `id` is closed: the tab after it, else the one before, else none (the queue). */
export function afterClosing(tabs: readonly CaseTab[], id: string): string | null {
  const i = tabs.findIndex((t) => t.id === id);
  if (i < 0) return null;
  return tabs[i + 1]?.id ?? tabs[i - 1]?.id ?? null;
}

/** The open case `step` tabs away from `active` (wrapping round); with none active, the first or the last. */
export function neighbourTab(tabs: readonly CaseTab[], active: string | null, step: 1 | -1): string | null {
  if (tabs.length === 0) return null;
  const i = tabs.findIndex((t) => t.id === active);
  if (i < 0) return tabs[step === 1 ? 0 : tabs.length - 1]!.id;
  return tabs[(i + step + tabs.length) % tabs.length]!.id;
}

/** The list with what the case `id` turned out to be (its label), or unchanged when it says the same. */
export function labelTab(tabs: readonly CaseTab[], id: string, label: Omit<CaseTab, 'id'>): readonly CaseTab[] {
  const tab = tabs.find((t) => t.id === id);
  if (!tab || (tab.number === label.number && tab.name === label.name && !!tab.unavailable === !!label.unavailable)) return tabs;
  return tabs.map((t) => (t.id === id ? { id, ...label } : t));
}

/** Reads back what sessionStorage kept; anything else than a list of tabs is an empty list. */
export function parseTabs(raw: string | null): CaseTab[] {
  try {
    const value: unknown = JSON.parse(raw ?? '[]');
    if (!Array.isArray(value)) return [];
    return value
      .filter((t): t is CaseTab => typeof t === 'object' && t !== null && typeof (t as CaseTab).id === 'string' && (t as CaseTab).id !== '')
      .slice(0, MAX_TABS)
      .map((t) => ({ id: t.id, ...(typeof t.number === 'number' ? { number: t.number } : {}), ...(typeof t.name === 'string' ? { name: t.name } : {}), ...(t.unavailable === true ? { unavailable: true } : {}) }));
  } catch {
    return [];
  }
}

const storageKey = (staffId: string) => `cerrojo.console.cases.${staffId}`;

export function loadTabs(staffId: string): CaseTab[] {
  try {
    return parseTabs(window.sessionStorage.getItem(storageKey(staffId)));
  } catch {
    return [];
  }
}

export function saveTabs(staffId: string, tabs: readonly CaseTab[]): void {
  try {
    window.sessionStorage.setItem(storageKey(staffId), JSON.stringify(tabs));
  } catch {
    // Not kept across a reload; the tabs still work on this page.
  }
}

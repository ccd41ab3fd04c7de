import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';

/**
 * Single-key shortcuts for the frequent actions. WCAG 2.1.4 (character key shortcuts): they can
 * be turned off in the help dialog, and they never fire while the focus is in a field, so typing
 * an answer cannot trigger one.
 */
export interface Shortcut {
  key: string;
  /** Catalogue id of what it does (the help dialog lists them). */
  labelId: string;
}

/** Every shortcut of the console, as the help dialog documents them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { key: '?', labelId: 'console.keys.help' },
  { key: 'g', labelId: 'console.keys.queue' },
  { key: 'r', labelId: 'console.keys.refresh' },
  { key: 'n', labelId: 'console.keys.next' },
  { key: 'a', labelId: 'console.keys.take' },
  { key: 'l', labelId: 'console.keys.attempt' },
  { key: 's', labelId: 'console.keys.questions' },
  { key: 'o', labelId: 'console.keys.outcomes' },
  { key: 'e', labelId: 'console.keys.draft' },
  { key: 'x', labelId: 'console.keys.close' },
  { key: 'c', labelId: 'console.keys.comment' },
  { key: 't', labelId: 'console.keys.timeline' },
  { key: '[', labelId: 'console.keys.prevTab' },
  { key: ']', labelId: 'console.keys.nextTab' },
];

/**
 * Whether the shortcuts of the components below are live. The workspace keeps every open case
 * mounted (so each keeps what was half done), but only the case on screen answers the keys.
 */
export const ShortcutsScope = createContext(true);

const KEY = 'cerrojo.console.shortcuts';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

let enabled = typeof window === 'undefined' ? true : read();

export function setShortcutsEnabled(on: boolean): void {
  enabled = on;
  try {
    window.localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // not remembered; still applies to this page
  }
  for (const l of listeners) l();
}

export function useShortcutsEnabled(): boolean {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => enabled,
  );
}

/** Whether a key press belongs to the page's shortcuts (not typing, no modifier). */
export function isShortcutEvent(e: KeyboardEvent): boolean {
  if (!enabled || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return false;
  const target = e.target as HTMLElement | null;
  if (!target) return true;
  if (target.isContentEditable) return false;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return false;
  return !target.closest('dialog[open]') || e.key === '?';
}

/** Runs `handlers[key]` for shortcut key presses while mounted. */
export function useShortcuts(handlers: Record<string, () => void>): void {
  const live = useContext(ShortcutsScope);
  useEffect(() => {
    if (!live) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcutEvent(e)) return;
      const fn = handlers[e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers, live]);
}

/** Moves the focus to the element with `id` (a section heading or a field) and brings it into view. */
export function focusById(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.focus();
  el.scrollIntoView({ block: 'start' });
}

/**
 * Goes to the control a key stands for: the first element `selector` finds that can be used now
 * (not disabled, not read only), else the section's heading `titleId`. The section is brought to
 * the top of its pane first, so the control's context is on screen with it.
 */
export function focusControl(titleId: string, selector: string): void {
  const title = document.getElementById(titleId);
  const scope = title?.closest('section') ?? document;
  const control = [...scope.querySelectorAll<HTMLElement>(selector)].find((el) => !el.matches(':disabled, [readonly]'));
  if (!control) {
    focusById(titleId);
    return;
  }
  title?.scrollIntoView({ block: 'start' });
  control.focus();
  control.scrollIntoView({ block: 'nearest' });
}

import { useCallback, useEffect, useState } from 'react';
import { fetchDevMessages, type DevMessage, type FetchResult, type MessageFilter } from './api.ts';

export interface DevMessagesView {
  /** Null until the first answer arrives. */
  messages: DevMessage[] | null;
  notDev: boolean;
  /** The last failure, cleared by the next success; the last good list stays on screen. */
  error: string | null;
  updatedAt: Date | null;
}

const INITIAL: DevMessagesView = { messages: null, notDev: false, error: null, updatedAt: null };

function sameIds(a: DevMessage[] | null, b: DevMessage[]): boolean {
  return a !== null && a.length === b.length && a.every((m, i) => m.id === b[i]!.id);
}

function reduce(prev: DevMessagesView, result: FetchResult, now: Date): DevMessagesView {
  if (result.kind === 'not-dev') return { ...INITIAL, notDev: true };
  if (result.kind === 'error') return { ...prev, error: result.detail };
  // Keep the same array when nothing changed, so the list (and its live region) stays still.
  const messages = sameIds(prev.messages, result.messages) ? prev.messages : result.messages;
  return { messages, notDev: false, error: null, updatedAt: now };
}

/**
 * Polls the dev message list every `intervalMs` while the tab is visible, and at once on
 * `refresh()`. Stops polling for good when the server is not in dev mode.
 */
export function useDevMessages(filter: MessageFilter, intervalMs = 2000): DevMessagesView & { refresh(): void } {
  const [view, setView] = useState<DevMessagesView>(INITIAL);
  const [round, setRound] = useState(0);
  const { to, channel } = filter;
  // A new filter starts from "loading", so the old list never shows under the new filter.
  const key = `${to}|${channel}`;
  const [viewKey, setViewKey] = useState(key);
  if (key !== viewKey) {
    setViewKey(key);
    setView(INITIAL);
  }

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const tick = async () => {
      if (document.visibilityState !== 'hidden') {
        const result = await fetchDevMessages({ to, channel }, controller.signal);
        if (controller.signal.aborted) return;
        setView((prev) => reduce(prev, result, new Date()));
        if (result.kind === 'not-dev') return;
      }
      timer = window.setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [to, channel, round, intervalMs]);

  const refresh = useCallback(() => setRound((r) => r + 1), []);
  return { ...view, refresh };
}

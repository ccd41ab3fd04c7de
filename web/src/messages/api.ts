/** The dev message list of the server (`GET /api/dev/messages`, dev mode only). */
export type Channel = 'email' | 'sms';

export interface DevMessage {
  id: number;
  channel: Channel;
  recipient: string;
  cc: string[];
  subject: string | null;
  body: string;
  template: string;
  deliveredAt: string;
}

export interface MessageFilter {
  /** Full phone (any format) or email; empty for every recipient. */
  to: string;
  channel: Channel | '';
}

export type FetchResult =
  | { kind: 'ok'; messages: DevMessage[] }
  /** The server answers 404: it is not in dev mode, so there is nothing to show. */
  | { kind: 'not-dev' }
  | { kind: 'error'; detail: string };

/** How many messages the page shows: enough for a few flows, small enough to poll every 2 s. */
export const PAGE_SIZE = 100;

/** The API address for a filter. */
export function devMessagesUrl(filter: MessageFilter): string {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filter.to.trim()) query.set('to', filter.to.trim());
  if (filter.channel) query.set('channel', filter.channel);
  return `/api/dev/messages?${query}`;
}

/** One fetch of the list; never throws, so a poll loop can keep going after a failure. */
export async function fetchDevMessages(filter: MessageFilter, signal?: AbortSignal): Promise<FetchResult> {
  try {
    const res = await fetch(devMessagesUrl(filter), { signal, headers: { accept: 'application/json' } });
    if (res.status === 404) return { kind: 'not-dev' };
    if (!res.ok) return { kind: 'error', detail: await errorDetail(res) };
    const data = (await res.json()) as { messages?: DevMessage[] };
    return Array.isArray(data.messages) ? { kind: 'ok', messages: data.messages } : { kind: 'error', detail: 'unexpected answer' };
  } catch (err) {
    return { kind: 'error', detail: err instanceof Error ? err.message : String(err) };
  }
}

/** The server's `{ error, message, detail? }` in a few words, or the status line. */
async function errorDetail(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: unknown; detail?: unknown };
    const text = [body.message, body.detail].filter((v) => typeof v === 'string').join(' ');
    return text ? `HTTP ${res.status}: ${text}` : `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

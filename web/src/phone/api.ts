/** The dev phone simulator of the server (`/api/dev/phone/*`, dev mode only). */

/** One answer of the line, as the server's simulator shapes it (a type only: nothing of the server is bundled). */
import type { HeardView } from '../../../src/ivr/simulator.ts';

export type Heard = HeardView;

export interface PhoneDirectory {
  lines: { key: string; number: string; description: string }[];
  callers: { name: string; phone: string; kind: 'mobile' | 'landline' }[];
}

/** A failed request: `notDev` when the server is not in dev mode (the routes answer 404). */
export class PhoneApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
  get notDev(): boolean {
    return this.status === 404;
  }
}

async function request<T>(method: 'GET' | 'POST', url: string, body?: object): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as { message?: string } & T;
  if (!res.ok) throw new PhoneApiError(typeof data.message === 'string' ? data.message : `HTTP ${res.status}`, res.status);
  return data;
}

const call = (callId: string, what: string) => `/api/dev/phone/calls/${encodeURIComponent(callId)}/${what}`;

/** A call of the console ringing at this phone, or connected to it (`/api/dev/phone/incoming`). */
export interface IncomingCall {
  id: string;
  status: 'ringing' | 'in_progress';
  from: string | null;
  ringingAt: string | null;
  answeredAt: string | null;
}

const incoming = (callId: string, what: string) => `/api/dev/phone/incoming/${encodeURIComponent(callId)}/${what}`;

export const phoneApi = {
  incoming: (number: string) => request<{ calls: IncomingCall[]; ringTimeoutSeconds: number }>('GET', `/api/dev/phone/incoming?number=${encodeURIComponent(number)}`),
  answerIncoming: (callId: string) => request<void>('POST', incoming(callId, 'answer'), {}),
  hangUpIncoming: (callId: string) => request<void>('POST', incoming(callId, 'hangup'), {}),
  directory: () => request<PhoneDirectory>('GET', '/api/dev/phone/directory'),
  dial: (from: string, to: string, lang?: 'es' | 'en') => request<{ callId: string; heard: Heard }>('POST', '/api/dev/phone/calls', { from, to, ...(lang ? { lang } : {}) }),
  keys: (callId: string, digits: string) => request<{ heard: Heard }>('POST', call(callId, 'keys'), { digits }),
  silence: (callId: string) => request<{ heard: Heard }>('POST', call(callId, 'silence'), {}),
  hangUp: (callId: string) => request<void>('POST', call(callId, 'hangup'), {}),
};

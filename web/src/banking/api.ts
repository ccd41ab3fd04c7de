/**
 * The online-banking API of the server (`/api/banking/*`). Every POST carries the CSRF token
 * of `GET /api/csrf` in `x-csrf-token`; the session itself is an HttpOnly cookie the page
 * never sees.
 */
export type SessionState = 'active' | 'must_change_password';
import type { OperationView } from '../../../src/banking/operation-view.ts';
import type { AccountView } from '../../../src/banking/accounts.ts';

/** An account with its balance as the server shows it (IBAN masked). */
export type Account = AccountView;

export type OperationStatus = OperationView['status'];

export interface BankingSession {
  state: SessionState;
  customer: { name: string; userCode: string };
  profile: 'full' | 'read_only';
  /** Last three digits of the registered mobile; null when there is none. */
  mobileEnding: string | null;
  idleSeconds: number;
  expiresAt: string;
  /** The bank's password length window (the server's `checkNewPassword` limits). */
  passwordLimits?: { minLength: number; maxLength: number };
}

/** An operation as the server shows it (the server's own view type, so the two cannot drift). */
export type Operation = OperationView;

export interface Device {
  id: string;
  name: string;
  platform: string;
  linkedAt: string | null;
  status: 'pending' | 'linked' | 'unlinked';
}

/** A refused request: the server's `reason` (e.g. `invalid_code`) drives the words the page shows. */
export class BankingApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
  /** The session is gone (ended by inactivity, by logout or never opened). */
  get sessionLost(): boolean {
    return this.status === 401 && (this.reason === 'session_expired' || this.reason === 'no_session' || this.reason === 'logged_out');
  }
  /** A number the server adds to some refusals (`attemptsLeft`). */
  detail(name: string): number | undefined {
    const value = this.details[name];
    return typeof value === 'number' ? value : undefined;
  }
}

let csrf: Promise<string> | undefined;

/** The CSRF token, fetched once per page load (and again after the server refuses it); the console shares it. */
export function csrfToken(): Promise<string> {
  csrf ??= fetch('/api/csrf', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
    .then((res) => (res.ok ? (res.json() as Promise<{ token: string }>) : Promise.reject(new Error(`HTTP ${res.status}`))))
    .then((body) => body.token)
    .catch((err: unknown) => {
      csrf = undefined;
      throw err;
    });
  return csrf;
}

/** Forgets the token after the server refused it, so the next request fetches a fresh one. */
export function forgetCsrfToken(): void {
  csrf = undefined;
}

/** Listeners told when any request finds the session gone, so the page can go back to login. */
const lostListeners = new Set<(err: BankingApiError) => void>();
export function onSessionLost(listener: (err: BankingApiError) => void): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}

let lastRequestAt = Date.now();
/** When the page last spoke to the server (the server's idle clock restarts then). */
export const lastActivity = (): number => lastRequestAt;

async function send(method: 'GET' | 'POST', url: string, body?: object): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = await csrfToken();
  }
  lastRequestAt = Date.now();
  return fetch(url, { method, headers, credentials: 'same-origin', ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}) });
}

async function request<T>(method: 'GET' | 'POST', url: string, body?: object): Promise<T> {
  let res = await send(method, url, body);
  if (res.status === 204) return undefined as T;
  let data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 403 && data.reason === 'csrf') {
    // The secret cookie may have been replaced (another tab, a cleared cookie): one fresh try.
    csrf = undefined;
    res = await send(method, url, body);
    data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  }
  if (res.ok) return data as T;
  const details = typeof data.details === 'object' && data.details !== null ? (data.details as Record<string, unknown>) : {};
  // Some routes put counters beside the reason rather than under `details`.
  if (typeof data.attemptsLeft === 'number') details.attemptsLeft = data.attemptsLeft;
  const err = new BankingApiError(res.status, typeof data.reason === 'string' ? data.reason : undefined, typeof data.message === 'string' ? data.message : `HTTP ${res.status}`, details);
  if (err.sessionLost) for (const listener of lostListeners) listener(err);
  throw err;
}

const op = (reference: string, what = '') => `/api/banking/operations/${encodeURIComponent(reference)}${what ? `/${what}` : ''}`;

export const bankingApi = {
  login: (userCode: string, password: string) =>
    request<{ state: SessionState; customer: { name: string }; idleSeconds: number }>('POST', '/api/banking/login', { userCode, password }),
  /** Ends the session; the pages then hear of it as of any lost session (reason `logged_out`). */
  logout: async () => {
    try {
      await request<void>('POST', '/api/banking/logout');
    } finally {
      const ended = new BankingApiError(401, 'logged_out', 'signed out');
      for (const listener of lostListeners) listener(ended);
    }
  },
  session: () => request<BankingSession>('GET', '/api/banking/session'),
  changePassword: (current: string, next: string, repeat: string) =>
    request<{ operation: Operation }>('POST', '/api/banking/password', { current, new: next, repeat }),
  accounts: () => request<{ accounts: Account[] }>('GET', '/api/banking/accounts'),
  operations: () => request<{ operations: Operation[] }>('GET', '/api/banking/operations'),
  operation: (reference: string) => request<Operation | { operation: Operation }>('GET', op(reference)).then(unwrap),
  sign: (reference: string, code: string) => request<{ operation: Operation }>('POST', op(reference, 'sign'), { code }),
  resend: (reference: string) => request<unknown>('POST', op(reference, 'resend')),
  cancel: (reference: string) => request<unknown>('POST', op(reference, 'cancel')),
  unlock: (reference: string, code: string) => request<{ operation: Operation }>('POST', op(reference, 'unlock'), { code }),
  transfer: (input: { iban: string; beneficiary: string; amount: string; concept?: string }) =>
    request<{ operation: Operation }>('POST', '/api/banking/transfers', input),
  devices: () => request<{ devices: Device[] }>('GET', '/api/banking/devices'),
  addDevice: (name: string, platform: 'android' | 'ios') => request<{ device: Device }>('POST', '/api/banking/devices', { name, platform }),
  confirmDevice: (id: string, code: string) =>
    request<{ device: Device }>('POST', `/api/banking/devices/${encodeURIComponent(id)}/confirm`, { code }),
};

/** `GET /operations/:reference` answers the view itself or `{ operation }`: both are read. */
function unwrap(body: Operation | { operation: Operation }): Operation {
  return 'operation' in body ? body.operation : body;
}

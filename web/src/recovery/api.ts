/** The recovery API of the server (`/api/recovery/*`), as the page uses it. */
import type { Locale } from '../../../src/i18n/catalogue.ts';
import type { StartInput } from '../../../src/selfservice/input.ts';

export type FlowState = { step: 'none' } | { step: 'code_sent'; expiresAt: string };
export type StartAnswer = { step: 'code_sent'; expiresAt: string } | { step: 'visit_branch' };
export type ConfirmAnswer = { step: 'done'; email: string; mobile: string } | { step: 'visit_branch' };

/** A refusal: its HTTP status, stable reason, the server's words, and the attempts left for a wrong code. */
export class RecoveryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string | undefined,
    readonly attemptsLeft?: number,
  ) {
    super(message);
  }
}

let csrf: Promise<string> | undefined;

/** The CSRF token of this page (asked once; asked again after a refusal for CSRF). */
function csrfToken(): Promise<string> {
  csrf ??= fetch('/api/csrf', { headers: { accept: 'application/json' } })
    .then((res) => res.json() as Promise<{ token: string }>)
    .then((body) => body.token)
    .catch((err: unknown) => {
      csrf = undefined;
      throw err;
    });
  return csrf;
}

async function request<T>(method: 'GET' | 'POST', path: string, locale: Locale, body?: object, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = await csrfToken();
  }
  let res: Response;
  try {
    res = await fetch(`${path}?lang=${locale}`, { method, headers, credentials: 'same-origin', ...(body ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new RecoveryError('network', 0, 'network');
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) return data as T;
  const reason = typeof data.reason === 'string' ? data.reason : undefined;
  if (reason === 'csrf' && !retried) {
    csrf = undefined;
    return request<T>(method, path, locale, body, true);
  }
  const details = data.details as { attemptsLeft?: unknown } | undefined;
  const left = typeof details?.attemptsLeft === 'number' ? details.attemptsLeft : undefined;
  throw new RecoveryError(typeof data.message === 'string' ? data.message : `HTTP ${res.status}`, res.status, reason, left);
}

export const CAPTCHA_URL = '/api/recovery/captcha';

export const recoveryApi = {
  flow: (locale: Locale) => request<FlowState>('GET', '/api/recovery/flow', locale),
  start: (locale: Locale, input: StartInput, altcha: string | null) =>
    request<StartAnswer>('POST', '/api/recovery/start', locale, { ...input, ...(altcha ? { altcha } : {}) }),
  confirm: (locale: Locale, code: string) => request<ConfirmAnswer>('POST', '/api/recovery/confirm', locale, { code }),
  resend: (locale: Locale) => request<{ step: 'code_sent'; expiresAt: string }>('POST', '/api/recovery/resend', locale, {}),
};

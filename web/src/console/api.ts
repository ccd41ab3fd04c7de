import type { CaseDetail, CaseSummary, MentionView } from '../../../src/backoffice/cases/views.ts';
import type { CategoryTree } from '../../../src/backoffice/cases/categories.ts';
import type { AttemptView } from '../../../src/backoffice/contact/contact.ts';
import type { CallView, ContactPanelView } from '../../../src/backoffice/calls/calls.ts';
import type { PhoneOption } from '../../../src/backoffice/contact/rules.ts';
import type { DraftView } from '../../../src/backoffice/playbook/drafts.ts';
import type { OutcomeOption, RunView, StepView } from '../../../src/backoffice/playbook/engine.ts';
import type { CheckView } from '../../../src/backoffice/contact/security-checks.ts';
import type { CustomerPanel as CustomerPanelSchema } from '../../../src/console/customer-panel.ts';
import type { StaffView } from '../../../src/staff/routes.ts';
import type { Locale } from '../../../src/i18n/catalogue.ts';
import type { Static } from 'typebox';
import { BankingApiError, csrfToken, forgetCsrfToken } from '../banking/api.ts';

/**
 * The console's client of the back-office API. The staff session is an HttpOnly cookie the page
 * never sees; every state-changing request carries the CSRF token of `GET /api/csrf`. Texts the
 * server writes (call script, questions, step labels) come in the console's language.
 */
export type { CaseDetail, CaseSummary, MentionView, OutcomeOption };
/** The server's own view types, so the console and the routes cannot drift apart. */
export type Phone = PhoneOption;
export type Attempt = AttemptView;
export type ContactPanel = ContactPanelView;
export type Call = CallView;
export type SecurityCheck = CheckView;
export type RunStep = StepView;
export type PlaybookRun = RunView;
export type Draft = DraftView;
export type Categories = Pick<CategoryTree, 'categories'>;

export type StaffMember = Static<typeof StaffView>;

/** How staff may sign in (`GET /api/staff/auth-methods`). */
export interface AuthMethods {
  localLogin: boolean;
  oidc: { enabled: boolean; label: string | null };
}

/** The customer panel of a case (`GET /api/cases/:id/customer`). */
export type CustomerPanel = Static<typeof CustomerPanelSchema>;

/** A refused request: the server's stable `reason` picks the words shown (the banking client's error, for staff). */
export class ConsoleApiError extends BankingApiError {
  /** Any 401: the staff session is gone (expired, signed out, never opened). */
  override get sessionLost(): boolean {
    return this.status === 401;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

let locale: Locale = 'es';
/** The language the server writes its texts in for this page. */
export function setApiLocale(next: Locale): void {
  locale = next;
}

const lost = new Set<() => void>();
/** Called when any request finds the staff session gone: the frame shows the login page. */
export function onSessionLost(listener: () => void): () => void {
  lost.add(listener);
  return () => lost.delete(listener);
}

async function send(method: Method, url: string, body?: object): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = await csrfToken();
  }
  return fetch(url, { method, headers, credentials: 'same-origin', ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}) });
}

export async function request<T>(method: Method, url: string, body?: object, { quiet = false } = {}): Promise<T> {
  let res = await send(method, url, body);
  if (res.status === 204) return undefined as T;
  let data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 403 && data.reason === 'csrf') {
    // The secret cookie may have been replaced (another tab): one fresh try with a new token.
    forgetCsrfToken();
    res = await send(method, url, body);
    data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  }
  if (res.ok) return data as T;
  const details = typeof data.details === 'object' && data.details !== null ? (data.details as Record<string, unknown>) : {};
  const err = new ConsoleApiError(res.status, typeof data.reason === 'string' ? data.reason : undefined, typeof data.message === 'string' ? data.message : `HTTP ${res.status}`, details);
  if (err.sessionLost && !quiet) for (const listener of lost) listener();
  throw err;
}

const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString();
  return s ? `?${s}` : '';
};
const c = (id: string, what = '') => `/api/cases/${encodeURIComponent(id)}${what ? `/${what}` : ''}`;

export const consoleApi = {
  login: (username: string, password: string) => request<{ staff: StaffMember }>('POST', '/api/staff/login', { username, password }, { quiet: true }),
  /** Ends the session; a single sign-on session answers the provider's own sign-out URL to go to next. */
  logout: () => request<{ endSessionUrl: string } | undefined>('POST', '/api/staff/logout'),
  authMethods: () => request<AuthMethods>('GET', '/api/staff/auth-methods', undefined, { quiet: true }),
  me: () => request<{ staff: StaffMember }>('GET', '/api/staff/me', undefined, { quiet: true }),
  cases: (filter: { queue?: string; status?: string; owner?: string }) => request<{ cases: CaseSummary[] }>('GET', `/api/cases${q({ ...filter, limit: '500' })}`),
  detail: (id: string) => request<CaseDetail>('GET', c(id)),
  customer: (id: string) => request<CustomerPanel>('GET', c(id, 'customer')),
  patch: (id: string, body: { status?: string; pendingReason?: string; owner?: string | null; queue?: string; category?: string | null; accountChanged?: boolean; version?: number }) =>
    request<CaseSummary>('PATCH', c(id), body),
  comment: (id: string, text: string) => request<void>('POST', c(id, 'comments'), { text }),
  close: (id: string, closingComment: string, category?: { category: string; accountChanged?: boolean }) => request<CaseSummary>('POST', c(id, 'close'), { closingComment, ...category }),
  take: (id: string) => request<CaseSummary>('POST', c(id, 'take')),
  takeover: (id: string, reason?: string) => request<CaseSummary>('POST', c(id, 'takeover'), reason ? { reason } : {}),
  mention: (id: string, targetKind: 'office' | 'manager', targetId: string, text: string) => request<MentionView>('POST', c(id, 'mentions'), { targetKind, targetId, text }),
  categories: () => request<Categories>('GET', '/api/categories'),
  contact: (id: string) => request<ContactPanel>('GET', c(id, 'contact')),
  attempt: (id: string, body: { result: string; phoneKind?: string; answeredBy?: string }) =>
    request<{ attempt: Attempt; attemptsLeft: number; proposal: 'no_answer' | null }>('POST', c(id, 'contact-attempts'), body),
  call: (id: string, phoneKind: string) => request<{ call: Call }>('POST', c(id, 'calls'), { phoneKind }),
  confirmAttempt: (id: string, attemptNo: number, body: { result: string; answeredBy?: string }) =>
    request<{ attempt: Attempt }>('POST', c(id, `contact-attempts/${attemptNo}/confirm`), body),
  checks: (id: string) => request<{ checks: SecurityCheck[] }>('GET', c(id, 'security-checks')),
  startCheck: (id: string, answeredBy?: string) => request<SecurityCheck>('POST', c(id, 'security-checks'), answeredBy ? { answeredBy } : {}),
  answerCheck: (checkId: string, answers: { questionId: string; answer: string }[]) =>
    request<SecurityCheck>('POST', `/api/security-checks/${encodeURIComponent(checkId)}/answers`, { answers }),
  playbook: (id: string) => request<{ run: PlaybookRun | null; outcomes: OutcomeOption[] }>('GET', c(id, 'playbook')),
  outcome: (id: string, body: { outcome: string; closingComment?: string; answeredBy?: string; category?: string }) => request<PlaybookRun>('POST', c(id, 'outcome'), body),
  resume: (runId: string) => request<PlaybookRun>('POST', `/api/playbook-runs/${encodeURIComponent(runId)}/resume`),
  drafts: (id: string) => request<{ drafts: Draft[] }>('GET', c(id, 'drafts')),
  saveDraft: (draftId: string, body: { subject?: string; body?: string }) => request<Draft>('PUT', `/api/drafts/${encodeURIComponent(draftId)}`, body),
  sendDraft: (draftId: string) => request<{ draft: Draft; sentNow: boolean; runs: PlaybookRun[] }>('POST', `/api/drafts/${encodeURIComponent(draftId)}/send`),
};

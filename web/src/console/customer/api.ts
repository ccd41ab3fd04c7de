import type { CustomerState } from '../../../../src/console/customer-state.ts';
import type { HistoryItem } from '../../../../src/console/customer-history.ts';
import type { RequestView } from '../../../../src/backoffice/unlock/views.ts';
import type { CaseSummary } from '../../../../src/backoffice/cases/views.ts';
import { request } from '../api.ts';

/**
 * The client of the customer page and of the ways back (issue 13): a customer's state and
 * history, the branch unlock and its four-eyes approval, lifting a blocked card PIN, reopening a
 * case. The server's own view types, so the page and the routes cannot drift apart.
 */
export type { CustomerState, HistoryItem, RequestView };
export type DocumentSeen = { type: 'DNI' | 'NIE' | 'CIF' | 'PASSPORT'; number: string };

const customer = (id: string, what = '') => `/api/customers/${encodeURIComponent(id)}${what ? `/${what}` : ''}`;
const unlockRequest = (id: string, what: string) => `/api/unlock-requests/${encodeURIComponent(id)}/${what}`;

export const customerApi = {
  state: (id: string) => request<CustomerState>('GET', customer(id)),
  history: (id: string, limit = 200) => request<{ items: HistoryItem[] }>('GET', `${customer(id, 'history')}?limit=${limit}`),
  unlock: (id: string, body: { document: DocumentSeen; caseId?: string; note?: string }) => request<{ request: RequestView; performed: boolean }>('POST', customer(id, 'unlock'), body),
  unblockPin: (id: string, cardId: string, caseId: string | null) =>
    request<{ last4: string; channel: string }>('POST', customer(id, `cards/${encodeURIComponent(cardId)}/unblock-pin`), caseId ? { caseId } : {}),
  requests: (status?: 'pending' | 'done' | 'rejected') => request<{ requests: RequestView[] }>('GET', `/api/unlock-requests${status ? `?status=${status}` : ''}`),
  approve: (id: string) => request<{ request: RequestView; performed: boolean }>('POST', unlockRequest(id, 'approve')),
  reject: (id: string, reason: string) => request<{ request: RequestView; performed: boolean }>('POST', unlockRequest(id, 'reject'), { reason }),
  reopen: (caseId: string, reason: string) => request<CaseSummary>('POST', `/api/cases/${encodeURIComponent(caseId)}/reopen`, { reason }),
};

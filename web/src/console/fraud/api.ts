import type { FraudTaskDetail, FraudTaskView } from '../../../../src/backoffice/fraud/views.ts';
import { request } from '../api.ts';

/** The fraud team's queue (`/api/fraud-tasks`): the server's own view types, so page and routes agree. */
export type { FraudTaskDetail, FraudTaskView };
export { FRAUD_RESULTS } from '../../../../src/backoffice/fraud/rules.ts';

const task = (id: string, what = '') => `/api/fraud-tasks/${encodeURIComponent(id)}${what ? `/${what}` : ''}`;

export const fraudApi = {
  list: (filter: { status?: string; owner?: string }) => {
    const params = new URLSearchParams({ limit: '500' });
    if (filter.status) params.set('status', filter.status);
    if (filter.owner) params.set('owner', filter.owner);
    return request<{ tasks: FraudTaskView[] }>('GET', `/api/fraud-tasks?${params.toString()}`);
  },
  detail: (id: string) => request<FraudTaskDetail>('GET', task(id)),
  take: (id: string, takeover = false, reason?: string) => request<FraudTaskDetail>('POST', task(id, 'take'), { ...(takeover ? { takeover } : {}), ...(reason ? { reason } : {}) }),
  note: (id: string, text: string) => request<FraudTaskDetail>('POST', task(id, 'notes'), { text }),
  close: (id: string, result: string, note: string) => request<FraudTaskDetail>('POST', task(id, 'close'), { result, note }),
  assign: (id: string, owner: string | null) => request<FraudTaskDetail>('POST', task(id, 'assign'), { owner }),
};

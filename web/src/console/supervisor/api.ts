import type { SlaNoticeBody, SupervisorViewBody } from '../../../../src/backoffice/supervisor/routes.ts';
import { request } from '../api.ts';

export type SupervisorView = SupervisorViewBody;
export type SlaNotice = SlaNoticeBody;
export type SupervisorCase = SupervisorView['cases'][number];
export type Figure = SupervisorView['queues'][number]['waiting'];

/** The supervisor's live view (`GET /api/console/supervisor`) and the SLA notices of the inbox. */
export const supervisorApi = {
  view: (period: { from: string; to: string }) => {
    const params = new URLSearchParams();
    if (period.from) params.set('from', period.from);
    if (period.to) params.set('to', period.to);
    const query = params.toString();
    return request<SupervisorView>('GET', `/api/console/supervisor${query ? `?${query}` : ''}`);
  },
  notices: (unread: boolean) => request<{ notices: SlaNotice[] }>('GET', `/api/console/sla-notices${unread ? '?unread=true' : ''}`),
  markRead: (id: string) => request<SlaNotice>('POST', `/api/console/sla-notices/${encodeURIComponent(id)}/read`),
};

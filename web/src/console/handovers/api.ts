import type { HandoverView } from '../../../../src/backoffice/handovers/views.ts';
import { request } from '../api.ts';

/** The IVR's handovers (`/api/handovers`): the server's own view type, so page and routes agree. */
export type { HandoverView };

const one = (id: string, what = '') => `/api/handovers/${encodeURIComponent(id)}${what ? `/${what}` : ''}`;

export const handoversApi = {
  list: (status?: string) => {
    const params = new URLSearchParams({ limit: '200' });
    if (status) params.set('status', status);
    return request<{ handovers: HandoverView[] }>('GET', `/api/handovers?${params.toString()}`);
  },
  detail: (id: string) => request<HandoverView>('GET', one(id)),
  take: (id: string) => request<HandoverView>('POST', one(id, 'take')),
  close: (id: string) => request<HandoverView>('POST', one(id, 'close')),
};

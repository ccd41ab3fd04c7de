import type { MentionView } from '../../../../src/backoffice/cases/views.ts';
import { request } from '../api.ts';

export type { MentionView };
export interface InboxTarget {
  kind: 'office' | 'manager';
  id: string;
}

/** The mentions inbox of an office or a manager (`GET /api/inbox`), newest first. */
export const inboxApi = {
  list: (target: InboxTarget, unread: boolean) => {
    const params = new URLSearchParams({ [target.kind]: target.id, limit: '200' });
    if (unread) params.set('unread', 'true');
    return request<{ mentions: MentionView[] }>('GET', `/api/inbox?${params.toString()}`);
  },
  markRead: (id: string) => request<MentionView>('POST', `/api/inbox/${encodeURIComponent(id)}/read`),
};

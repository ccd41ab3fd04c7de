import type { ArticleSummaryView, ArticleView } from '../../../../src/knowledge/view.ts';
import { request } from '../api.ts';

export type { ArticleSummaryView, ArticleView };

export interface FeedbackView {
  id: string;
  articleId: string;
  author: string;
  helpful: boolean | null;
  comment: string;
  createdAt: string;
}

const article = (id: string, what = '') => `/api/knowledge/${encodeURIComponent(id)}${what}`;

/** The knowledge API (`src/knowledge/routes.ts`), in the console's language. */
export const knowledgeApi = {
  list: (q: string) => request<{ articles: ArticleSummaryView[] }>('GET', `/api/knowledge${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`),
  article: (id: string) => request<ArticleView>('GET', article(id)),
  send: (id: string, comment: string, helpful: boolean | null) =>
    request<{ id: string; createdAt: string }>('POST', article(id, '/feedback'), { comment, ...(helpful === null ? {} : { helpful }) }),
  received: (id: string) => request<{ feedback: FeedbackView[] }>('GET', `/api/knowledge/feedback?articleId=${encodeURIComponent(id)}`),
};

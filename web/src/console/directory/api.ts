import type { EntryView } from '../../../../src/directory/view.ts';
import { request } from '../api.ts';

export type DirectoryEntry = EntryView;
export interface DirectoryAnswer {
  at: string;
  timeZone: string;
  entries: DirectoryEntry[];
}

/** `GET /api/directory`: the seed's numbers matching `q`, only the open ones with `openNow`. */
export function searchDirectory(q: string, openNow: boolean): Promise<DirectoryAnswer> {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (openNow) params.set('openNow', 'true');
  const query = params.toString();
  return request<DirectoryAnswer>('GET', `/api/directory${query ? `?${query}` : ''}`);
}

import type { Channel, MessageFilter } from './api.ts';

/**
 * The filter lives in the address (`?to=&channel=`), so a filtered list can be bookmarked or
 * linked from another page ("read the SMS sent to 612 345 331").
 */
export function filterFromSearch(search: string): MessageFilter {
  const params = new URLSearchParams(search);
  const channel = params.get('channel');
  return { to: params.get('to')?.trim() ?? '', channel: isChannel(channel) ? channel : '' };
}

/** The query string for a filter: empty when nothing is filtered. */
export function searchFromFilter(filter: MessageFilter): string {
  const params = new URLSearchParams();
  if (filter.to.trim()) params.set('to', filter.to.trim());
  if (filter.channel) params.set('channel', filter.channel);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function isChannel(value: unknown): value is Channel {
  return value === 'sms' || value === 'email';
}

export const isFiltered = (filter: MessageFilter): boolean => filter.to !== '' || filter.channel !== '';

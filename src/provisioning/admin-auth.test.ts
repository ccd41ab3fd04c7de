import { describe, expect, it } from 'vitest';
import { bearerMatches } from './admin-auth.ts';
import { maskDocument } from './view.ts';
import { formatSummary } from './summary.ts';

describe('admin token check', () => {
  const token = 'test-admin-token-0123456789abcdef';
  it('accepts only the exact bearer token', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    for (const header of [undefined, '', token, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, 'Bearer', `Basic ${token}`]) {
      expect(bearerMatches(header, token)).toBe(false);
    }
  });
});

describe('admin view masks', () => {
  it('shows only the end of a document', () => {
    expect(maskDocument('45123987B')).toBe('******87B');
  });
});

describe('import summary text', () => {
  it('prints the totals and one line per error', () => {
    const text = formatSummary('f.csv', {
      created: 1, updated: 2, unchanged: 3,
      errors: [{ record: 'customer', index: 4, externalId: 'C5', field: 'mobile', message: 'is not valid' }],
      skipped: [],
    });
    expect(text).toBe('f.csv: 1 created, 2 updated, 3 unchanged, 1 error\n  customer #4 (C5) mobile: is not valid\n');
  });

  it('prints the changes not made, with their reason', () => {
    const text = formatSummary('f.json', {
      created: 0, updated: 1, unchanged: 0, errors: [],
      skipped: [{ record: 'customer', index: 0, externalId: 'C1', field: 'onlineBanking.profile', reason: 'restricted_by_contact_centre', message: 'only a branch restores it' }],
    });
    expect(text).toBe('f.json: 0 created, 1 updated, 0 unchanged, 0 errors, 1 change not made\n  customer #0 (C1) onlineBanking.profile not changed (restricted_by_contact_centre): only a branch restores it\n');
  });
});

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
    });
    expect(text).toBe('f.csv: 1 created, 2 updated, 3 unchanged, 1 error\n  customer #4 (C5) mobile: is not valid\n');
  });
});

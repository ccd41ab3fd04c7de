import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liftChannels, WAYS_BACK, waysBackTable } from './ways-back.ts';

describe('every block has a way back', () => {
  it('lists a way back that the lift policy allows for every block record it names', () => {
    for (const row of WAYS_BACK) if (row.block) expect(liftChannels(row.block), row.state).not.toEqual([]);
    // DESIGN.md §3: a blocked card PIN is never lifted by the self-service that failed.
    const pin = WAYS_BACK.find((r) => r.block?.target === 'card_pin')!;
    expect(liftChannels(pin.block!)).toEqual(['contact_centre', 'office', 'core']);
    // Only a branch lifts what the contact centre set.
    for (const row of WAYS_BACK.filter((r) => r.block?.origin === 'contact_centre')) expect(liftChannels(row.block!)).toEqual(['office']);
  });

  it('is the table docs/backoffice.md shows', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'backoffice.md'), 'utf8');
    const m = /<!-- ways-back:start -->\n([\s\S]*?)\n<!-- ways-back:end -->/.exec(doc);
    expect(m, 'ways-back markers').not.toBeNull();
    expect(m![1]).toBe(waysBackTable());
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unlockLine } from './flow.ts';
import { flowToMermaid } from './mermaid.ts';

describe('docs/ivr.md', () => {
  it('holds the diagram generated from the current definition (npx cerrojo ivr diagram)', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'ivr.md'), 'utf8');
    const m = /<!-- ivr-diagram:start -->\n```mermaid\n([\s\S]*?)\n```\n<!-- ivr-diagram:end -->/.exec(doc);
    expect(m, 'diagram markers').not.toBeNull();
    expect(m![1]).toBe(flowToMermaid(unlockLine).trimEnd());
  });
});

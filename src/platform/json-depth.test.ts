import { describe, expect, it } from 'vitest';
import { exceedsDepth } from './json-depth.ts';

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('exceedsDepth', () => {
  it('counts objects and arrays, not scalars, and stops at the limit', () => {
    expect(exceedsDepth(1, 0)).toBe(false);
    expect(exceedsDepth({}, 0)).toBe(true);
    expect(exceedsDepth({ a: { b: 1 } }, 2)).toBe(false);
    expect(exceedsDepth({ a: { b: 1 } }, 1)).toBe(true);
    expect(exceedsDepth(nested(8), 8)).toBe(false);
    expect(exceedsDepth(nested(9), 8)).toBe(true);
    expect(exceedsDepth({ wide: Array.from({ length: 1000 }, () => ({ x: [1] })) }, 4)).toBe(false);
    expect(exceedsDepth({ wide: Array.from({ length: 1000 }, () => ({ x: [1] })) }, 3)).toBe(true);
  });

  it('measures a value nested far past the stack without overflowing', () => {
    expect(exceedsDepth(nested(200_000), 8)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { restartDelayMs } from './cluster.ts';

describe('restarting a dead worker', () => {
  it('restarts at once after one death, then backs off doubling up to 30 s while it keeps dying young', () => {
    expect([1, 2, 3, 4, 5].map(restartDelayMs)).toEqual([0, 250, 500, 1000, 2000]);
    expect(restartDelayMs(9)).toBe(30_000);
    expect(restartDelayMs(50)).toBe(30_000);
  });
});

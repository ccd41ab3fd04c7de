import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailure, retryDelayMs } from './backoff.ts';

const policy = { maxAttempts: 5, backoffBaseMs: 1000, backoffMaxMs: 60_000 };

describe('retry backoff', () => {
  it('doubles per attempt from the base, between half a step and a full step', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, policy, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, policy, () => 0))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never exceeds the cap nor falls under half of it, whatever the attempt and jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, r) => {
        const step = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (attempts - 1));
        const delay = retryDelayMs(attempts, policy, () => r);
        return delay >= step / 2 && delay <= step && delay <= policy.backoffMaxMs;
      }),
    );
  });

  it('schedules another try until maxAttempts, then gives up', () => {
    const now = new Date('2026-01-15T10:00:00Z');
    expect(afterFailure(1, now, policy, () => 1)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-01-15T10:00:01Z') });
    expect(afterFailure(4, now, policy, () => 1)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-01-15T10:00:08Z') });
    expect(afterFailure(5, now, policy)).toEqual({ status: 'failed' });
  });
});

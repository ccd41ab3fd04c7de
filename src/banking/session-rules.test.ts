import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionExpiresAt, sessionStatus } from './session-rules.ts';

const limits = { sessionIdleSeconds: 300, sessionMaxSeconds: 8 * 3600 };
const t0 = new Date('2026-01-15T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('session expiry', () => {
  it('ends after 5 minutes without a request (PSD2 RTS art. 4(3)(d))', () => {
    const s = { created_at: t0, last_seen_at: t0, ended_at: null };
    expect(sessionStatus(s, at(299), limits)).toBe('live');
    expect(sessionStatus(s, at(300), limits)).toBe('idle_expired');
    expect(sessionStatus({ ...s, last_seen_at: at(200) }, at(499), limits)).toBe('live');
    expect(sessionStatus({ ...s, ended_at: at(10) }, at(11), limits)).toBe('ended');
  });

  it('never lives past its maximum, however active', () => {
    expect(sessionStatus({ created_at: t0, last_seen_at: at(8 * 3600 - 1), ended_at: null }, at(8 * 3600), limits)).toBe('max_expired');
  });

  it('a session touched at every step shorter than the idle limit lives until the maximum, and expiresAt agrees', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 200 }), (gaps) => {
        const s = { created_at: t0, last_seen_at: t0, ended_at: null as Date | null };
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          const status = sessionStatus(s, at(now), limits);
          const expected = now >= limits.sessionMaxSeconds ? 'max_expired' : now - (s.last_seen_at.getTime() - t0.getTime()) / 1000 >= limits.sessionIdleSeconds ? 'idle_expired' : 'live';
          expect(status).toBe(expected);
          expect(status === 'live').toBe(at(now).getTime() < sessionExpiresAt(s, limits).getTime());
          if (status !== 'live') return;
          s.last_seen_at = at(now);
        }
      }),
    );
  });
});

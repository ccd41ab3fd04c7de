import { describe, expect, it } from 'vitest';
import { customerLegResult, isFinalStatus, rangOut, secondsBetween } from './rules.ts';

describe('call rules', () => {
  it('maps the customer leg’s final CallStatus to the attempt a machine can record', () => {
    expect(['completed', 'no-answer', 'canceled', 'busy', 'failed'].map(customerLegResult)).toEqual(['picked_up', 'no_answer', 'no_answer', 'busy', 'failed']);
    expect(['queued', 'initiated', 'ringing', 'in-progress', 'answered'].map(customerLegResult)).toEqual([null, null, null, null, null]);
    expect(isFinalStatus('in-progress')).toBe(false);
    expect(isFinalStatus('canceled')).toBe(true);
  });

  it('a dev call rings out exactly at the timeout, and only while ringing', () => {
    const at = new Date('2026-01-01T10:00:00Z');
    const later = (s: number) => new Date(at.getTime() + s * 1000);
    expect(rangOut({ status: 'ringing', ringing_at: at }, later(29), 30)).toBe(false);
    expect(rangOut({ status: 'ringing', ringing_at: at }, later(30), 30)).toBe(true);
    expect(rangOut({ status: 'in_progress', ringing_at: at }, later(300), 30)).toBe(false);
  });

  it('durations are whole seconds, never negative, at most a day', () => {
    const at = new Date('2026-01-01T10:00:00Z');
    expect(secondsBetween(at, new Date(at.getTime() + 41_600))).toBe(42);
    expect(secondsBetween(at, new Date(at.getTime() - 5000))).toBe(0);
    expect(secondsBetween(null, at)).toBe(0);
    expect(secondsBetween(at, new Date(at.getTime() + 2 * 86_400_000))).toBe(86_400);
  });
});

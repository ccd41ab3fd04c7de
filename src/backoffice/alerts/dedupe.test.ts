import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dedupeTarget, withinWindow, type DedupeCandidate } from './dedupe.ts';

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const open = (over: Partial<DedupeCandidate> = {}): DedupeCandidate => ({ caseId: 'c1', situation: 'login_new_location', operationId: null, status: 'new', lastAlertAt: T0, ...over });
const incoming = (ms: number, over: { situation?: string; operationId?: string | null } = {}) => ({ situation: 'login_new_location', operationId: null, receivedAt: at(ms), ...over });

describe('dedupe (seed 002)', () => {
  it('joins within the window of the newest alert, not at its edge', () => {
    expect(dedupeTarget(incoming(30 * MIN - 1), [open()], 30)).toBe('c1');
    expect(dedupeTarget(incoming(30 * MIN), [open()], 30)).toBeNull();
    expect(dedupeTarget(incoming(30 * MIN + 1), [open()], 30)).toBeNull();
    expect(dedupeTarget(incoming(0), [open()], 30)).toBe('c1');
    // An alert stamped before the newest one (out of order) still belongs to the burst.
    expect(dedupeTarget(incoming(-5 * MIN), [open()], 30)).toBe('c1');
    expect(withinWindow(T0, at(MIN - 1), 1)).toBe(true);
    expect(withinWindow(T0, at(MIN), 1)).toBe(false);
  });

  it('keeps different operations apart, and the same operation together', () => {
    const onOp = open({ operationId: 'op-1' });
    expect(dedupeTarget(incoming(MIN, { operationId: 'op-1' }), [onOp], 30)).toBe('c1');
    expect(dedupeTarget(incoming(MIN, { operationId: 'op-2' }), [onOp], 30)).toBeNull();
    expect(dedupeTarget(incoming(MIN, { operationId: null }), [onOp], 30)).toBeNull();
    expect(dedupeTarget(incoming(MIN, { operationId: 'op-1' }), [open()], 30)).toBeNull();
  });

  it('never joins a closed case or another situation; of several, the newest alert wins', () => {
    expect(dedupeTarget(incoming(MIN), [open({ status: 'closed' })], 30)).toBeNull();
    expect(dedupeTarget(incoming(MIN), [open({ status: 'pending_customer' })], 30)).toBe('c1');
    expect(dedupeTarget(incoming(MIN, { situation: 'device_linked' }), [open()], 30)).toBeNull();
    const older = open({ caseId: 'old', lastAlertAt: at(-10 * MIN) });
    const newer = open({ caseId: 'new', lastAlertAt: at(-2 * MIN) });
    expect(dedupeTarget(incoming(0), [newer, older], 30)).toBe('new');
    expect(dedupeTarget(incoming(0), [older, newer], 30)).toBe('new');
  });

  it('only ever answers a case that matches on every rule', () => {
    const candidate = fc.record({
      caseId: fc.uuid(),
      situation: fc.constantFrom('a', 'b', null),
      operationId: fc.constantFrom('op-1', 'op-2', null),
      status: fc.constantFrom('new' as const, 'in_progress' as const, 'pending_customer' as const, 'closed' as const),
      lastAlertAt: fc.integer({ min: -120, max: 0 }).map((m) => at(m * MIN)),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 8 }), fc.constantFrom('a', 'b'), fc.constantFrom('op-1', 'op-2', null), fc.integer({ min: 1, max: 90 }), (cases, situation, operationId, window) => {
        const alert = { situation, operationId, receivedAt: T0 };
        const id = dedupeTarget(alert, cases, window);
        const fits = (c: DedupeCandidate) => c.status !== 'closed' && c.situation === situation && c.operationId === operationId && T0.getTime() - c.lastAlertAt.getTime() < window * MIN;
        if (id === null) expect(cases.some(fits)).toBe(false);
        else {
          const chosen = cases.find((c) => c.caseId === id)!;
          expect(fits(chosen)).toBe(true);
          expect(cases.filter(fits).every((c) => c.lastAlertAt.getTime() <= chosen.lastAlertAt.getTime())).toBe(true);
        }
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OperationStatus } from '../platform/db/schema.ts';
import { nextStatus, TERMINAL_STATUSES, type OperationAction } from './operation-rules.ts';

const STATUSES: OperationStatus[] = ['pending_signature', 'held', 'signed', 'cancelled', 'rejected', 'expired'];
const ACTIONS: OperationAction[] = ['sign', 'resend', 'cancel', 'unlock'];

describe('operation state machine', () => {
  it('signs only what waits for a signature and unlocks only what is held', () => {
    expect(nextStatus('pending_signature', 'sign')).toBe('signed');
    expect(nextStatus('held', 'sign')).toBeUndefined();
    expect(nextStatus('held', 'unlock')).toBe('pending_signature');
    expect(nextStatus('pending_signature', 'unlock')).toBeUndefined();
    expect(nextStatus('held', 'cancel')).toBe('cancelled');
  });

  it('any sequence of actions: terminal statuses absorb, and a held operation is never signed before it is unlocked', () => {
    fc.assert(
      fc.property(fc.constantFrom<OperationStatus>('pending_signature', 'held'), fc.array(fc.constantFrom(...ACTIONS), { maxLength: 30 }), (start, actions) => {
        let status = start;
        let unlocked = start === 'pending_signature';
        for (const action of actions) {
          const next = nextStatus(status, action);
          if (TERMINAL_STATUSES.includes(status)) expect(next).toBeUndefined();
          if (next === 'signed') expect(unlocked).toBe(true);
          if (action === 'unlock' && next) unlocked = true;
          if (next) status = next;
          expect(STATUSES).toContain(status);
        }
      }),
    );
  });
});

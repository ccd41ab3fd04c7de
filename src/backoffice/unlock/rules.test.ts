import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Staff } from '../access.ts';
import { approvalRefusal, canSeeRequest, documentMatches, maskSeen, requestRefusal, unlockPlan, UNLOCK_STEPS } from './rules.ts';

const staff = (id: string, role: Staff['role'], officeCode: string | null = null): Staff => ({ id, role, officeCode });
const request = { office_code: '0123', requested_by: 'staff:olga' };

describe('branch unlock rules', () => {
  it('plans exactly the steps the contact centre left something for, in order', () => {
    const block = fc.record({ target: fc.constantFrom('access', 'signature', 'operation', 'card_pin'), origin: fc.constantFrom('contact_centre', 'failed_attempts', 'office', 'fraud_rule') });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), fc.constantFrom('full' as const, 'read_only' as const, null), (blocks, profile) => {
        const plan = unlockPlan({ blocks, profile });
        expect(plan).toEqual(UNLOCK_STEPS.filter((s) => plan.includes(s)));
        expect(plan.includes('lift_cae')).toBe(blocks.some((b) => b.target === 'access' && b.origin === 'contact_centre'));
        expect(plan.includes('lift_signature')).toBe(blocks.some((b) => b.target === 'signature' && b.origin === 'contact_centre'));
        expect(plan.includes('restore_profile')).toBe(profile === 'read_only');
      }),
    );
  });

  it('checks the document seen against the customer’s, written any way people write it', () => {
    const customer = { document_type: 'DNI' as const, document_number: '45123987B' };
    expect(documentMatches(customer, { type: 'DNI', number: '45.123.987-b' })).toBe(true);
    expect(documentMatches(customer, { type: 'DNI', number: '45123987C' })).toBe(false);
    expect(documentMatches(customer, { type: 'NIE', number: '45123987B' })).toBe(false);
    expect(documentMatches(customer, { type: 'DNI', number: '' })).toBe(false);
    expect(maskSeen('45123987B')).toBe('*****987B');
  });

  it('lets only a branch user of the customer’s office ask', () => {
    expect(requestRefusal(staff('olga', 'branch', '0123'), '0123')).toBeNull();
    expect(requestRefusal(staff('jose', 'branch', '8683'), '0123')).toBe('customer_not_found');
    for (const role of ['agent', 'supervisor', 'admin'] as const) expect(requestRefusal(staff('x', role), '0123')).toBe('branch_only');
  });

  it('has a second branch user of the same office or a supervisor approve, never the requester', () => {
    expect(approvalRefusal(staff('olga', 'branch', '0123'), request)).toBe('own_request');
    expect(approvalRefusal(staff('pilar', 'branch', '0123'), request)).toBeNull();
    expect(approvalRefusal(staff('sergio', 'supervisor'), request)).toBeNull();
    expect(approvalRefusal(staff('jose', 'branch', '8683'), request)).toBe('approval_not_allowed');
    expect(approvalRefusal(staff('ana', 'agent'), request)).toBe('approval_not_allowed');
    expect(approvalRefusal(staff('adela', 'admin'), request)).toBe('approval_not_allowed');
    expect(canSeeRequest(staff('jose', 'branch', '8683'), request)).toBe(false);
    expect(canSeeRequest(staff('adela', 'admin'), request)).toBe(true);
    expect(canSeeRequest(staff('ana', 'agent'), request)).toBe(false);
  });
});

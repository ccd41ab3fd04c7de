import { describe, expect, it } from 'vitest';
import { contactPhones, isRegisteredPhone } from './contacts.ts';

describe('customer contact phones', () => {
  it('puts the landline first when there is one (seed 002)', () => {
    expect(contactPhones({ landline: '+34950123456', mobile: '+34600123331' })).toEqual(['+34950123456', '+34600123331']);
    expect(contactPhones({ landline: null, mobile: '+34600123331' })).toEqual(['+34600123331']);
    expect(contactPhones({ landline: '+34950123456', mobile: null })).toEqual(['+34950123456']);
    expect(contactPhones({ landline: null, mobile: null })).toEqual([]);
  });

  it('matches a caller id against mobile and landline in any usual form', () => {
    const c = { landline: '+34950123456', mobile: '+34600123331' };
    expect(isRegisteredPhone(c, '600 12 33 31')).toBe(true);
    expect(isRegisteredPhone(c, '+34 950 12 34 56')).toBe(true);
    expect(isRegisteredPhone(c, '+34600123332')).toBe(false);
    expect(isRegisteredPhone(c, '')).toBe(false);
    expect(isRegisteredPhone(c, undefined)).toBe(false);
    expect(isRegisteredPhone({ landline: null, mobile: null }, '+34600123331')).toBe(false);
  });
});

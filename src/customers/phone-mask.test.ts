import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, phoneEnding } from './mask.ts';
import { normalizePhone, samePhone } from './phone.ts';

describe('phone numbers', () => {
  it('normalises Spanish numbers as people write them', () => {
    expect(normalizePhone('600 12 33 31')).toEqual({ ok: true, e164: '+34600123331', kind: 'mobile' });
    expect(normalizePhone('+34 950 18 33 13')).toEqual({ ok: true, e164: '+34950183313', kind: 'landline' });
    expect(normalizePhone('0034 712 345 678')).toMatchObject({ ok: true, e164: '+34712345678' });
  });
  it('refuses what is not a phone number', () => {
    for (const raw of ['12', 'hola', '', '+34 123']) expect(normalizePhone(raw).ok).toBe(false);
  });
  it('matches caller ids in E.164 and national form', () => {
    expect(samePhone('+34600123331', '600123331')).toBe(true);
    expect(samePhone('+34600123331', '600123332')).toBe(false);
    expect(samePhone(null, '600123331')).toBe(false);
  });
});

describe('masking as seed 001 shows it', () => {
  it('masks an email as sb*****@ebcc.es', () => {
    expect(maskEmail('sbarrios@ebcc.es')).toBe('sb*****@ebcc.es');
    expect(maskEmail('ab@ebcc.es')).toBe('a*****@ebcc.es');
    expect(maskEmail('x@ebcc.es')).toBe('x*****@ebcc.es');
  });
  it('masks a mobile as +34 - 6*****331', () => {
    expect(maskPhone('+34600123331')).toBe('+34 - 6*****331');
    expect(maskPhone('+34712000032')).toBe('+34 - 7*****032');
  });
  it('gives the last digits of a phone', () => {
    expect(phoneEnding('+34612345032')).toBe('032');
  });
});

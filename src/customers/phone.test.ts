import { describe, expect, it } from 'vitest';
import { normalizePhone, samePhone } from './phone.ts';

describe('normalizePhone', () => {
  it('reads Spanish numbers as people write them', () => {
    expect(normalizePhone('600 12 33 31')).toEqual({ ok: true, e164: '+34600123331', kind: 'mobile' });
    expect(normalizePhone('+34 600-123-331')).toEqual({ ok: true, e164: '+34600123331', kind: 'mobile' });
    expect(normalizePhone('950 183 313')).toEqual({ ok: true, e164: '+34950183313', kind: 'landline' });
    expect(normalizePhone('0034 712 345 678')).toMatchObject({ ok: true, e164: '+34712345678' });
  });

  it('keeps the country of an international number', () => {
    expect(normalizePhone('+44 7911 123456')).toEqual({ ok: true, e164: '+447911123456', kind: 'mobile' });
    expect(normalizePhone('07911 123456', 'GB')).toEqual({ ok: true, e164: '+447911123456', kind: 'mobile' });
  });

  it('refuses what is not a valid number', () => {
    for (const raw of ['', '12', 'abc', '+34 123', '500000000000000']) {
      expect(normalizePhone(raw).ok).toBe(false);
    }
  });
});

describe('samePhone', () => {
  it('matches a caller id in E.164 against a number stored nationally, and the reverse', () => {
    expect(samePhone('+34600123331', '600123331')).toBe(true);
    expect(samePhone('600 123 331', '+34600123331')).toBe(true);
  });

  it('does not match different or missing numbers', () => {
    expect(samePhone('+34600123331', '+34600123332')).toBe(false);
    expect(samePhone('+34600123331', null)).toBe(false);
    expect(samePhone(undefined, '+34600123331')).toBe(false);
    expect(samePhone('anonymous', 'anonymous')).toBe(false);
  });
});

describe('normalizePhone keeps its latest answers', () => {
  it('answers a number asked again the same, frozen so no caller can change what others get', () => {
    const first = normalizePhone('600 12 33 31');
    expect(normalizePhone('600 12 33 31')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual({ ok: true, e164: '+34600123331', kind: 'mobile' });
  });

  it('keeps answers apart by default country', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toMatchObject({ ok: true, e164: '+442079460958' });
    expect(normalizePhone('020 7946 0958', 'ES').ok).toBe(false);
  });

  it('still answers right after many other numbers pushed the first ones out', () => {
    for (let i = 0; i < 2500; i++) normalizePhone(`+3460${String(i).padStart(7, '0')}`);
    expect(normalizePhone('600 12 33 31')).toEqual({ ok: true, e164: '+34600123331', kind: 'mobile' });
  });
});

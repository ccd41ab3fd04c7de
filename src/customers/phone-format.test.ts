import { describe, expect, it } from 'vitest';
import { phoneText } from './phone-format.ts';

describe('phone numbers as staff read them', () => {
  it('writes Spanish numbers in the national format: mobiles in threes, landlines and service numbers as libphonenumber groups them', () => {
    expect(phoneText('+34612345331')).toBe('612 345 331');
    expect(phoneText('+34711204562')).toBe('711 204 562');
    expect(phoneText('+34950183313')).toBe('950 18 33 13');
    expect(phoneText('+34950123456')).toBe('950 12 34 56');
    expect(phoneText('+34900101010')).toBe('900 101 010');
    expect(phoneText('+34902102030')).toBe('902 10 20 30');
  });

  it('writes one number the same whichever way it arrives', () => {
    for (const raw of ['+34612345331', '612345331', '612 34 53 31', '0034 612 345 331', ' +34 612-345-331 ']) expect(phoneText(raw)).toBe('612 345 331');
  });

  it('writes foreign numbers in the international format', () => {
    expect(phoneText('+442079460000')).toBe('+44 20 7946 0000');
    expect(phoneText('+33612345678')).toBe('+33 6 12 34 56 78');
  });

  it('gives back what is not a phone number as it was', () => {
    expect(phoneText('')).toBe('');
    expect(phoneText('n/a')).toBe('n/a');
  });
});

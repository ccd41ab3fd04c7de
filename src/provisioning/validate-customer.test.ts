import { describe, expect, it } from 'vitest';
import { validateCustomer } from './validate-customer.ts';
import { CIF, person } from './test-support.ts';

const errorsOf = (raw: unknown) => {
  const result = validateCustomer(raw);
  return result.ok ? [] : result.errors;
};

describe('customer record checks', () => {
  it('normalises a good record', () => {
    const result = validateCustomer(person('C1', { name: '  María   García  ', cards: [{ pan: '4517-8120-0001-2340', pin: '2468', kind: 'credit' }] }));
    expect(result.ok && result.value).toMatchObject({
      name: 'María García',
      mobile: '+34612345331',
      landline: '+34950123456',
      email: 'maria.garcia@example.com',
      locale: 'es',
      representatives: undefined,
      cards: [{ pan: '4517812000012340', last4: '2340', brand: 'visa', kind: 'credit' }],
      devices: [{ externalId: 'dev-1', platform: 'ios', linkedAt: new Date('2026-01-15T08:00:00Z') }],
    });
  });

  it('names every broken field without echoing secrets', () => {
    const errors = errorsOf(
      person('C1', {
        email: 'maria@',
        landline: '612 345 331',
        cards: [{ pan: '4517812000012341', pin: '12' }],
        onlineBanking: { userCode: 'M1', password: 'short' },
        extra: 1,
      }),
    );
    expect(errors).toEqual([
      { field: 'extra', message: 'is not a known field' },
      { field: 'cards.0.pin', message: 'has an invalid format (4 to 12 digits; only the PinVerifier reference is kept)' },
      { field: 'onlineBanking.userCode', message: 'has an invalid format (online-banking user code)' },
      { field: 'onlineBanking.password', message: expect.stringMatching(/fewer than 8/) },
    ]);
    const later = errorsOf(person('C1', { email: 'maria@', landline: '612 345 331', cards: [{ pan: '4517812000012341', pin: '1234' }] }));
    expect(later).toEqual([
      { field: 'landline', message: 'must be a landline or other number, not a mobile number' },
      { field: 'email', message: 'is not a valid email address' },
      { field: 'cards.0.pan', message: 'is not a valid card number (Luhn check failed)' },
    ]);
    expect(JSON.stringify([errors, later])).not.toMatch(/4517812000012341|short/);
  });

  it('matches documents to the kind of customer', () => {
    expect(errorsOf(person('C1', { document: { type: 'CIF', number: CIF } }))).toEqual([{ field: 'document.type', message: 'a person cannot hold a CIF' }]);
    const entity = { externalId: 'E1', kind: 'entity', document: { type: 'DNI', number: '45123987B' }, name: 'X S.L.', officeCode: '0123' };
    expect(errorsOf(entity)).toEqual([{ field: 'document.type', message: 'an entity cannot hold a DNI' }]);
    expect(errorsOf(person('C1', { representatives: ['C2'] }))).toEqual([{ field: 'representatives', message: 'only an entity has representatives' }]);
    expect(errorsOf({ ...entity, document: { type: 'CIF', number: CIF } })).toEqual([]);
  });

  it('refuses a repeated card, a repeated device and a temporary flag without a password', () => {
    const card = { pan: '4517812000012340', pin: '2468' };
    const device = { externalId: 'd', name: 'x', linkedAt: '2026-01-01T00:00:00Z' };
    expect(errorsOf(person('C1', { cards: [card, card], devices: [device, device], onlineBanking: { userCode: 'MGARCIA01', temporary: true } }))).toEqual([
      { field: 'onlineBanking.temporary', message: 'applies only with a password' },
      { field: 'cards.1', message: 'the same card is listed twice' },
      { field: 'devices.1', message: 'the same device is listed twice' },
    ]);
  });

  it('refuses things that are not records', () => {
    expect(errorsOf(null)).toEqual([{ message: expect.any(String) }]);
    expect(errorsOf('x')).toHaveLength(1);
  });
});

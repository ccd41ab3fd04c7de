import { keyedHashPinVerifier } from '../customers/pin-verifier.ts';
import { ManualClock } from '../platform/clock.ts';
import { createKeyedHasher } from '../platform/crypto.ts';
import { createSealer } from '../platform/sealing.ts';
import { testConfig } from '../../test/helpers/db.ts';
import type { ProvisioningDeps } from './apply-context.ts';

/** Helpers for the provisioning tests (imported only by `*.test.ts`). */

export function testDeps(clock = new ManualClock(new Date('2026-01-15T10:00:00Z'))): ProvisioningDeps & { clock: ManualClock } {
  const hasher = createKeyedHasher('a1'.repeat(32));
  return { hasher, pinVerifier: keyedHashPinVerifier(hasher), clock, sealer: createSealer('a1'.repeat(32)), config: testConfig(), actor: 'admin' };
}

export const OFFICE = { code: '0123', name: 'Almería Centro', kind: 'branch', email: 'oficina0123@example.com', phone: '950 210 123' };
export const MANAGER = { id: 'G1', officeCode: '0123', name: 'Rosa Castillo', email: 'rosa@example.com' };

/** A valid person record; override any field. */
export function person(externalId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  // Through JSON, as a record arrives: keys overridden with undefined disappear.
  return JSON.parse(JSON.stringify({
    externalId,
    kind: 'person',
    document: { type: 'DNI', number: '45123987B' },
    name: 'María García López',
    mobile: '612 345 331',
    landline: '950 123 456',
    email: 'Maria.Garcia@Example.com',
    officeCode: '0123',
    managerId: 'G1',
    cards: [{ pan: '4517 8120 0001 2340', pin: '2468' }],
    onlineBanking: { userCode: 'MGARCIA01', password: 'Maria.Demo2026' },
    phoneBanking: { userCode: 'MGARCIAT1', pin: '4071' },
    devices: [{ externalId: 'dev-1', name: 'iPhone', platform: 'ios', linkedAt: '2026-01-15T08:00:00Z' }],
    ...overrides,
  })) as Record<string, unknown>;
}

/** A second valid person, different in every unique field. */
export function otherPerson(externalId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return person(externalId, {
    document: { type: 'DNI', number: '27846513E' },
    name: 'Antonio Martínez Ruiz',
    mobile: '634 902 118',
    landline: undefined,
    email: 'antonio@example.com',
    cards: [{ pan: '4517812000087656', pin: '3690', brand: 'visa', kind: 'debit' }],
    onlineBanking: { userCode: 'AMARTINEZ03', password: 'Antonio.Demo2026' },
    phoneBanking: undefined,
    devices: undefined,
    ...overrides,
  });
}

export const CIF = 'B04512786';

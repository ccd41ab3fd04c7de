import { randomUUID } from 'node:crypto';
import type { Executor } from '../platform/db/database.ts';
import type { Customer, NewCustomer } from '../platform/db/schema.ts';
import type { KeyedHasher } from '../platform/crypto.ts';
import { dniLetter } from './documents.ts';
import { keyedHashPinVerifier, panHash } from './pin-verifier.ts';

/** Test data only: an office and customers inserted straight into a test database. */

/** Inserts a branch office with a random code; returns the code. */
export async function insertOffice(ex: Executor, kind: 'branch' | 'virtual' = 'branch'): Promise<string> {
  const code = String(1000 + Math.floor(Math.random() * 9000)) + randomUUID().slice(0, 4);
  await ex.insertInto('offices').values({ code, name: `Office ${code}`, kind, email: `office-${code}@bank.test` }).execute();
  return code;
}

// Consecutive numbers from a random start: no two fixtures of one process share a DNI (random
// draws did, once in a few thousand seeds: the bench seeds that many callers).
let nextDni = Math.floor(Math.random() * 1e8);

/** A valid DNI that no other fixture of this process uses (consecutive digits from a random start, computed letter). */
export function randomDni(): string {
  const digits = String(nextDni++ % 1e8).padStart(8, '0');
  return digits + dniLetter(digits);
}

/** Inserts a person customer (with its signature row and online-banking user), overridable field by field. */
export async function insertCustomer(ex: Executor, overrides: Partial<NewCustomer> = {}): Promise<Customer> {
  const officeCode = overrides.office_code ?? (await insertOffice(ex));
  const id = overrides.id ?? randomUUID();
  const customer = await ex
    .insertInto('customers')
    .values({
      id,
      external_id: `ext-${id}`,
      kind: 'person',
      document_type: 'DNI',
      document_number: randomDni(),
      name: 'Sara Barrios',
      mobile: '+34600123331',
      landline: null,
      email: 'sbarrios@ebcc.es',
      ...overrides,
      office_code: officeCode,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ex.insertInto('signatures').values({ customer_id: id }).execute();
  await ex.insertInto('online_banking_users').values({ customer_id: id, user_code: `U${id.slice(0, 8)}` }).execute();
  return customer;
}

/** Inserts a card the way provisioning does: last four, keyed hash of the number, PIN reference. */
export async function insertCard(ex: Executor, hasher: KeyedHasher, customerId: string, pan: string, pin: string): Promise<string> {
  const id = randomUUID();
  const hash = panHash(hasher, pan);
  const pinRef = await keyedHashPinVerifier(hasher).enroll(hash, pin);
  await ex.insertInto('cards').values({ id, customer_id: customerId, last4: pan.slice(-4), pan_hash: hash, pin_ref: pinRef }).execute();
  return id;
}

/** A card number ending in `last4` that no other fixture uses (provisioning checks Luhn; the stores do not). */
export function randomPan(last4: string): string {
  return '4' + String(Math.floor(Math.random() * 1e11)).padStart(11, '0') + last4;
}

import { randomInt } from 'node:crypto';
import { createOperation } from '../customers/operations-store.ts';
import { insertCard, insertCustomer, randomPan } from '../customers/test-fixtures.ts';
import { buildApp, type App } from '../http/app.ts';
import type { Database } from '../platform/db/database.ts';
import type { Customer, Operation } from '../platform/db/schema.ts';
import type { Services } from '../platform/services.ts';
import { testServices } from '../../test/helpers/db.ts';
import { DEV_TWILIO_AUTH_TOKEN } from './settings.ts';
import { TestPhone } from './test-phone.ts';

/** Test data and a wired app for the IVR's HTTP tests (imported only by `*.test.ts`). */

export const BASE = 'https://ivr.bank.test';
export const UNLOCK = '+34950183313';

export interface Caller {
  customer: Customer;
  /** The DNI as typed on a keypad: its 8 digits. */
  dniKeys: string;
  mobile: string;
  last4: string;
  pin: string;
  cardId: string;
  held: Operation;
  pending: Operation;
}

/** A customer who can walk every branch: DNI, mobile, email, a card, both users, a held and a pending operation. */
export async function seedCaller(services: Services, overrides: { email?: string | null; mobile?: string | null } = {}): Promise<Caller> {
  const mobile = `+346${String(randomInt(10_000_000, 99_999_999))}`;
  const customer = await insertCustomer(services.db, { mobile, ...overrides });
  await services.db.insertInto('phone_banking_users').values({ customer_id: customer.id, user_code: `T${customer.id.slice(0, 8)}`, pin_hash: null }).execute();
  const last4 = String(randomInt(1000, 9999));
  const pin = String(randomInt(1000, 9999));
  const cardId = await insertCard(services.db, services.hasher, customer.id, randomPan(last4), pin);
  const op = { customerId: customer.id, kind: 'transfer', description: 'Transferencia a ES91 2100 0418 4502 0005 1332', amountCents: 185_000, currency: 'EUR', beneficiary: 'Electro Suministros Levante SL', by: 'test' };
  const held = await createOperation(services.db, services, { ...op, status: 'held', heldReason: 'new beneficiary' });
  const pending = await createOperation(services.db, services, { ...op, status: 'pending_signature' });
  return { customer, dniKeys: customer.document_number.slice(0, 8), mobile, last4, pin, cardId, held, pending };
}

export interface IvrTestApp {
  app: App;
  services: Services & { clock: { advance(ms: number): void } };
  phone(to: string, from: string | null): TestPhone;
  close(): Promise<void>;
}

/** The whole app (the IVR routes are registered with every module) on a migrated database. */
export async function ivrApp(database: Database, overrides: Record<string, unknown> = {}): Promise<IvrTestApp> {
  const services = testServices(database, { publicBaseUrl: BASE, ...overrides });
  const app = await buildApp(services, { logger: false });
  await app.ready();
  return {
    app,
    services,
    phone: (to, from) => new TestPhone(app, { base: BASE, token: DEV_TWILIO_AUTH_TOKEN, to, from }),
    close: () => app.close(),
  };
}

import { randomUUID } from 'node:crypto';
import { insertCustomer } from '../../customers/test-fixtures.ts';
import type { App } from '../../http/app.ts';
import type { Customer } from '../../platform/db/schema.ts';
import { openBank, type Bank } from '../../banking/test-support.ts';
import type { Backend } from '../../../test/helpers/db.ts';
import { StaffFixture } from '../../../test/helpers/staff.ts';
import type { StaffRole } from '../access.ts';
import { signAlert } from '../alerts/auth.ts';
import type { BackofficeTables } from '../schema.ts';

/** Helpers of the alert and case HTTP tests (imported only by `*.test.ts`). */

export const SOURCE = { id: 'fraud-engine', key: 'test-fraud-engine-key-0123456789', hmacSecret: 'test-fraud-engine-hmac-secret-0123456789abcdef' };
export const KEY_ONLY = { id: 'key-only', key: 'test-key-only-source-0123456789ab' };

/** The demo bank (offices 0123, 8683, 8732) with two configured alert sources. */
export function openBackoffice(backend: Backend, overrides: Record<string, unknown> = {}): Promise<Bank> {
  return openBank(backend, { 'backoffice.alertSources': [SOURCE, KEY_ONLY], ...overrides });
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

const reply = (res: { statusCode: number; body: string }): Reply => ({ status: res.statusCode, body: res.body ? JSON.parse(res.body) : {} });

/** Posts an alert with the source's key (or with no credentials, or signed, by `auth`). */
export async function postAlert(app: App, body: Record<string, unknown>, auth: { key?: string; source?: string; signed?: { secret: string; timestamp: number; tamper?: boolean } } = {}): Promise<Reply> {
  const payload = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-alert-source': auth.source ?? SOURCE.id };
  if (auth.signed) {
    headers['x-timestamp'] = String(auth.signed.timestamp);
    headers['x-signature'] = signAlert(auth.signed.secret, String(auth.signed.timestamp), auth.signed.tamper ? payload.replace('}', ' }') : payload);
  } else headers['x-api-key'] = auth.key ?? SOURCE.key;
  return reply(await app.inject({ method: 'POST', url: '/api/alerts', headers, payload }));
}

/**
 * A staff member's client: a real account of that role (and office) with a session opened on
 * first use (test/helpers/staff.ts), so timelines read `staff:<id>`.
 */
export function staffClient(bank: Pick<Bank, 'app' | 'services'>, id = 'ana', role: StaffRole = 'agent', office?: string) {
  let signedIn: Promise<StaffFixture> | undefined;
  const send = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    signedIn ??= StaffFixture.signIn(bank.app, bank.services, { id, role, office: office ?? null });
    const { headers } = await signedIn;
    return reply(await bank.app.inject({ method, url, headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}) }));
  };
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload: unknown = {}) => send('POST', url, payload),
    patch: (url: string, payload: unknown) => send('PATCH', url, payload),
  };
}

/** A fresh customer of a demo office, with no alert or case yet. */
export function freshCustomer(bank: Bank, officeCode = '0123', overrides: Partial<Customer> = {}): Promise<Customer> {
  return insertCustomer(bank.services.db, { office_code: officeCode, external_id: `T-${randomUUID().slice(0, 8)}`, ...overrides });
}

/** An operation of the customer with a fixed reference (the alert names it). */
export async function insertOperation(bank: Bank, customerId: string, reference: string): Promise<string> {
  const id = randomUUID();
  const at = bank.services.clock.now();
  await bank.services.db
    .insertInto('operations')
    .values({ id, reference, customer_id: customerId, kind: 'transfer', description: 'Transferencia de prueba', details: '{}', amount_cents: 120_000, currency: 'EUR', beneficiary: 'Prueba SL', status: 'pending_signature', held_reason: null, created_at: at, updated_at: at })
    .execute();
  return id;
}

export const tables = (bank: Bank) => bank.services.db.withTables<BackofficeTables>();

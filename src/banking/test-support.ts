import { expect } from 'vitest';
import { CSRF_COOKIE, CSRF_HEADER } from '../http/csrf.ts';
import { buildApp, type App } from '../http/app.ts';
import { deliverDue } from '../notify/deliver.ts';
import { testDeliveryDeps } from '../notify/test-support.ts';
import { loadDemoData } from '../demo/load.ts';
import { provisioningDeps } from '../provisioning/deps.ts';
import { freshDatabase, testServices, type Backend, type TestDatabase } from '../../test/helpers/db.ts';
import { SESSION_COOKIE } from './session-routes.ts';

/** Helpers for the online-banking HTTP tests (imported only by `*.test.ts`). */

export type BankingServices = ReturnType<typeof testServices>;

export interface Bank {
  database: TestDatabase;
  services: BankingServices;
  app: App;
  close(): Promise<void>;
}

/** A migrated database with the demo bank and an app over it. */
export async function openBank(backend: Backend, overrides: Record<string, unknown> = {}): Promise<Bank> {
  const database = await freshDatabase(backend);
  const services = testServices(database, overrides);
  await loadDemoData(services.db, provisioningDeps(services, 'system'));
  const app = await buildApp(services, { logger: false });
  await app.ready();
  return { database, services, app, close: async () => { await app.close(); await database.drop(); } };
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** A browser: keeps its cookies, fetches a CSRF token and sends it on every POST. */
export class TestBrowser {
  readonly cookies: Record<string, string> = {};
  private token: string | undefined;
  constructor(protected readonly app: App) {}

  protected keep(res: { cookies: { name: string; value: string; expires?: Date }[] }): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name];
      else this.cookies[c.name] = c.value;
    }
  }

  async csrf(): Promise<string> {
    if (!this.token) {
      const res = await this.app.inject({ url: '/api/csrf', cookies: this.cookies });
      this.keep(res);
      this.token = res.json<{ token: string }>().token;
    }
    return this.token;
  }

  async get(url: string): Promise<Reply> {
    const res = await this.app.inject({ url, cookies: this.cookies });
    this.keep(res);
    return { status: res.statusCode, body: res.body ? res.json() : {} };
  }

  async post(url: string, payload?: Record<string, unknown>, options: { csrf?: boolean } = {}): Promise<Reply> {
    const headers: Record<string, string> = options.csrf === false ? {} : { [CSRF_HEADER]: await this.csrf() };
    if (options.csrf === false) await this.csrf();
    const res = await this.app.inject({ method: 'POST', url, headers, cookies: this.cookies, ...(payload ? { payload } : {}) });
    this.keep(res);
    return { status: res.statusCode, body: res.body ? res.json() : {} };
  }

  async login(userCode: string, password: string): Promise<Reply> {
    return this.post('/api/banking/login', { userCode, password });
  }

  get session(): string | undefined {
    return this.cookies[SESSION_COOKIE];
  }

  static readonly csrfCookie = CSRF_COOKIE;
}

/** Delivers the outbox and returns the newest SMS body queued for `phone` (E.164); a batch is delivered concurrently, so by outbox order. */
export async function lastSms(services: BankingServices, phone: string): Promise<string> {
  await deliverDue(testDeliveryDeps(services));
  const row = await services.db.selectFrom('dev_messages').select('body').where('channel', '=', 'sms').where('recipient', '=', phone).orderBy('outbox_id', 'desc').limit(1).executeTakeFirst();
  expect(row, `an SMS to ${phone}`).toBeDefined();
  return row!.body;
}

/** The code in an SMS (the first run of 6 or more digits). */
export function codeIn(sms: string): string {
  const m = /\b(\d{6,10})\b/.exec(sms);
  expect(m, sms).not.toBeNull();
  return m![1]!;
}

/** The demo customers these tests use (src/demo/demo-data.ts). */
export const MARIA = { userCode: 'MGARCIA01', password: 'Maria.Demo2026', mobile: '+34612345331', externalId: 'DEMO-C001' };
export const CARMEN = { userCode: 'CRUIZ06', password: 'Carmen.Demo2026', mobile: '+34678152093', externalId: 'DEMO-C006' };
export const JAVIER_CAE = { userCode: 'JMORENO05', password: 'Javier.Demo2026', externalId: 'DEMO-C005' };
export const ANTONIO = { userCode: 'AMARTINEZ03', password: 'Antonio.Demo2026', mobile: '+34634902118', externalId: 'DEMO-C003' };
export const LUCIA = { userCode: 'LFERNANDEZ04', password: 'Lucia.Demo2026', mobile: '+34711204562', externalId: 'DEMO-C004' };

export async function customerId(services: BankingServices, externalId: string): Promise<string> {
  return (await services.db.selectFrom('customers').select('id').where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;
}

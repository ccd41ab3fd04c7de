import { randomInt } from 'node:crypto';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Challenge } from 'altcha-lib/types';
import { insertCard, insertCustomer } from '../customers/test-fixtures.ts';
import { buildApp, type App } from '../http/app.ts';
import { deliverDue } from '../notify/deliver.ts';
import { testDeliveryDeps } from '../notify/test-support.ts';
import type { Database } from '../platform/db/database.ts';
import type { Customer } from '../platform/db/schema.ts';
import type { ManualClock } from '../platform/clock.ts';
import type { Services } from '../platform/services.ts';
import { testServices } from '../../test/helpers/db.ts';

/** Test data and a browser-like client for the recovery's HTTP tests (imported only by `*.test.ts`). */

/** A card number that passes Luhn, starting with 4 (Visa-like), 16 digits. */
export function luhnPan(): string {
  const body = '4' + String(randomInt(0, 1e9)).padStart(9, '0') + String(randomInt(0, 1e5)).padStart(5, '0');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

export interface Holder {
  customer: Customer;
  pan: string;
  pin: string;
  cardId: string;
  userCode: string;
}

/** A customer with a mobile, an email, an online-banking user and a card. */
export async function seedHolder(services: Services): Promise<Holder> {
  const mobile = `+346${String(randomInt(10_000_000, 99_999_999))}`;
  const customer = await insertCustomer(services.db, { mobile, email: `c${randomInt(1e6)}@ebcc.es` });
  const pan = luhnPan();
  const pin = String(randomInt(1000, 9999));
  const cardId = await insertCard(services.db, services.hasher, customer.id, pan, pin);
  // User codes are upper case, as provisioning and the login keep them.
  const userCode = `U${customer.id.slice(0, 8).toUpperCase()}`;
  await services.db.updateTable('online_banking_users').set({ user_code: userCode }).where('customer_id', '=', customer.id).execute();
  return { customer, pan, pin, cardId, userCode };
}

/** Solves a challenge as the widget would and returns its payload (base64 JSON). */
export async function solvePayload(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the captcha');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/** One browser: its cookies and CSRF token, on an app built in process. */
export class Browser {
  private cookies = new Map<string, string>();
  private token = '';
  constructor(readonly app: App) {}

  async request(method: 'GET' | 'POST', url: string, body?: object) {
    if (method === 'POST' && !this.token) this.token = (await this.request('GET', '/api/csrf')).json<{ token: string }>().token;
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({ method, url, headers: { ...(cookie ? { cookie } : {}), ...(method === 'POST' ? { 'x-csrf-token': this.token } : {}) }, ...(body ? { payload: body } : {}) });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async captcha(): Promise<string> {
    return solvePayload((await this.request('GET', '/api/recovery/captcha')).json<Challenge>());
  }

  async start(h: Pick<Holder, 'pan' | 'pin'> & { document: string; documentType?: string }, altcha?: string | null) {
    const payload = altcha === undefined ? await this.captcha() : altcha;
    return this.request('POST', '/api/recovery/start', { documentType: h.documentType ?? 'DNI', document: h.document, pan: h.pan, pin: h.pin, ...(payload === null ? {} : { altcha: payload }) });
  }

  confirm(code: string) {
    return this.request('POST', '/api/recovery/confirm', { code });
  }
}

export interface RecoveryTestApp {
  app: App;
  services: Services & { clock: ManualClock };
  logLines: string[];
  browser(): Browser;
  close(): Promise<void>;
}

/** The whole app on a migrated database, logging to memory (to check nothing secret is logged). */
export async function recoveryApp(database: Database, overrides: Record<string, unknown> = {}): Promise<RecoveryTestApp> {
  const services = testServices(database, { logLevel: 'info', 'web.captchaMaxNumber': 1000, ...overrides });
  const logLines: string[] = [];
  const app = await buildApp(services, { logStream: { write: (line) => void logLines.push(line) } });
  await app.ready();
  return { app, services, logLines, browser: () => new Browser(app), close: () => app.close() };
}

/** Delivers what the outbox holds and returns the SMS/emails a recipient got, oldest first. */
export async function delivered(services: Services, to: string): Promise<{ body: string; subject: string | null }[]> {
  await deliverDue(testDeliveryDeps(services));
  return services.db.selectFrom('dev_messages').select(['body', 'subject']).where('recipient', '=', to).orderBy('id').execute();
}

/** The recovery code in the newest SMS to `mobile`. */
export async function smsCode(services: Services, mobile: string): Promise<string> {
  const messages = await delivered(services, mobile);
  const last = messages[messages.length - 1]?.body ?? '';
  const m = /(\d{6,10})/.exec(last);
  if (!m) throw new Error(`no code in the SMS: ${last}`);
  return m[1]!;
}

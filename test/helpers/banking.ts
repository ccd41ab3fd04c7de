import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { setPassword, setProfile } from '../../src/customers/credentials-store.ts';
import { hashPassword } from '../../src/customers/passwords.ts';
import { loadDemoData } from '../../src/demo/load.ts';
import { t, type Locale } from '../../src/i18n/catalogue.ts';
import { DEV_TWILIO_AUTH_TOKEN } from '../../src/ivr/settings.ts';
import { fetchTransport, Softphone } from '../../src/ivr/softphone.ts';
import { deliverDue } from '../../src/notify/deliver.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { testDeliveryDeps } from '../../src/notify/test-support.ts';
import { provisioningDeps } from '../../src/provisioning/deps.ts';
import { CHROMIUM, CHROMIUM_ARGS, seriousViolations, shot } from './browser.ts';

export { seriousViolations };
import { browserBackend } from './db.ts';
import { startWebServer, type WebServer } from './web.ts';

/** Helpers of the online-banking browser tests (test/e2e/banking*.test.ts). */


/** The demo customers the browser tests walk (src/demo/demo-data.ts; docs/demo.md). */
export const DEMO = {
  maria: { userCode: 'MGARCIA01', password: 'Maria.Demo2026', mobile: '+34612345331', dniKeys: '45123987', last4: '2340', pin: '2468', externalId: 'DEMO-C001' },
  james: { userCode: 'JOCONNOR02', password: 'James.Demo2026', mobile: '+34622481907', externalId: 'DEMO-C002' },
  antonio: { userCode: 'AMARTINEZ03', password: 'Antonio.Demo2026', mobile: '+34634902118', externalId: 'DEMO-C003' },
  lucia: { userCode: 'LFERNANDEZ04', password: 'Lucia.Demo2026', mobile: '+34711204562', externalId: 'DEMO-C004' },
  javierCae: { userCode: 'JMORENO05', password: 'Javier.Demo2026', externalId: 'DEMO-C005' },
  david: { userCode: 'DLOPEZ07', password: 'David.Demo2026', externalId: 'DEMO-C007' },
  emma: { userCode: 'ESCHNEIDER08', password: 'Emma.Demo2026', externalId: 'DEMO-C008' },
  carmen: { userCode: 'CRUIZ06', password: 'Carmen.Demo2026', mobile: '+34678152093', dniKeys: '30864172', externalId: 'DEMO-C006' },
} as const;

/** The demo's pending transfer of María: the reference seed 001 shows. */
export const MARIA_PENDING = '23522111';
/** The unlock line of seed 000 (E.164). */
export const UNLOCK_LINE = '+34950183313';

export interface BankingRig {
  server: WebServer;
  browser: Browser;
  close(): Promise<void>;
}

/** A web server on the browser backend with the demo bank loaded, and Chromium; `overrides` set configuration keys. */
export async function openBankingRig(overrides: Record<string, unknown> = {}): Promise<BankingRig> {
  const [server, browser] = await Promise.all([
    startWebServer(browserBackend(), overrides),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
  await loadDemoData(server.services.db, provisioningDeps(server.services, 'system'));
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The rig of a whole browser suite: opened before its tests, closed after them; read it with the getter inside a test. */
export function bankingRigSuite(overrides: Record<string, unknown> = {}): () => BankingRig {
  let rig: BankingRig | undefined;
  beforeAll(async () => {
    rig = await openBankingRig(overrides);
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });
  return () => rig!;
}

/** A fresh browser context and page (own cookies) that records page errors. */
export async function newPage(rig: BankingRig, width = 1100): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await rig.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}


/** Checks the page with axe-core, then saves `test-results/banking-<name>.png`. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await shot(page, `banking-${name}`);
}

/** Delivers the outbox and returns the newest SMS of `template` to `phone`. */
export async function newestSms(rig: BankingRig, phone: string, template: string): Promise<string> {
  const { services } = rig.server;
  await deliverDue(testDeliveryDeps(services));
  const row = await services.db
    .selectFrom('dev_messages as d')
    .innerJoin('outbox as o', 'o.id', 'd.outbox_id')
    .select('d.body')
    .where('d.channel', '=', 'sms')
    .where('d.recipient', '=', phone)
    .where('o.template', '=', template)
    .orderBy('d.outbox_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  expect(row, `an SMS ${template} to ${phone}`).toBeDefined();
  return row!.body;
}

/** The code of an SMS ("Cerrojo: 123456 es tu clave…"): its first run of 6 to 10 digits. */
export function codeOf(sms: string): string {
  const m = /\b(\d{6,10})\b/.exec(sms);
  expect(m, sms).not.toBeNull();
  return m![1]!;
}

/** A call to the server's unlock line from `from`, over the real signed webhooks. */
export function phoneCall(rig: BankingRig, from: string): Softphone {
  return new Softphone(fetchTransport, { base: rig.server.url, token: DEV_TWILIO_AUTH_TOKEN, from, to: UNLOCK_LINE });
}

/** The signing code IVR branch 3.2 reads out ("…es: 1, 2, 3, 4, 5, 6."), from what the line said. */
export function codeReadOut(phone: Softphone): string {
  const said = phone.log.flatMap((h) => h.says.map((s) => s.text)).find((text) => /: ((?:\d, )+\d)\.$/.test(text));
  expect(said, phone.transcript()).toBeDefined();
  return /: ((?:\d, )+\d)\.$/.exec(said!)![1]!.replace(/, /g, '');
}

/** The customer id of a demo customer. */
export async function demoCustomerId(rig: BankingRig, externalId: string): Promise<string> {
  const row = await rig.server.services.db.selectFrom('customers').select('id').where('external_id', '=', externalId).executeTakeFirstOrThrow();
  return row.id;
}

/** Gives a demo customer a temporary password, as the IVR or the web recovery would. */
export async function giveTemporaryPassword(rig: BankingRig, externalId: string, password: string): Promise<void> {
  const { services } = rig.server;
  const expiresAt = new Date(services.clock.now().getTime() + 3_600_000);
  await setPassword(services.db, services, await demoCustomerId(rig, externalId), await hashPassword(password), { temporary: true, expiresAt, by: 'test' });
}

/** Turns a demo customer's profile read-only ("perfil CONSULTAS"). */
export async function makeReadOnly(rig: BankingRig, externalId: string): Promise<void> {
  const { services } = rig.server;
  await setProfile(services.db, services, await demoCustomerId(rig, externalId), 'read_only', 'test');
}

/** Opens the login page and signs in; waits for the next page's heading. */
export async function signIn(page: Page, rig: BankingRig, who: { userCode: string; password: string }, lang: Locale = 'es'): Promise<void> {
  await page.goto(`${rig.server.url}/banking?lang=${lang}`);
  await page.getByLabel(t('web.bank.login.userCode', lang)).fill(who.userCode);
  await page.getByLabel(t('web.bank.login.password', lang), { exact: true }).fill(who.password);
  await page.getByRole('button', { name: t('web.bank.login.submit', lang) }).click();
}

/** The page's one heading, once it reads `text`. */
export async function heading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor({ timeout: 15_000 });
}

/** Moves the server's clock (a ManualClock in tests) forward. */
export function advanceClock(rig: BankingRig, ms: number): void {
  const clock = rig.server.services.clock;
  if (!(clock instanceof ManualClock)) throw new Error('the test server runs on a ManualClock');
  clock.advance(ms);
}

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalogue.ts';
import { randomDni } from '../../src/customers/test-fixtures.ts';
import type { ManualClock } from '../../src/platform/clock.ts';
import { delivered, seedHolder, type Holder } from '../../src/selfservice/test-support.ts';
import { CHROMIUM, CHROMIUM_ARGS, describeBrowser, seriousViolations, shot } from '../helpers/browser.ts';
import { browserBackend } from '../helpers/db.ts';
import { startWebServer, type WebServer } from '../helpers/web.ts';



const es = (id: string, params?: Record<string, string | number>) => t(id, 'es', params);
const heading = (page: Page, id: string) => page.getByRole('heading', { level: 2, name: es(id) });

describeBrowser('web recovery in Chromium (seed 001)', () => {
  let server: WebServer;
  let browser: Browser;
  let clock: ManualClock;

  beforeAll(async () => {
    // A small proof of work, so the widget really solves it in Chromium but quickly.
    [server, browser] = await Promise.all([startWebServer(browserBackend(), { 'web.captchaMaxNumber': 2000 }), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })]);
    clock = server.services.clock as ManualClock;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/recovery`);
    await heading(page, 'recovery.identify.heading').waitFor();
    return { page, errors, close: () => context.close() };
  }

  /** Ticks "No soy un robot" and waits until the widget has solved the proof of work. */
  async function solveCaptcha(page: Page) {
    // By keyboard, as anyone may: focus the box and press Space.
    await page.getByRole('checkbox', { name: es('recovery.captcha.label') }).focus();
    await page.keyboard.press('Space');
    await page.locator('altcha-widget [data-state="verified"]').waitFor({ timeout: 30_000 });
  }

  async function fillIdentify(page: Page, data: { document: string; pan: string; pin: string }) {
    await page.getByLabel(es('recovery.field.documentType')).selectOption('DNI');
    await page.getByLabel(es('recovery.field.document')).fill(data.document);
    await page.getByLabel(es('recovery.field.pan')).fill(data.pan.replace(/(\d{4})(?=\d)/g, '$1 '));
    await page.getByLabel(es('recovery.field.pin')).fill(data.pin);
  }

  async function startFlow(page: Page, h: Holder, document = h.customer.document_number) {
    await fillIdentify(page, { document, pan: h.pan, pin: h.pin });
    await solveCaptcha(page);
    await page.getByRole('button', { name: es('recovery.identify.submit') }).click();
    await heading(page, 'recovery.code.heading').waitFor();
  }

  async function lastCode(mobile: string): Promise<string> {
    const sms = await delivered(server.services, mobile);
    return /(\d{6,10})/.exec(sms[sms.length - 1]!.body)![1]!;
  }

  it('walks the whole recovery: ¡Felicidades!, the forced change signed by SMS, ¡listo!, and a login with the new password; axe-clean', async () => {
    const h = await seedHolder(server.services);
    const { page, errors, close } = await open();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(es('recovery.title'));
    const stepper = page.getByRole('navigation', { name: es('recovery.stepper.label') });
    expect(await stepper.innerText()).toMatch(/1\s*Tu dato[\s\S]*2\s*Confirmación[\s\S]*3\s*Selección confirmada/);
    expect(await page.getByRole('checkbox', { name: es('recovery.captcha.label') }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'recovery-1-identify');

    await startFlow(page, h);
    expect(await page.locator('[aria-current="step"]').innerText()).toContain(es('recovery.stepper.2'));
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'recovery-2-code');

    // Keyboard only from here: type the code and press Enter.
    await page.getByLabel(es('recovery.field.code')).fill(await lastCode(h.customer.mobile!));
    await page.keyboard.press('Enter');
    await heading(page, 'recovery.done.heading').waitFor();
    const done = await page.locator('.recovery-done').innerText();
    expect(done).toContain(es('recovery.done.lead'));
    expect(done).toContain(`+34 - 6*****${h.customer.mobile!.slice(-3)}`);
    expect(done).toContain(`${h.customer.email!.slice(0, 2)}*****@ebcc.es`);
    expect(done).toContain(es('recovery.done.reminder'));
    const access = page.getByRole('link', { name: es('recovery.done.link') });
    expect(await access.getAttribute('href')).toBe('/banking');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'recovery-3-done');

    // The user code came by email, the temporary password by SMS: sign in with them.
    const email = (await delivered(server.services, h.customer.email!))[0]!.body;
    expect(email).toContain(h.userCode);
    const sms = await delivered(server.services, h.customer.mobile!);
    const password = /(?:es|is) ([A-Za-z0-9]{12})\./.exec(sms[sms.length - 1]!.body)![1]!;
    await access.click();
    await page.getByLabel(t('web.bank.login.userCode', 'es')).fill(h.userCode);
    await page.getByLabel(t('web.bank.login.password', 'es')).fill(password);
    await page.getByRole('button', { name: t('web.bank.login.submit', 'es') }).click();
    await page.getByRole('heading', { level: 1, name: t('web.bank.password.title', 'es') }).waitFor();
    await shot(page, 'recovery-4-password-change');

    // Seed 001 steps 5-7: the new password, "Gestión de claves" signed with the SMS code, ¡listo!
    const fresh = 'Olivo-Tranquilo-2841!';
    await page.getByLabel(es('web.bank.password.current')).fill(password);
    await page.getByLabel(es('web.bank.password.new'), { exact: true }).fill(fresh);
    await page.getByLabel(es('web.bank.password.repeat')).fill(fresh);
    await page.getByRole('button', { name: es('web.bank.password.submit') }).click();
    await page.getByRole('heading', { level: 1, name: es('web.bank.sign.title') }).waitFor();
    await expect.poll(() => page.locator('main').innerText()).toContain('Cambio de contraseña de Usuario de Banca Electrónica');
    await shot(page, 'recovery-5-sign');
    await page.getByLabel(es('web.bank.sign.code')).fill(await lastCode(h.customer.mobile!));
    await page.getByRole('button', { name: es('web.bank.sign.accept') }).click();
    await page.getByRole('heading', { level: 1, name: es('web.bank.done.title') }).waitFor();
    await shot(page, 'recovery-6-done');

    // Sign out, and in again with the new password: the temporary one is spent.
    await page.getByRole('link', { name: es('web.bank.done.continue') }).click();
    await page.getByRole('button', { name: es('web.bank.nav.logout') }).click();
    await page.getByRole('heading', { level: 1, name: es('web.bank.login.title') }).waitFor();
    await page.getByLabel(es('web.bank.login.userCode')).fill(h.userCode);
    await page.getByLabel(es('web.bank.login.password')).fill(fresh);
    await page.getByRole('button', { name: es('web.bank.login.submit') }).click();
    await page.getByRole('heading', { level: 1, name: es('web.bank.home.title') }).waitFor();
    await shot(page, 'recovery-7-signed-in');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('gives an unknown document the same page as a known one', async () => {
    const h = await seedHolder(server.services);
    const { page, errors, close } = await open();
    await startFlow(page, h, randomDni());
    const text = await page.locator('.recovery-step').innerText();
    expect(text).toContain(es('recovery.code.intro'));
    expect(await delivered(server.services, h.customer.mobile!)).toHaveLength(0);
    // A wrong code on an unknown flow reads like one on a known flow.
    await page.getByLabel(es('recovery.field.code')).fill('000000');
    await page.getByRole('button', { name: es('recovery.code.submit') }).click();
    await page.getByRole('alert').filter({ hasText: es('recovery.error.invalid_code') }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain(es('recovery.code.attemptsLeft', { n: 2 }));
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it('ends the flow after too many wrong codes, with "start again"', async () => {
    const h = await seedHolder(server.services);
    const { page, errors, close } = await open();
    await startFlow(page, h);
    const code = await lastCode(h.customer.mobile!);
    const wrong = code === '000000' ? '111111' : '000000';
    const max = server.services.config.web.recoveryCodeAttempts;
    for (let i = 1; i < max; i++) {
      await page.getByLabel(es('recovery.field.code')).fill(wrong);
      await page.getByRole('button', { name: es('recovery.code.submit') }).click();
      await page.getByRole('alert').filter({ hasText: max - i === 1 ? es('recovery.code.attemptsLeft.one') : es('recovery.code.attemptsLeft', { n: max - i }) }).waitFor();
    }
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'recovery-2-wrong-code');
    await page.getByLabel(es('recovery.field.code')).fill(wrong);
    await page.getByRole('button', { name: es('recovery.code.submit') }).click();
    await heading(page, 'recovery.tooMany.heading').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'recovery-too-many');
    await page.getByRole('button', { name: es('recovery.startAgain') }).click();
    await heading(page, 'recovery.identify.heading').waitFor();
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it('resumes step 2 on reload, and shows an expired flow once the server clock passed its lifetime', async () => {
    const h = await seedHolder(server.services);
    const { page, errors, close } = await open();
    await startFlow(page, h);
    await page.reload();
    await heading(page, 'recovery.code.heading').waitFor();
    clock.advance((server.services.config.web.recoveryFlowTtlSeconds + 5) * 1000);
    await page.getByLabel(es('recovery.field.code')).fill(await lastCode(h.customer.mobile!));
    await page.getByRole('button', { name: es('recovery.code.submit') }).click();
    await heading(page, 'recovery.expired.heading').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'recovery-expired');
    await page.getByRole('button', { name: es('recovery.startAgain') }).click();
    await heading(page, 'recovery.identify.heading').waitFor();
    expect(errors).toEqual([]);
    await close();
  }, 90_000);

  it('refuses to continue without the captcha, and says why', async () => {
    const h = await seedHolder(server.services);
    const { page, errors, close } = await open();
    await fillIdentify(page, { document: h.customer.document_number, pan: h.pan, pin: h.pin });
    await page.getByRole('button', { name: es('recovery.identify.submit') }).click();
    await page.getByRole('alert').filter({ hasText: es('recovery.error.captcha_missing') }).waitFor();
    expect(await heading(page, 'recovery.identify.heading').count()).toBe(1);
    // A mistyped card number is caught on the page (Luhn), with the field marked.
    await page.getByLabel(es('recovery.field.pan')).fill('4111 1111 1111 1112');
    await page.getByRole('button', { name: es('recovery.identify.submit') }).click();
    await page.getByRole('alert').filter({ hasText: es('recovery.error.invalid_pan') }).waitFor();
    expect(await page.getByLabel(es('recovery.field.pan')).getAttribute('aria-invalid')).toBe('true');
    // Said once, under its field: not again above the button.
    expect(await page.getByText(es('recovery.error.invalid_pan')).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'recovery-1-errors');
    expect(errors).toEqual([]);
    await close();
  }, 60_000);

  it('speaks English, the widget included', async () => {
    const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/recovery?lang=en`);
    await page.getByRole('heading', { level: 2, name: t('recovery.identify.heading', 'en') }).waitFor();
    await page.getByRole('checkbox', { name: t('recovery.captcha.label', 'en') }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'recovery-1-identify-en');
    await context.close();
  }, 60_000);
});

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalogue.ts';
import { ivrText } from '../../src/ivr/text.ts';
import { seedCaller } from '../../src/ivr/test-fixtures.ts';
import { deliverDue } from '../../src/notify/deliver.ts';
import { testDeliveryDeps } from '../../src/notify/test-support.ts';
import { CHROMIUM, CHROMIUM_ARGS, describeBrowser, seriousViolations, shot } from '../helpers/browser.ts';
import { backends } from '../helpers/db.ts';
import { startWebServer, type WebServer } from '../helpers/web.ts';




for (const backend of backends()) {
  describeBrowser(`web phone in Chromium [${backend.name}]`, () => {
    let server: WebServer;
    let browser: Browser;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startWebServer(backend), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })]);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const transcript = (page: Page) => page.locator('[role="log"]').innerText();
    const status = (page: Page) => page.locator('.handset__status');

    /** Presses keys on the keypad, then waits until the line has answered them. */
    async function enter(page: Page, keys: string, via: 'click' | 'keyboard' = 'click') {
      const before = await page.locator('.turn--keys').count();
      const linesBefore = await page.locator('.turn--line').count();
      for (const key of keys) {
        if (via === 'keyboard') await page.keyboard.press(key);
        else await page.locator('.keypad').getByRole('button', { name: key === '#' ? 'almohadilla' : key, exact: true }).click();
      }
      await page.locator('.turn--keys').nth(before).waitFor();
      // The line's answer to these keys, not the status left from the turn before.
      await page.locator('.turn--line').nth(linesBefore).waitFor();
      await page.waitForFunction(
        (texts) => texts.includes(document.querySelector('.handset__status')?.textContent ?? ''),
        [t('web.phone.status.listening', 'es'), t('web.phone.status.ended', 'es')],
      );
    }

    it('walks branch 1.1 from the keypad: the final words, then the SMS on the phone; axe-clean', async () => {
      const c = await seedCaller(server.services);
      await server.services.db.insertInto('blocks').values({ id: crypto.randomUUID(), customer_id: c.customer.id, target: 'access', origin: 'failed_attempts', reason: 'password attempts', created_by: 'system' }).execute();
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/phone`);
      await page.getByLabel(t('web.phone.from', 'es')).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(t('web.face.phone.name', 'es'));
      // The demo customers are offered; this caller is not one of them, so the number is typed.
      expect(await page.locator('#phone-from option').allInnerTexts()).toContain(t('web.phone.caller.mobile', 'es', { name: 'María García López', phone: '612 345 331' }));
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'phone-idle');

      await page.selectOption('#phone-from', 'other');
      await page.getByLabel(t('web.phone.from.typed', 'es')).fill(c.mobile);
      await page.selectOption('#phone-to', '+34950183313');
      await page.getByRole('button', { name: t('web.phone.call', 'es') }).click();
      await page.locator('.turn--line').first().waitFor();
      expect(await transcript(page)).toContain(ivrText('ivr.language.greeting', 'es'));
      await status(page).filter({ hasText: t('web.phone.status.listening', 'es') }).waitFor();

      await enter(page, '1'); // Castellano
      await enter(page, '1'); // user
      await enter(page, '1'); // online banking
      await enter(page, '1'); // DNI
      await enter(page, c.dniKeys, 'keyboard'); // 8 digits: the Gather sends them without #
      await enter(page, c.last4);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'phone-in-call');
      await enter(page, `${c.pin}#`);

      const ending = c.mobile.slice(-3).split('').join(', ');
      expect(await transcript(page)).toContain(ivrText('ivr.onlineBanking.done', 'es', { mobileEnding: ending }));
      expect(await transcript(page)).toContain(t('web.phone.event.lineEnded', 'es'));
      expect(await transcript(page)).toContain(t('web.phone.pressed', 'es', { keys: c.dniKeys }));
      expect(await status(page).innerText()).toBe(t('web.phone.status.ended', 'es'));

      await deliverDue(testDeliveryDeps(server.services));
      const sms = page.locator('.sms__bubble');
      await sms.first().waitFor({ timeout: 10_000 });
      expect(await sms.count()).toBe(1);
      expect(await page.locator('#sms-heading').innerText()).toContain(c.mobile.slice(3, 6));
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'phone-sms');
      expect(errors).toEqual([]);
      await context.close();
    }, 90_000);

    it('speaks English when the page is in English, stays silent on request and hangs up', async () => {
      const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/phone?lang=en`);
      await page.getByLabel(t('web.phone.from', 'en')).waitFor();
      await page.selectOption('#phone-to', '+34950979971');
      await page.getByRole('button', { name: t('web.phone.call', 'en') }).click();
      await status(page).filter({ hasText: t('web.phone.status.listening', 'en') }).waitFor();
      expect(await transcript(page)).toContain(ivrText('ivr.signature.intro', 'en'));
      await page.getByRole('button', { name: t('web.phone.silence', 'en') }).click();
      await page.locator('.turn--silence').waitFor();
      await status(page).filter({ hasText: t('web.phone.status.listening', 'en') }).waitFor();
      expect(await transcript(page)).toContain(ivrText('ivr.reprompt.noInput', 'en'));
      await page.getByRole('button', { name: t('web.phone.hangUp', 'en') }).click();
      expect(await transcript(page)).toContain(t('web.phone.event.hungUp', 'en'));
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'phone-mobile-en');
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);
  });
}

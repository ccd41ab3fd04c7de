import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WEB_PATHS } from '../../src/http/web-paths.ts';
import { t, type Locale } from '../../src/i18n/catalogue.ts';
import { CHROMIUM, CHROMIUM_ARGS, describeBrowser, seriousViolations, shot } from '../helpers/browser.ts';
import { backends } from '../helpers/db.ts';
import { insertDevMessage, PRODUCTION_MODE, startWebServer, type WebServer } from '../helpers/web.ts';


/** The faces the web app serves itself, with the catalogue id of their name on the start page. */
const IN_APP: Record<string, string> = {
  '/recovery': 'web.face.recovery.name',
  '/banking': 'web.face.banking.name',
  '/phone': 'web.face.phone.name',
  '/console': 'web.face.console.name',
  '/dev/messages': 'web.face.messages.name',
};
/** Where a face's first screen has a heading of its own (the sign-in, the recovery's first step). */
const HEADING: Record<string, string> = { '/recovery': 'recovery.title', '/banking': 'web.bank.login.title', '/console': 'console.login.title' };
/** Served by the server, linked from the start page as normal links. */
const SERVER_LINKS = ['/docs', '/healthz', '/readyz', '/metrics'];


const h1 = async (page: Page) => (await page.getByRole('heading', { level: 1 }).innerText()).trim();
const messageItems = (page: Page) => page.locator('ol.messages > li');

for (const backend of backends()) {
  describeBrowser(`web shell in Chromium [${backend.name}]`, () => {
    let server: WebServer;
    let browser: Browser;

    beforeAll(async () => {
      [server, browser] = await Promise.all([
        startWebServer(backend),
        chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
      ]);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function openPage(path: string, viewport = { width: 1200, height: 860 }): Promise<Page> {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      return page;
    }

    it('lists every face on the start page, and each link works', async () => {
      const page = await openPage('/');
      expect(await h1(page)).toBe('Cerrojo');
      expect(await page.title()).toBe('Cerrojo');
      for (const [href, titleId] of Object.entries(IN_APP)) {
        const card = page.locator('.cards > li', { has: page.locator(`a[href="${href}"]`) });
        expect(await card.innerText(), href).toContain(t(titleId.replace('.name', '.summary'), 'es'));
        await card.locator(`a[href="${href}"]`).click();
        await page.waitForURL(`${server.url}${href}`);
        const heading = HEADING[href] ?? titleId;
        // A face may show a loading title first (the banking face while it asks for the session).
        await expect.poll(() => h1(page), { message: href, timeout: 15_000 }).toBe(t(heading, 'es'));
        // The document title names the page (the banking face and the console keep their names over their sign-in steps).
        const title = href === '/banking' || href === '/console' ? titleId : heading;
        // The customer faces are the bank's (issue 15 §4): its name, not the product's, in their title.
        const owner = href === '/recovery' || href === '/banking' ? 'GRUPO CAJAMAR' : 'Cerrojo';
        await expect.poll(() => page.title(), { message: href }).toBe(`${t(title, 'es')} · ${owner}`);
        // A client-side navigation moves focus to the new heading, as a page load would.
        expect(await page.evaluate(() => document.activeElement?.id), href).toBe('page-title');
        await page.goBack();
        expect(await h1(page)).toBe('Cerrojo');
      }
      for (const href of SERVER_LINKS) {
        expect(await page.locator(`main a[href="${href}"]`).count(), href).toBe(1);
        expect((await page.request.get(`${server.url}${href}`)).status(), href).toBe(200);
      }
      expect(await page.locator('main').innerText()).toContain('docs/demo.md');
      await page.context().close();
    }, 60_000);

    it('serves every web path with its own page', async () => {
      const page = await openPage('/');
      for (const path of WEB_PATHS) {
        const res = await page.goto(`${server.url}${path}`);
        expect(res?.status(), path).toBe(200);
        expect(await h1(page), path).not.toBe(t('web.notFound.title', 'es'));
      }
      expect((await page.request.get(`${server.url}/not-a-page`)).status()).toBe(404);
      await page.context().close();
    }, 60_000);

    it('switches language, sets <html lang> and remembers the choice', async () => {
      const page = await openPage('/');
      const lead = page.locator('main .lead');
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      expect(await lead.innerText()).toBe(t('web.home.lead', 'es'));
      await page.getByRole('button', { name: 'English' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      expect(await lead.innerText()).toBe(t('web.home.lead', 'en'));
      expect(await page.getByRole('heading', { level: 2 }).first().innerText()).toBe('The faces of the system');
      expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('false');

      await page.reload();
      await lead.waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await lead.innerText()).toBe(t('web.home.lead', 'en'));

      // ?lang= wins over the remembered choice; switching again drops it from the address.
      await page.goto(`${server.url}/recovery?lang=es`);
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      expect(await h1(page)).toBe('Recuperar contraseña');
      await page.getByRole('button', { name: 'English' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      expect(await h1(page)).toBe('Recover your password');
      expect(await page.title()).toBe('Recover your password · GRUPO CAJAMAR');
      expect(new URL(page.url()).search).toBe('');
      await page.context().close();
    }, 60_000);

    it('is usable with the keyboard: skip link, visible focus, language switch', async () => {
      const page = await openPage('/');
      await page.keyboard.press('Tab');
      const skip = page.locator('.skip-link');
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

      await page.goto(`${server.url}/`);
      const english = page.getByRole('button', { name: 'English' });
      for (let i = 0; i < 10 && !(await english.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
      expect(await english.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.context().close();
    }, 60_000);

    it('shows sent messages newest first as they arrive, and filters them', async () => {
      const page = await openPage('/dev/messages');
      const count = page.locator('.board__count');
      await page.locator('.empty').waitFor();
      expect(await page.locator('.empty').innerText()).toContain(t('web.messages.empty', 'es'));
      expect(await count.getAttribute('aria-live')).toBe('polite');
      await shot(page, 'messages-empty-es');

      const emailBody = 'Hola María:\n\nTu código de usuario es MGARCIA01.\n\nUn saludo.';
      await insertDevMessage(server.services.db, {
        channel: 'email',
        recipient: 'maria.garcia@example.com',
        subject: 'Tu código de usuario',
        body: emailBody,
        template: 'email.user_code',
        deliveredAt: new Date(Date.now() - 60_000),
      });
      await insertDevMessage(server.services.db, {
        channel: 'sms',
        recipient: '+34612345331',
        body: 'Cerrojo: 482913 es tu código para confirmar la recuperación de tus claves. Caduca en 10 min.',
        template: 'sms.code.recovery',
      });
      // Inserted after the page loaded: only the 2-second polling can bring them in.
      await expect.poll(() => messageItems(page).count(), { timeout: 6000 }).toBe(2);
      expect(await count.innerText()).toBe('2 mensajes');
      const [newest, oldest] = [messageItems(page).nth(0), messageItems(page).nth(1)];
      expect(await newest.locator('.channel').innerText()).toBe('SMS');
      expect(await newest.locator('h3').innerText()).toBe('Para +34612345331');
      expect(await newest.locator('.message__body').innerText()).toContain('482913');
      expect(await oldest.locator('.channel').innerText()).toBe('CORREO'); // shown in capitals by CSS
      expect(await oldest.locator('.message__subject').innerText()).toContain('Tu código de usuario');
      expect(await oldest.locator('.message__body').innerText()).toBe(emailBody);
      expect(await oldest.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

      await insertDevMessage(server.services.db, {
        channel: 'sms',
        recipient: '+34622481907',
        body: 'Cerrojo: your online banking password has been changed.',
        template: 'sms.password_changed',
      });
      await page.getByRole('button', { name: 'Actualizar ahora' }).click();
      await expect.poll(() => count.innerText(), { timeout: 6000 }).toBe('3 mensajes');
      await shot(page, 'messages-es');

      // The recipient as a person types it; the server matches it in E.164.
      await page.getByLabel('Destinatario').fill('612 345 331');
      await page.getByLabel('Destinatario').press('Enter');
      await expect.poll(() => messageItems(page).count()).toBe(1);
      expect(await messageItems(page).first().locator('h3').innerText()).toBe('Para +34612345331');
      expect(new URL(page.url()).searchParams.get('to')).toBe('612 345 331');

      await page.getByLabel('Destinatario').fill('nadie@example.com');
      await page.getByRole('button', { name: 'Filtrar', exact: true }).click();
      await page.locator('.empty').waitFor();
      expect(await page.locator('.empty').innerText()).toBe(t('web.messages.empty.filtered', 'es'));

      await page.getByRole('button', { name: 'Quitar filtros' }).click();
      await expect.poll(() => messageItems(page).count()).toBe(3);
      await page.getByLabel('Canal').selectOption('email');
      await expect.poll(() => messageItems(page).count()).toBe(1);
      expect(await messageItems(page).first().innerText()).toContain('maria.garcia@example.com');
      await page.getByLabel('Canal').selectOption('sms');
      await expect.poll(() => messageItems(page).count()).toBe(2);
      await page.context().close();
    }, 60_000);

    it('says plainly when the server is not in dev mode', async () => {
      const production = await startWebServer(backend, PRODUCTION_MODE);
      try {
        const context = await browser.newContext({ viewport: { width: 1200, height: 860 } });
        const page = await context.newPage();
        // Production does not serve the dev tools' pages (issue 14)...
        for (const path of ['/dev/messages', '/phone']) expect((await page.goto(`${production.url}${path}`))?.status(), path).toBe(404);
        // ...and a visitor who reaches the list from the start page is told why it is empty.
        await page.goto(`${production.url}/`);
        await page.locator('main a[href="/dev/messages"]').first().click();
        const notice = page.getByRole('heading', { name: t('web.messages.notDev.title', 'es') });
        await notice.waitFor();
        expect(await page.getByLabel('Destinatario').count()).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
        await shot(page, 'messages-not-dev-es');
        await context.close();
      } finally {
        await production.close();
      }
    }, 60_000);

    it('has no serious or critical axe-core violation on any page, in either language', async () => {
      const page = await openPage('/');
      for (const lang of ['es', 'en'] as Locale[]) {
        for (const path of WEB_PATHS) {
          await page.goto(`${server.url}${path}?lang=${lang}`);
          await page.getByRole('heading', { level: 1 }).waitFor();
          if (path === '/dev/messages') await messageItems(page).first().waitFor();
          expect(await seriousViolations(page), `${path} ${lang}`).toEqual([]);
          const name = path === '/' ? 'start-page' : path.slice(1).replaceAll('/', '-');
          if (path !== '/dev/messages' && (lang === 'es' || path === '/')) await shot(page, `${name}-${lang}`);
        }
      }
      await page.setViewportSize({ width: 390, height: 844 });
      for (const [path, name] of [['/', 'start-page'], ['/dev/messages', 'messages']] as const) {
        await page.goto(`${server.url}${path}?lang=es`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        expect(await seriousViolations(page), `${path} mobile`).toEqual([]);
        await shot(page, `${name}-mobile-es`);
      }
      await page.context().close();
    }, 90_000);
  });
}

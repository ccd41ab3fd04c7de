import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalogue.ts';
import { axeViolations, describeBrowser, shot } from '../helpers/browser.ts';
import { DEMO, openBankingRig, signIn, type BankingRig } from '../helpers/banking.ts';
import { browserBackend } from '../helpers/db.ts';
import { PRODUCTION_MODE, startWebServer, type WebServer } from '../helpers/web.ts';

/**
 * Issue 15 §4: the customer faces are the bank's own. In production the recovery and online
 * banking carry the brand of the configuration (name, logo, colours, help line, security and
 * legal footer), no demo menu and no link to the API documentation, the metrics or the dev and
 * staff faces; 0 axe-core violations of any impact; at 390×844 the first field of "Tu dato" is on
 * the first screen. In dev mode the demo menu is there, folded at the bottom.
 */
const es = (id: string, params?: Record<string, string | number>) => t(id, 'es', params);

const BRAND = {
  name: 'Banco del Poniente',
  helpPhone: '900 100 200',
  primary: '#7a1f2b',
  security: 'Nunca le pediremos sus claves ni sus códigos por teléfono, SMS o correo.',
  legal: 'Banco del Poniente, S.A. Inscrito en el Registro de Entidades del Banco de España con el número 9999.',
};

/** Links a customer page may carry: its own face, the help line and the skip link. */
const CUSTOMER_HREF = /^(#main|tel:\+\d+|\/recovery(\?.*)?|\/banking(\/[a-z]+)?(\?.*)?)$/;

describeBrowser('the customer faces in the bank’s frame', () => {
  let rig: BankingRig;
  let dev: WebServer;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cerrojo-brand-'));
    const logo = join(dir, 'logo.svg');
    writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 24" width="200" height="24"><text x="0" y="19" fill="#ffffff" font-family="Georgia, serif" font-size="19" font-weight="700">Banco del Poniente</text></svg>');
    [rig, dev] = await Promise.all([
      openBankingRig({
        ...PRODUCTION_MODE,
        // Plain http on 127.0.0.1 in the test: the session cookie must come back without TLS.
        'web.secureCookies': false,
        'brand.name': BRAND.name,
        'brand.logo': logo,
        'brand.helpPhone': BRAND.helpPhone,
        'brand.colors.primary': BRAND.primary,
        'brand.security.es': BRAND.security,
        'brand.legal.es': BRAND.legal,
      }),
      startWebServer(browserBackend()),
    ]);
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
    await dev?.close();
  });

  async function open(base: string, path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await rig.browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await page.locator('.bank-footer').waitFor();
    return page;
  }

  /** No demo menu, nothing of the product, only links of the customer's own face. */
  async function expectNothingButTheBank(page: Page): Promise<void> {
    expect(await page.getByRole('navigation', { name: es('brand.demo.label') }).count()).toBe(0);
    expect(await page.locator('.demo-menu, .site-nav, .site-header').count()).toBe(0);
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((href) => !CUSTOMER_HREF.test(href))).toEqual([]);
    expect(await page.locator('body').innerText()).not.toMatch(/Cerrojo|Apache|Simulador|Mensajes enviados/);
    expect(await page.title()).not.toContain('Cerrojo');
  }

  /** The brand of the configuration: logo with the name, section, colours, help line, security and legal lines. */
  async function expectTheBrand(page: Page, section: string): Promise<void> {
    const logo = page.getByRole('img', { name: BRAND.name });
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(200);
    expect(await page.locator('.bank-header__title').innerText()).toMatch(new RegExp(`\\|\\s*${section}$`));
    expect(await page.locator('.bank-header').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(122, 31, 43)');
    const footer = page.getByRole('contentinfo');
    expect(await footer.getByRole('link', { name: '900 100 200' }).getAttribute('href')).toBe('tel:+34900100200');
    expect(await footer.innerText()).toContain(BRAND.security);
    expect(await footer.innerText()).toContain(BRAND.legal);
  }

  it('production: the recovery is the bank’s page, with 0 axe violations, and the first field on a phone’s first screen', async () => {
    const page = await open(rig.server.url, '/recovery');
    await page.getByRole('heading', { level: 2, name: es('recovery.identify.heading') }).waitFor();
    await expectTheBrand(page, es('brand.section.recovery'));
    await expectNothingButTheBank(page);
    expect(await page.title()).toBe(`${es('recovery.title')} · ${BRAND.name}`);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'brand-recovery-production-es');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${rig.server.url}/recovery`);
    const first = page.getByLabel(es('recovery.field.documentType'));
    await first.waitFor();
    const box = (await first.boundingBox())!;
    expect(box.y).toBeGreaterThan(0);
    expect(box.y + box.height, 'the first field of "Tu dato" ends above the fold').toBeLessThanOrEqual(844);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'brand-recovery-mobile-es');
    await page.context().close();
  }, 90_000);

  it('production: the online-banking home shows the accounts and balances in the bank’s frame', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The sign-in page names the bank's own help line, from the brand, not the demo bank's number.
    await page.goto(`${rig.server.url}/banking`);
    await page.getByText(es('web.bank.login.phone', { helpPhone: BRAND.helpPhone })).waitFor();
    expect(await page.locator('main').innerText()).not.toContain('950 183 313');
    await signIn(page, rig, DEMO.maria);
    await page.getByRole('heading', { level: 1, name: es('web.bank.home.title') }).waitFor({ timeout: 15_000 });
    const accounts = page.getByRole('region', { name: es('web.bank.home.accounts') });
    await accounts.getByRole('heading', { level: 3, name: 'Cuenta Nómina' }).waitFor();
    const text = (await accounts.innerText()).replaceAll('\u00a0', ' ');
    for (const shown of ['Cuenta Nómina', 'ES*****4567', '2450,37 €', 'Cuenta Ahorro', 'ES*****6543', '12.800,00 €']) expect(text).toContain(shown);
    expect(text).not.toContain('0001234567');
    // The operations are still there, under the accounts.
    await page.getByRole('region', { name: es('web.bank.home.operations') }).getByRole('table').waitFor();
    await expectTheBrand(page, es('brand.section.banking'));
    await expectNothingButTheBank(page);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'brand-banking-home-production-es');
    await context.close();
  }, 90_000);

  it('production: the API documentation, the metrics and the dev faces are not served at all', async () => {
    for (const path of ['/phone', '/dev/messages', '/metrics', '/docs']) expect((await fetch(`${rig.server.url}${path}`)).status, path).toBe(404);
  });

  it('dev mode: the demo brand of seed 001, and the demo menu folded at the bottom, out of the way', async () => {
    const page = await open(dev.url, '/recovery');
    await page.getByRole('heading', { level: 2, name: es('recovery.identify.heading') }).waitFor();
    expect(await page.getByRole('img', { name: 'GRUPO CAJAMAR' }).count()).toBe(1);
    expect(await page.locator('.bank-header__title').innerText()).toMatch(/\|\s*Recuperar contraseña$/);
    expect(await page.getByRole('contentinfo').getByRole('link', { name: '950 183 313' }).count()).toBe(1);
    const menu = page.getByRole('navigation', { name: es('brand.demo.label') });
    // Folded: its links are not shown until the "Demo" disclosure is opened.
    expect(await menu.locator('a[href="/phone"]').isVisible()).toBe(false);
    const menuBox = (await menu.boundingBox())!;
    const footerBox = (await page.getByRole('contentinfo').boundingBox())!;
    expect(menuBox.y, 'below the footer').toBeGreaterThanOrEqual(footerBox.y + footerBox.height - 1);
    expect(menuBox.height).toBeLessThan(40);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'brand-recovery-dev-es');
    await menu.getByText(es('brand.demo.toggle'), { exact: true }).click();
    for (const href of ['/', '/phone', '/console', '/dev/messages', '/docs', '/metrics']) expect(await menu.locator(`a[href="${href}"]`).isVisible(), href).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'brand-demo-menu-dev-es');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${dev.url}/recovery`);
    const first = page.getByLabel(es('recovery.field.documentType'));
    await first.waitFor();
    const box = (await first.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await page.context().close();
  }, 90_000);
});

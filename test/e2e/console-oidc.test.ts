import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalogue.ts';
import { CHROMIUM, CHROMIUM_ARGS, describeBrowser, seriousViolations, shot } from '../helpers/browser.ts';
import { browserBackend } from '../helpers/db.ts';
import { startWebServer, type WebServer } from '../helpers/web.ts';

/**
 * Staff single sign-on in a real browser (issue 15 §3): the console's sign-in page offers the
 * bank's provider, Chromium goes through a real OpenID provider (`oidc-provider`, started here)
 * and its own login form, and comes back signed in with the role its groups map to. A person
 * with no mapped role is sent back to the sign-in page with the reason in words. Sign-out ends
 * the provider's session too and lands on the console's sign-in page.
 */
const es = (id: string) => t(id, 'es');
const CLIENT = { client_id: 'cerrojo-console', client_secret: 'a-client-secret-for-the-browser-test-0123' };
const people: Record<string, Record<string, unknown>> = {
  'sub-supervisor': { preferred_username: 'marta.sso', name: 'Marta Supervisora', groups: ['cerrojo-supervisors'] },
  'sub-nobody': { preferred_username: 'nadie.sso', name: 'Sin Perfil', groups: ['all-staff'] },
};

/** A port that is free now, so the console's own address (its redirect URI) is known before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describeBrowser('console: staff single sign-on in the browser, against a real OpenID provider', () => {
  let idp: Server;
  let web: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    idp = createServer();
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const port = await freePort();
    const console = `http://127.0.0.1:${port}`;
    const provider = new Provider(issuer, {
      clients: [{ ...CLIENT, redirect_uris: [`${console}/api/staff/oidc/callback`], post_logout_redirect_uris: [`${console}/console`], response_types: ['code'], grant_types: ['authorization_code'] }],
      claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'] },
      cookies: { keys: ['browser-test-cookie-key-0123456789'] },
      pkce: { required: () => true },
      findAccount: (_ctx, id) => (people[id] ? { accountId: id, claims: () => ({ sub: id, ...people[id] }) } : undefined),
    });
    idp.on('request', provider.callback());
    [web, browser] = await Promise.all([
      startWebServer(
        browserBackend(),
        {
          publicBaseUrl: console,
          'console.oidc.issuer': issuer,
          'console.oidc.clientId': CLIENT.client_id,
          'console.oidc.clientSecret': CLIENT.client_secret,
          'console.oidc.roleMap': 'cerrojo-supervisors=supervisor, cerrojo-agents=agent',
          'console.oidc.label': 'Entrar con Keycloak',
          'console.oidc.allowHttp': true,
        },
        port,
      ),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await new Promise<void>((resolve) => (idp ? idp.close(() => resolve()) : resolve()));
  });

  /** The provider's own development login and consent forms, as a person fills them in. */
  async function signInAtProvider(page: Page, subject: string): Promise<void> {
    await page.locator('input[name="login"]').fill(subject);
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    // The consent form, the first time this person signs in to this client.
    await page.waitForURL((url) => url.origin === web.url || /\/interaction\//.test(url.pathname));
    if (new URL(page.url()).origin !== web.url) await page.locator('button[type="submit"]').click();
  }

  it('signs in through the provider with the mapped role, and signs out of both', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${web.url}/console`);
    await page.getByRole('heading', { level: 1, name: es('console.login.title') }).waitFor();
    const sso = page.getByRole('link', { name: 'Entrar con Keycloak' });
    await sso.waitFor();
    // Local accounts stay beside it (console.localLogin defaults to true).
    expect(await page.getByLabel(es('console.login.password'), { exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'console-oidc-login');

    await sso.click();
    await page.waitForURL((url) => url.origin !== web.url);
    await signInAtProvider(page, 'sub-supervisor');
    await page.getByRole('heading', { level: 1, name: es('console.queue.title'), exact: true }).waitFor({ timeout: 15_000 });
    const bar = page.getByRole('banner');
    expect(await bar.innerText()).toContain('Marta Supervisora');
    expect(await bar.innerText()).toContain(es('console.role.supervisor'));
    const me = await page.evaluate(async () => (await fetch('/api/staff/me')).json());
    expect(me.staff).toMatchObject({ id: 'marta.sso', role: 'supervisor' });

    // Sign-out goes through the provider's end-session page and comes back to the sign-in page.
    await bar.getByRole('button', { name: es('console.logout') }).click();
    await page.waitForURL((url) => url.origin !== web.url);
    // The provider asks whether to end its own session too: yes.
    await page.locator('button[name="logout"][value="yes"]').click();
    await page.waitForURL((url) => url.origin === web.url && url.pathname === '/console');
    await page.getByRole('heading', { level: 1, name: es('console.login.title') }).waitFor({ timeout: 15_000 });
    expect((await page.evaluate(async () => (await fetch('/api/staff/me')).status))).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('sends a person with no mapped role back to the sign-in page, with the reason in words', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${web.url}/console`);
    await page.getByRole('link', { name: 'Entrar con Keycloak' }).click();
    await page.waitForURL((url) => url.origin !== web.url);
    await signInAtProvider(page, 'sub-nobody');
    await page.getByRole('heading', { level: 1, name: es('console.login.title') }).waitFor({ timeout: 15_000 });
    await page.getByText(es('staff.error.oidc_no_role')).waitFor();
    expect((await page.evaluate(async () => (await fetch('/api/staff/me')).status))).toBe(401);
    await context.close();
  }, 120_000);
});

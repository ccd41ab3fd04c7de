import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalogue.ts';
import { describeBrowser } from '../helpers/browser.ts';
import {
  advanceClock,
  checkAndShoot,
  codeOf,
  codeReadOut,
  DEMO,
  giveTemporaryPassword,
  heading,
  makeReadOnly,
  MARIA_PENDING,
  newestSms,
  newPage,
  openBankingRig,
  phoneCall,
  signIn,
  type BankingRig,
} from '../helpers/banking.ts';

const es = (id: string, params?: Record<string, string | number>) => t(id, 'es', params);

/** Fills the "Clave" field of "Gestión de claves" and presses "Aceptar". */
async function enterSigningCode(page: Page, code: string) {
  await page.getByLabel(`${es('web.bank.sign.code')}:`).fill(code);
  await page.getByRole('button', { name: es('web.bank.sign.accept'), exact: true }).click();
}

/** The reference the signing or held page shows for its operation. */
async function shownReference(page: Page): Promise<string> {
  const text = await page.locator('dd.bank-ref').innerText();
  expect(text).toMatch(/^\d{8}$/);
  return text;
}

describeBrowser('online banking in Chromium (seed 001 and the IVR links)', () => {
  let rig: BankingRig;
  beforeAll(async () => {
    rig = await openBankingRig();
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('temporary password → forced change with the live meter → Gestión de claves signed by SMS → ¡listo! → login with the new password', async () => {
    const who = DEMO.antonio;
    await giveTemporaryPassword(rig, who.externalId, 'Tmp-48213');
    const { context, page, errors } = await newPage(rig);

    await page.goto(`${rig.server.url}/banking`);
    await heading(page, es('web.bank.login.title'));
    expect(await page.getByRole('link', { name: es('web.bank.login.recovery') }).getAttribute('href')).toBe('/recovery');
    await checkAndShoot(page, 'login');

    await signIn(page, rig, { userCode: who.userCode, password: 'Tmp-48213' });
    await heading(page, es('web.bank.password.title'));
    expect(page.url()).toContain('/banking/password');
    expect(await page.locator('.bank-customer-name').innerText()).toMatch(/antonio martínez ruiz/i);
    await expect.poll(() => page.locator('main').innerText()).toContain(es('web.bank.password.advice2'));

    // The meter, in a polite live region tied to the field.
    const meter = page.locator('#pw-strength');
    expect(await meter.getAttribute('aria-live')).toBe('polite');
    expect(await page.getByLabel(es('web.bank.password.new'), { exact: true }).getAttribute('aria-describedby')).toContain('pw-strength');
    await page.getByLabel(es('web.bank.password.current')).fill('Tmp-48213');
    await page.getByLabel(es('web.bank.password.new'), { exact: true }).fill('password');
    await expect.poll(() => meter.innerText(), { timeout: 15_000 }).toContain(es('web.bank.strength.value', { level: es('web.bank.strength.0') }));
    await checkAndShoot(page, 'password-weak');

    // A weak one is refused by the server with its reason, under the field.
    await page.getByLabel(es('web.bank.password.repeat')).fill('password');
    await page.getByRole('button', { name: es('web.bank.password.submit') }).click();
    await page.locator('#pw-new-error[role="alert"]').waitFor();
    expect(await page.locator('#pw-new-error').innerText()).toContain(es('banking.error.too_common'));

    const fresh = 'Almendro-Verde-7319!';
    await page.getByLabel(es('web.bank.password.current')).fill('Tmp-48213');
    await page.getByLabel(es('web.bank.password.new'), { exact: true }).fill(fresh);
    await page.getByLabel(es('web.bank.password.repeat')).fill(fresh);
    await expect.poll(() => meter.innerText(), { timeout: 15_000 }).toBe(es('web.bank.strength.value', { level: es('web.bank.strength.4') }));
    await checkAndShoot(page, 'password-strong');
    await page.getByRole('button', { name: es('web.bank.password.submit') }).click();

    // Gestión de claves: the operation, the phone ending, Cancelar/Aceptar and the phone fallback.
    await heading(page, es('web.bank.sign.title'));
    const main = page.locator('main');
    await expect.poll(() => main.innerText()).toContain('Cambio de contraseña de Usuario de Banca Electrónica');
    const reference = await shownReference(page);
    const text = await main.innerText();
    expect(text).toContain(es('web.bank.sign.data'));
    expect(text).toContain(es('web.bank.sign.prompt', { ending: who.mobile.slice(-3) }));
    expect(text).toContain(es('web.bank.sign.fallback', { phone: '950 183 313', reference }));
    expect(await page.getByRole('button', { name: es('web.bank.sign.cancel'), exact: true }).isVisible()).toBe(true);
    await checkAndShoot(page, 'signing-password');

    const code = codeOf(await newestSms(rig, who.mobile, 'sms.signing_code'));
    await enterSigningCode(page, code);
    await heading(page, es('web.bank.done.title'));
    expect(await page.locator('[role="status"]').first().innerText()).toContain(es('web.bank.done.password'));
    await checkAndShoot(page, 'done');
    expect(await newestSms(rig, who.mobile, 'sms.password_changed')).toContain('contraseña');

    // The session is now a normal one: home, then sign out and in with the new password.
    await page.getByRole('link', { name: es('web.bank.done.continue') }).click();
    await heading(page, es('web.bank.home.title'));
    await page.getByRole('button', { name: es('web.bank.nav.logout') }).click();
    await heading(page, es('web.bank.login.title'));
    expect(await page.locator('[role="status"]').innerText()).toContain(es('web.bank.notice.loggedOut'));

    await signIn(page, rig, { userCode: who.userCode, password: 'Tmp-48213' });
    await page.locator('.bank-error[role="alert"]').waitFor();
    expect(await page.locator('.bank-error').innerText()).toBe(es('banking.error.invalid_credentials'));
    await signIn(page, rig, { userCode: who.userCode, password: fresh });
    await heading(page, es('web.bank.home.title'));
    await checkAndShoot(page, 'home');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the signing code read out by IVR branch 3.2, for the reference shown on the page, signs the operation', async () => {
    const who = DEMO.maria;
    const { context, page, errors } = await newPage(rig);
    await signIn(page, rig, who);
    await heading(page, es('web.bank.home.title'));
    const row = page.locator(`tr[data-reference="${MARIA_PENDING}"]`);
    expect(await row.innerText()).toContain(es('web.bank.status.pending_signature'));
    await row.getByRole('link').click();
    await heading(page, es('web.bank.sign.title'));
    const reference = await shownReference(page);
    expect(reference).toBe(MARIA_PENDING);
    expect(await page.locator('main').innerText()).toContain('Inmobiliaria Almeriense SL');

    // The customer calls 950 183 313 from the registered mobile: 1 Castellano, 3 other, 2 SMS code.
    const phone = phoneCall(rig, who.mobile);
    await phone.dial();
    await phone.walk(['1', '3', '2', '1', who.dniKeys, reference, who.last4, who.pin]);
    const code = codeReadOut(phone);
    await enterSigningCode(page, code);
    await heading(page, es('web.bank.done.title'));
    expect(await page.locator('main').innerText()).toContain(es('web.bank.done.operation', { reference }));
    await checkAndShoot(page, 'signed-by-ivr-code');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('a held transfer is released with the unlock code of IVR branch 2, then signed', async () => {
    const who = DEMO.maria;
    const { context, page, errors } = await newPage(rig);
    await signIn(page, rig, who);
    await heading(page, es('web.bank.home.title'));
    await page.getByRole('link', { name: es('web.bank.nav.transfer') }).click();
    await heading(page, es('web.bank.transfer.title'));
    await checkAndShoot(page, 'transfer');

    // A wrong IBAN is refused under its field; then 1 500 € to a beneficiary never paid is held.
    await page.getByLabel(es('web.bank.transfer.iban'), { exact: true }).fill('ES00 1234 5678 9012 3456 7890');
    await page.getByLabel(es('web.bank.transfer.beneficiary'), { exact: true }).fill('Talleres Indalo SL');
    await page.getByLabel(es('web.bank.transfer.amount'), { exact: true }).fill('1.500,00');
    await page.getByRole('button', { name: es('web.bank.transfer.submit') }).click();
    await page.locator('#tr-iban-error[role="alert"]').waitFor();
    expect(await page.locator('#tr-iban-error').innerText()).toContain(es('banking.error.invalid_iban'));
    await page.getByLabel(es('web.bank.transfer.iban'), { exact: true }).fill('ES91 2100 0418 4502 0005 1332');
    await page.getByRole('button', { name: es('web.bank.transfer.submit') }).click();

    await heading(page, es('web.bank.held.title'));
    const reference = await shownReference(page);
    const text = await page.locator('main').innerText();
    expect(text).toContain(es('web.bank.held.howTo', { phone: '950 183 313', reference }));
    expect(text).toContain('Talleres Indalo SL');
    await checkAndShoot(page, 'held');

    // IVR branch 2: 1 Castellano, 2 blocked operation, DNI, the reference → unlock code by SMS.
    const phone = phoneCall(rig, who.mobile);
    await phone.dial();
    await phone.walk(['1', '2', '1', who.dniKeys, reference]);
    const unlock = codeOf(await newestSms(rig, who.mobile, 'sms.unlock_code'));
    await page.getByLabel(es('web.bank.held.code')).fill(unlock);
    await page.getByRole('button', { name: es('web.bank.held.submit') }).click();

    await heading(page, es('web.bank.sign.title'));
    expect(await page.locator('main').innerText()).toContain(es('web.bank.held.released'));
    const sms = await newestSms(rig, who.mobile, 'sms.signing_code');
    expect(sms).toContain('Talleres Indalo SL');
    expect(sms).toContain(reference);
    await enterSigningCode(page, codeOf(sms));
    await heading(page, es('web.bank.done.title'));
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('a code issued for one operation does not sign another (PSD2 dynamic linking)', async () => {
    const who = DEMO.maria;
    const { context, page, errors } = await newPage(rig);
    await signIn(page, rig, who);
    await heading(page, es('web.bank.home.title'));

    /** A small transfer to the beneficiary María paid before: not held, waiting for its code. */
    async function transfer(amount: string): Promise<{ reference: string; code: string }> {
      await page.goto(`${rig.server.url}/banking/transfer`);
      await heading(page, es('web.bank.transfer.title'));
      await page.getByLabel(es('web.bank.transfer.iban'), { exact: true }).fill('ES79 2100 0813 6101 2345 6789');
      await page.getByLabel(es('web.bank.transfer.beneficiary'), { exact: true }).fill('Inmobiliaria Almeriense SL');
      await page.getByLabel(es('web.bank.transfer.amount'), { exact: true }).fill(amount);
      await page.getByRole('button', { name: es('web.bank.transfer.submit') }).click();
      await heading(page, es('web.bank.sign.title'));
      const reference = await shownReference(page);
      const sms = await newestSms(rig, who.mobile, 'sms.signing_code');
      expect(sms).toContain(reference);
      return { reference, code: codeOf(sms) };
    }

    const first = await transfer('40,00');
    const second = await transfer('45,50');
    expect(second.reference).not.toBe(first.reference);
    await enterSigningCode(page, first.code);
    const alert = page.locator('#sign-code-error[role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(es('banking.error.invalid_code'));
    expect(await alert.innerText()).toMatch(/Le quedan? \d+ intentos?/);
    await checkAndShoot(page, 'wrong-code');
    expect(await page.locator('main').innerText()).not.toContain(es('web.bank.done.title'));

    // "Enviar otra clave": refused right after the first SMS, sent 30 s later; the new code signs.
    const resend = page.getByRole('button', { name: es('web.bank.sign.resend') });
    await resend.click();
    await expect.poll(() => page.locator('.bank-message[role="alert"]').innerText()).toBe(es('banking.error.resend_too_soon'));
    advanceClock(rig, 31_000);
    await resend.click();
    await expect.poll(() => page.locator('.bank-message[role="status"]').innerText()).toBe(es('web.bank.sign.resent', { ending: '331' }));
    const resent = codeOf(await newestSms(rig, who.mobile, 'sms.signing_code'));
    await enterSigningCode(page, resent);
    await heading(page, es('web.bank.done.title'));

    // The first transfer is cancelled from its page ("Cancelar").
    await page.goto(`${rig.server.url}/banking/operation?ref=${first.reference}`);
    await heading(page, es('web.bank.sign.title'));
    await page.getByRole('button', { name: es('web.bank.sign.cancel'), exact: true }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain(es('web.bank.sign.cancelled', { reference: first.reference }));
    await checkAndShoot(page, 'cancelled');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('after 5 minutes without activity the next action shows the session-ended notice on the login page', async () => {
    const { context, page, errors } = await newPage(rig);
    await signIn(page, rig, DEMO.carmen);
    await heading(page, es('web.bank.home.title'));
    // The held demo operation is on her list with its reference.
    expect(await page.locator('tr[data-reference="40718235"]').innerText()).toContain(es('web.bank.status.held'));

    advanceClock(rig, 301_000);
    await page.getByRole('link', { name: es('web.bank.nav.devices') }).click();
    await heading(page, es('web.bank.login.title'));
    expect(new URL(page.url()).pathname).toBe('/banking');
    expect(await page.locator('[role="status"]').innerText()).toBe(es('web.bank.notice.expired', { minutes: 5 }));
    await checkAndShoot(page, 'session-expired');

    // Signing in again works and opens a new session.
    await signIn(page, rig, DEMO.carmen);
    await heading(page, es('web.bank.home.title'));
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('a read-only profile sees its operations and a notice, and no way to operate', async () => {
    await makeReadOnly(rig, DEMO.lucia.externalId);
    const { context, page, errors } = await newPage(rig);
    await signIn(page, rig, DEMO.lucia);
    await heading(page, es('web.bank.home.title'));
    expect(await page.locator('main').innerText()).toContain(es('web.bank.home.readOnly.body'));
    expect(await page.getByRole('link', { name: es('web.bank.nav.transfer') }).count()).toBe(0);
    await checkAndShoot(page, 'read-only');
    await page.goto(`${rig.server.url}/banking/transfer`);
    await heading(page, es('web.bank.transfer.title'));
    await expect.poll(() => page.locator('main').innerText()).toContain(es('web.bank.transfer.readOnly'));
    expect(await page.getByLabel(es('web.bank.transfer.iban'), { exact: true }).count()).toBe(0);
    await checkAndShoot(page, 'read-only-transfer');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('login refusals: wrong password, and the contact-centre block that sends the customer to the branch', async () => {
    const { context, page, errors } = await newPage(rig, 420);
    // A blocked account compares no password: any password is told to visit the branch.
    await signIn(page, rig, { userCode: DEMO.javierCae.userCode, password: 'not-his-password' });
    const alert = page.locator('.bank-error[role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toBe(es('banking.error.visit_branch'));
    await signIn(page, rig, DEMO.javierCae);
    await expect.poll(() => alert.innerText()).toBe(es('banking.error.visit_branch'));
    expect(new URL(page.url()).pathname).toBe('/banking');
    await checkAndShoot(page, 'visit-branch');

    // The attempt that reaches the limit blocks access: the page points to recovery and the phone line.
    for (let i = 0; i < 5; i++) await signIn(page, rig, { userCode: DEMO.emma.userCode, password: `wrong-${i}` }).then(() => alert.waitFor());
    await expect.poll(() => alert.innerText()).toBe(es('banking.error.access_blocked', { helpPhone: '950 183 313' }));
    expect(await page.getByRole('link', { name: es('web.bank.login.recoveryLink') }).getAttribute('href')).toBe('/recovery');
    await signIn(page, rig, DEMO.emma);
    await expect.poll(() => alert.innerText()).toBe(es('banking.error.access_blocked', { helpPhone: '950 183 313' }));
    await checkAndShoot(page, 'access-blocked');

    // A temporary password past its expiry opens nothing; the page points to recovery again.
    await giveTemporaryPassword(rig, DEMO.david.externalId, 'Tmp-90817');
    advanceClock(rig, 3_601_000);
    await signIn(page, rig, { userCode: DEMO.david.userCode, password: 'Tmp-90817' });
    await expect.poll(() => alert.innerText()).toBe(es('banking.error.temporary_expired'));
    expect(await page.getByRole('link', { name: es('web.bank.login.recoveryLink') }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('links a mobile-signature device with the SMS code, in English', async () => {
    const who = DEMO.james;
    const en = (id: string, params?: Record<string, string | number>) => t(id, 'en', params);
    const { context, page, errors } = await newPage(rig);
    await signIn(page, rig, who, 'en');
    await heading(page, en('web.bank.home.title'));
    await page.getByRole('link', { name: en('web.bank.nav.devices') }).click();
    await heading(page, en('web.bank.devices.title'));
    await page.getByLabel(en('web.bank.devices.deviceName')).fill('Pixel 8 de James');
    await page.getByRole('button', { name: en('web.bank.devices.submit') }).click();
    await page.getByRole('heading', { name: en('web.bank.devices.confirm.title', { name: 'Pixel 8 de James' }) }).waitFor();
    await expect.poll(() => page.locator('.bank-table').innerText()).toContain(en('web.bank.devices.status.pending'));
    await checkAndShoot(page, 'device-confirm');
    const code = codeOf(await newestSms(rig, who.mobile, 'sms.device_link_code'));
    await page.getByLabel(en('web.bank.devices.confirm.code')).fill(code);
    await page.getByRole('button', { name: en('web.bank.devices.confirm.submit') }).click();
    await page.getByText(en('web.bank.devices.linked', { name: 'Pixel 8 de James' })).waitFor();
    await expect.poll(() => page.locator('.bank-table').innerText()).toContain(en('web.bank.devices.status.linked'));
    await checkAndShoot(page, 'devices');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});

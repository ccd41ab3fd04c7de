import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BackofficeTables } from '../../src/backoffice/schema.ts';
import { t } from '../../src/i18n/catalogue.ts';
import { describeBrowser } from '../helpers/browser.ts';
import { newPage, openBankingRig, type BankingRig } from '../helpers/banking.ts';
import { checkAndShoot, detailWords, es, openCaseOf, signInStaff, situationWords, STAFF } from '../helpers/console.ts';

/**
 * The console as its own application at 1440×900 (issue 15 "The agent's workspace"): its own
 * frame without the public site's header and menu, situations and alert details in words, phone
 * numbers in one national format, and report charts whose labels are never cut.
 */
const MARIA = 'María García López';
/** An owner whose name is one long word: a chart label that only fits if it wraps. */
const LONG_OWNER = 'staff:supervisora.de.guardia.del.centro.de.atencion.de.almeria.y.poniente';

/** Nothing of the public site's frame: no header, menu or footer, no link to its dev faces. */
async function expectNoPublicFrame(page: Page): Promise<void> {
  expect(await page.locator('.site-header, .site-nav, .site-footer').count()).toBe(0);
  for (const face of ['phone', 'messages', 'recovery', 'banking']) expect(await page.getByRole('link', { name: es(`web.face.${face}.name`) }).count(), face).toBe(0);
  expect(await page.getByText(es('web.face.phone.name')).count()).toBe(0);
  expect(await page.getByText(es('web.face.messages.name')).count()).toBe(0);
}

describeBrowser('the console as its own application (1440×900)', () => {
  let rig: BankingRig;
  beforeAll(async () => {
    rig = await openBankingRig();
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('has its own frame: product, pages, the person and role, language and sign-out; no public header or menu', async () => {
    const { context, page, errors } = await newPage(rig, 1440);
    await page.goto(`${rig.server.url}/console`);
    await page.getByRole('heading', { level: 1, name: es('console.login.title') }).waitFor();
    await expectNoPublicFrame(page);
    expect(await page.getByRole('banner').innerText()).toContain(es('web.face.console.name'));

    await signInStaff(page, rig, STAFF.agent);
    await expectNoPublicFrame(page);
    const bar = page.getByRole('banner');
    const text = await bar.innerText();
    expect(text).toContain('Ana Agente');
    expect(text).toContain(es('console.role.agent'));
    expect(await bar.getByRole('navigation', { name: es('console.nav.label') }).getByRole('link', { name: es('console.nav.queue') }).count()).toBe(1);
    expect(await bar.getByRole('button', { name: es('console.logout') }).count()).toBe(1);
    expect(await bar.getByRole('group', { name: es('web.lang.label') }).count()).toBe(1);
    // The skip link leads to the console's own main.
    expect(await page.locator('a.skip-link[href="#main"]').count()).toBe(1);
    expect(await page.locator('main#main').count()).toBe(1);
    await checkAndShoot(page, 'app-queue');

    // The language switch in the console's bar turns the console to English.
    await bar.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: t('console.queue.title', 'en') }).waitFor();
    await page.locator('table.console-table', { hasText: situationWords('transfer_unusual_access', 'en') }).waitFor({ timeout: 15_000 });
    await bar.getByRole('button', { name: 'Español' }).click();

    await bar.getByRole('button', { name: es('console.logout') }).click();
    await page.getByRole('heading', { level: 1, name: es('console.login.title') }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows situations and alert details in words, the key only in the title, and phone numbers in one national format', async () => {
    const { context, page, errors } = await newPage(rig, 1440);
    await signInStaff(page, rig, STAFF.agent);
    const queue = page.locator('table.console-table');
    await queue.locator('tbody tr').first().waitFor({ timeout: 15_000 });
    const queueText = await queue.innerText();
    for (const key of ['transfer_unusual_access', 'login_new_location', 'beneficiary_added', 'device_linked_then_access']) {
      expect(queueText).toContain(situationWords(key));
      expect(queueText).not.toContain(key);
    }

    await openCaseOf(page, MARIA, 'transfer_unusual_access');
    const summary = page.locator('.console-summary');
    const situation = summary.locator('.console-facts .console-situation').first();
    expect(await situation.innerText()).toBe(situationWords('transfer_unusual_access'));
    expect(await situation.getAttribute('title')).toBe('transfer_unusual_access');
    const terms = await page.locator('.console-alerts dt').allInnerTexts();
    expect(terms).toEqual(expect.arrayContaining([detailWords('ip'), detailWords('country'), detailWords('summary'), detailWords('reference')]));
    expect(terms).not.toContain('ip');
    expect(await page.locator('.console-alerts dt[title="ip"]').count()).toBe(1);
    // A country code reads as its name.
    expect(await page.locator('.console-alerts').innerText()).toContain('Países Bajos (NL)');
    // The timeline names the alert's situation in words too.
    await page.locator('.console-timeline', { hasText: situationWords('transfer_unusual_access') }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain('transfer_unusual_access');

    // María's landline and mobile: the customer panel and the contact panel say them one way.
    await page.locator('.console-phones .console-number').first().waitFor({ timeout: 15_000 });
    const numbers = await page.locator('.console-phones .console-number').allInnerTexts();
    expect(numbers.length).toBeGreaterThanOrEqual(4);
    expect(new Set(numbers)).toEqual(new Set(['950 12 34 56', '612 345 331']));
    expect(await page.locator('input[name="attempt-phone"]:checked').locator('..').innerText()).toContain('950 12 34 56');
    const main = await page.locator('main').innerText();
    expect(main).not.toContain('+34950123456');
    expect(main).not.toContain('612 34 53 31');
    await checkAndShoot(page, 'app-case-words');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('draws report charts whose labels are never cut, however long', async () => {
    const { db } = rig.server.services;
    const customer = await db.selectFrom('customers').select('id').where('external_id', '=', 'DEMO-C006').executeTakeFirstOrThrow();
    const closed = rig.server.services.clock.now();
    await db
      .withTables<BackofficeTables>()
      .insertInto('cases')
      .values({
        id: randomUUID(), kind: 'alert', customer_id: customer.id, situation: 'login_new_location', operation_id: null, status: 'closed', pending_reason: null,
        queue: 'contact_centre', owner: LONG_OWNER, category: 'fraud/operation_alert/confirmed', main_case_id: null, outcome: 'confirmed',
        closing_comment: 'Gestión realizada.', opened_at: new Date(closed.getTime() - 3_600_000), updated_at: closed, closed_at: closed,
      })
      .execute();

    const { context, page, errors } = await newPage(rig, 1440);
    await signInStaff(page, rig, STAFF.supervisor);
    await expectNoPublicFrame(page);
    await page.getByRole('link', { name: es('console.nav.reports') }).click();
    const labels = page.locator('.chart__bar-label');
    await labels.first().waitFor({ timeout: 15_000 });

    // Every bar label shows its whole text: nothing overflows its box, nothing is ellipsed.
    const boxes = await labels.evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? '', scroll: el.scrollWidth, client: el.clientWidth, cut: getComputedStyle(el).textOverflow === 'ellipsis' })));
    expect(boxes.length).toBeGreaterThan(5);
    for (const box of boxes) {
      expect(box.scroll, box.text).toBeLessThanOrEqual(box.client);
      expect(box.cut, box.text).toBe(false);
      expect(box.text).not.toMatch(/…$/);
    }
    expect(boxes.map((b) => b.text)).toContain(LONG_OWNER.slice('staff:'.length));
    // The long label wraps inside its chart rather than widening it.
    const long = labels.filter({ hasText: LONG_OWNER.slice('staff:'.length) });
    const [label, chart] = await Promise.all([long.boundingBox(), long.locator('xpath=ancestor::figure[1]').boundingBox()]);
    expect(label!.height).toBeGreaterThan(20);
    expect(label!.x).toBeGreaterThanOrEqual(chart!.x);

    // The columns' day labels and axis figures lie inside their drawing.
    const outside = await page.locator('figure.chart svg.chart__svg').evaluateAll((svgs) =>
      svgs.flatMap((svg) => {
        const view = (svg as SVGSVGElement).viewBox.baseVal;
        return [...svg.querySelectorAll('text')].map((text) => ({ text: text.textContent, box: (text as SVGTextElement).getBBox() })).filter(({ box }) => box.x < 0 || box.y < 0 || box.x + box.width > view.width || box.y + box.height > view.height).map(({ text }) => text);
      }),
    );
    expect(outside).toEqual([]);
    await checkAndShoot(page, 'app-reports');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});

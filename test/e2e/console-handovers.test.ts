import { afterAll, beforeAll, expect, it } from 'vitest';
import { Softphone, fetchTransport } from '../../src/ivr/softphone.ts';
import { DEV_TWILIO_AUTH_TOKEN } from '../../src/ivr/settings.ts';
import { describeBrowser } from '../helpers/browser.ts';
import { DEMO, newPage, openBankingRig, phoneCall, type BankingRig } from '../helpers/banking.ts';
import { checkAndShoot, es, signInStaff, STAFF } from '../helpers/console.ts';

/**
 * Issue 13, section 4 in Chromium on the demo bank: calls the IVR hands over reach the console
 * with their context. María is identified on the phone-banking branch, which the line cannot do
 * for her (she has no phone-banking user): the agent sees her name, the request and why, takes
 * the transfer and opens her page. A CIF holder's call shows nobody identified, and once the
 * agent line does not answer it is listed as unanswered. Screenshots: test-results/console-handovers-*.png.
 */
const MARIA = 'María García López';

describeBrowser('console: the calls the IVR hands over, with their context (issue 13)', () => {
  let rig: BankingRig;
  beforeAll(async () => {
    rig = await openBankingRig();
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('shows an agent who was identified, the request and why; the agent takes it and opens the customer', async () => {
    // María on the unlock line: Spanish, user, phone banking, DNI, card and PIN — then handed over.
    const maria = phoneCall(rig, DEMO.maria.mobile);
    await maria.dial();
    await maria.walk(['1', '1', '2', '1', DEMO.maria.dniKeys, DEMO.maria.last4, DEMO.maria.pin]);
    expect(maria.last!.dial).toBe('+34950210199');
    // A CIF holder on the signature line, from a phone the bank does not know.
    const cif = new Softphone(fetchTransport, { base: rig.server.url, token: DEV_TWILIO_AUTH_TOKEN, from: '+34699111222', to: '+34950979971' });
    await cif.dial();
    await cif.press('3');
    expect(cif.last!.dial).toBe('+34950210199');

    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.agent);
    await page.getByRole('link', { name: es('console.nav.handovers') }).click();
    await page.getByRole('heading', { level: 1, name: es('console.handovers.title') }).waitFor({ timeout: 15_000 });
    const mariaRow = page.locator('table.handover-table tbody tr', { hasText: MARIA });
    await mariaRow.waitFor({ timeout: 15_000 });
    expect(await mariaRow.innerText()).toContain(es('handover.reason.unavailable'));
    expect(await mariaRow.innerText()).toContain(es('handover.branch.1.2'));
    expect(await mariaRow.innerText()).toContain(es('handover.status.waiting'));
    const cifRow = page.locator('table.handover-table tbody tr', { hasText: es('handover.reason.cif_passport') });
    expect(await cifRow.innerText()).toContain(es('console.handovers.notIdentified'));
    expect(await cifRow.innerText()).toContain(es('handover.branch.3.1'));
    await checkAndShoot(page, 'handovers-waiting');

    // The CIF call's context: nobody identified, the caller masked.
    await cifRow.getByRole('link').click();
    const panel = page.locator('section.handover');
    await panel.locator('.console-facts', { hasText: es('console.handovers.notIdentifiedHint') }).waitFor({ timeout: 15_000 });
    expect(await panel.innerText()).toContain('+34 - 6*****222');
    expect(await panel.innerText()).not.toContain('699111222');

    // María's: identified, the reason, the request, the line; take it, then her page is one link away.
    await mariaRow.getByRole('link').click();
    await panel.locator('.console-facts', { hasText: MARIA }).waitFor({ timeout: 15_000 });
    const facts = await panel.locator('.console-facts').innerText();
    expect(facts).toContain(es('console.handovers.identifiedHint'));
    expect(facts).toContain(es('handover.reason.unavailable'));
    expect(facts).toContain(es('handover.line.unlock'));
    expect(facts).toContain('+34 - 6*****331');
    expect(await panel.getByRole('link', { name: es('console.handovers.openCustomer', { name: MARIA }) }).count()).toBe(0);
    await panel.getByRole('button', { name: es('console.handovers.take') }).click();
    await panel.locator('.handover-status', { hasText: es('handover.status.taken') }).waitFor({ timeout: 15_000 });
    expect(await panel.locator('.console-facts').innerText()).toContain(STAFF.agent.username);
    // Taken: her panel shows at once beside the call — her state, and her history with this call.
    const snapshot = page.locator('.customer-snapshot');
    await snapshot.getByRole('heading', { name: es('console.customerPage.state') }).waitFor({ timeout: 15_000 });
    expect(await snapshot.innerText()).toContain(MARIA);
    await snapshot.locator('.customer-history__item--handover', { hasText: es('handover.reason.unavailable') }).waitFor({ timeout: 15_000 });
    await checkAndShoot(page, 'handovers-taken');
    await snapshot.getByRole('link', { name: es('console.handovers.openCustomer', { name: MARIA }) }).click();
    await page.getByRole('heading', { level: 1, name: es('console.customerPage.heading', { name: MARIA }) }).waitFor({ timeout: 15_000 });
    // The customer's page loads her history after its heading.
    await page.locator('.customer-history__item--handover').first().waitFor({ timeout: 15_000 });

    // Nobody answers the CIF call: the caller hears the hours; the console lists it as unanswered.
    const unanswered = await cif.dialEnds('no-answer');
    expect(unanswered.hangup).toBe(true);
    await page.getByRole('link', { name: es('console.nav.handovers') }).click();
    await page.getByRole('button', { name: es('console.handovers.filter.unanswered') }).click();
    const row = page.locator('table.handover-table tbody tr', { hasText: es('handover.status.unanswered') });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain(es('handover.reason.cif_passport'));
    expect(await page.locator('table.handover-table tbody tr', { hasText: MARIA }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    // Branch staff do not see the entry, and the page tells them it is not theirs.
    const branch = await newPage(rig, 1280);
    await signInStaff(branch.page, rig, STAFF.branch);
    expect(await branch.page.getByRole('link', { name: es('console.nav.handovers') }).count()).toBe(0);
    await branch.page.goto(`${rig.server.url}/console/handovers`);
    await branch.page.getByRole('alert').filter({ hasText: es('handover.error.contact_centre_only') }).waitFor({ timeout: 15_000 });
    await branch.context.close();
  }, 150_000);
});

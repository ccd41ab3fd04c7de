import { afterAll, beforeAll, expect, it } from 'vitest';
import { StaffFixture } from '../helpers/staff.ts';
import { describeBrowser } from '../helpers/browser.ts';
import { DEMO, heading, newPage, openBankingRig, signIn, type BankingRig } from '../helpers/banking.ts';
import { checkAndShoot, es, openCaseOf, raiseAlert, signInStaff, STAFF } from '../helpers/console.ts';

/**
 * Seed 002's branch unlock in Chromium on the demo bank: the contact centre blocks María (she
 * fails the security questions, her case waits in branch 0123's queue), the branch user opens
 * the pending case, records the document seen and unlocks; with four-eyes on, a supervisor
 * approves from the approval queue. Then María signs in to online banking with the full profile.
 */
const MARIA = 'María García López';

/** The contact centre's part, through the API with the agent's own session. */
async function failedSecurityAtBranch(rig: BankingRig, sourceAlertId: string): Promise<void> {
  const ana = await StaffFixture.signIn(rig.server.url, rig.server.services, { id: 'ana.agente', role: 'agent' });
  const api = async (method: string, path: string, body?: object) => {
    const res = await fetch(`${rig.server.url}${path}`, {
      method,
      headers: { ...ana.headers, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const { caseId } = await raiseAlert(rig, { sourceAlertId, externalId: DEMO.maria.externalId, situation: 'login_new_location' });
  await api('POST', `/api/cases/${caseId}/contact-attempts`, { result: 'answered' });
  const check = await api('POST', `/api/cases/${caseId}/security-checks`, {});
  const answers = (check.questions as { id: string }[]).map((q) => ({ questionId: q.id, answer: 'x0000' }));
  await api('POST', `/api/security-checks/${check.id as string}/answers`, { answers });
  const run = await api('POST', `/api/cases/${caseId}/outcome`, { outcome: 'failed_security', closingComment: 'No supera las preguntas de seguridad.' });
  const { drafts } = (await api('GET', `/api/cases/${run.mainCaseId as string}/drafts`)) as { drafts: { id: string }[] };
  await api('POST', `/api/drafts/${drafts[0]!.id}/send`, {});
}

/** María signs in to online banking: her home page, without the read-only notice. */
async function mariaSignsIn(rig: BankingRig, shot: string): Promise<void> {
  const { context, page, errors } = await newPage(rig);
  await signIn(page, rig, DEMO.maria);
  await heading(page, es('web.bank.home.title'));
  expect(await page.getByText(es('web.bank.home.readOnly.title')).count()).toBe(0);
  await checkAndShoot(page, shot);
  expect(errors).toEqual([]);
  await context.close();
}

/** The branch user opens the pending case of María and unlocks her with the DNI seen. */
async function branchUnlocks(rig: BankingRig, fourEyes: boolean) {
  const { context, page, errors } = await newPage(rig, 1280);
  await signInStaff(page, rig, STAFF.branch);
  await openCaseOf(page, MARIA);
  expect(await page.locator('.console-summary').innerText()).toContain(es('backoffice.status.pending_customer'));
  await page.locator('#unlock-title').waitFor({ timeout: 15_000 });
  expect(await page.locator('.customer-unlock').innerText()).toContain(es('unlock.step.lift_cae'));
  // A document that is not hers is refused, and says so.
  await page.getByLabel(es('console.unlock.documentNumber')).fill('00000000T');
  await page.getByRole('button', { name: es(fourEyes ? 'console.unlock.submitFourEyes' : 'console.unlock.submit') }).click();
  await page.locator('.customer-unlock [role="alert"]', { hasText: es('unlock.error.document_mismatch') }).waitFor({ timeout: 15_000 });
  await checkAndShoot(page, `unlock-form${fourEyes ? '-four-eyes' : ''}`);
  await page.getByLabel(es('console.unlock.documentNumber')).fill('45123987B');
  await page.getByRole('button', { name: es(fourEyes ? 'console.unlock.submitFourEyes' : 'console.unlock.submit') }).click();
  return { context, page, errors };
}

for (const fourEyes of [false, true]) {
  describeBrowser(`branch unlock in Chromium (four-eyes ${fourEyes ? 'on' : 'off'})`, () => {
    let rig: BankingRig;
    beforeAll(async () => {
      rig = await openBankingRig({ 'backoffice.branchUnlock.fourEyes': fourEyes });
      await failedSecurityAtBranch(rig, `E2E-UNLOCK-${fourEyes ? 'FE' : 'ONE'}`);
    }, 180_000);
    afterAll(async () => {
      await rig?.close();
    });

    it(fourEyes ? 'the branch asks, a supervisor approves from the queue, María signs in' : 'the branch unlocks from the pending case, María signs in', async () => {
      const { context, page, errors } = await branchUnlocks(rig, fourEyes);
      if (fourEyes) {
        await page.locator('.customer-unlock', { hasText: es('console.unlock.pending') }).waitFor({ timeout: 15_000 });
        await checkAndShoot(page, 'unlock-requested');
        const sup = await newPage(rig, 1280);
        await signInStaff(sup.page, rig, STAFF.supervisor);
        await sup.page.getByRole('link', { name: es('console.nav.approvals') }).click();
        await sup.page.getByRole('heading', { level: 1, name: es('console.approvals.title') }).waitFor();
        expect(await sup.page.locator('.approval-item').innerText()).toContain(MARIA);
        await checkAndShoot(sup.page, 'approvals');
        await sup.page.getByRole('button', { name: `${es('console.approvals.approve')} · ${MARIA}` }).click();
        await sup.page.locator('[role="status"]', { hasText: es('console.approvals.approved', { name: MARIA }) }).waitFor({ timeout: 15_000 });
        // The queue reloads after the approval: it ends empty.
        await sup.page.getByText(es('console.approvals.none')).waitFor({ timeout: 15_000 });
        expect(sup.errors).toEqual([]);
        await sup.context.close();
        await page.reload();
      }
      await page.locator('.console-status', { hasText: es('backoffice.status.closed') }).waitFor({ timeout: 15_000 });
      const timeline = await page.locator('.console-timeline').innerText();
      for (const id of ['console.event.unlock_identified', 'console.event.unlock_step_done', 'console.event.unlock_customer_notified']) expect(timeline).toContain(es(id));
      expect(timeline).toContain(es('unlock.step.restore_profile'));
      await checkAndShoot(page, `unlock-done${fourEyes ? '-four-eyes' : ''}`);

      // The customer page tells the same story: nothing blocked, the lifts on top of the history.
      await page.getByRole('link', { name: es('console.history.more', { name: MARIA }) }).click();
      await page.getByRole('heading', { level: 1, name: es('console.customerPage.heading', { name: MARIA }) }).waitFor();
      expect(await page.getByText(es('console.customer.noBlocks')).count()).toBe(1);
      expect(await page.locator('.customer-history').innerText()).toContain(es('console.history.kind.block_lifted'));
      await checkAndShoot(page, `customer-page${fourEyes ? '-four-eyes' : ''}`);
      expect(errors).toEqual([]);
      await context.close();

      await mariaSignsIn(rig, `unlock-signed-in${fourEyes ? '-four-eyes' : ''}`);
    }, 150_000);
  });
}

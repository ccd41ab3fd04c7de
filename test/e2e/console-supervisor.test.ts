import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { noticeBreaches } from '../../src/backoffice/supervisor/store.ts';
import type { SupervisorViewBody } from '../../src/backoffice/supervisor/routes.ts';
import { t } from '../../src/i18n/catalogue.ts';
import type { ManualClock } from '../../src/platform/clock.ts';
import { describeBrowser } from '../helpers/browser.ts';
import { StaffFixture } from '../helpers/staff.ts';
import { bankingRigSuite, newPage } from '../helpers/banking.ts';
import { checkAndShoot, es, raiseAlert, signInStaff, STAFF } from '../helpers/console.ts';

/**
 * Issue 15 §1 in Chromium on the demo bank: a supervisor opens the live view from the bar, every
 * figure shown is the API's, a new alert reaches the view by itself, a breach is announced live
 * and lands in the inbox once, and a figure drills down to exactly its cases and on to a case.
 * An agent is not offered the view and is refused it. Screenshots: test-results/console-supervisor*.png.
 */
describeBrowser('console: the supervisor’s live view (issue 15 §1)', () => {
  const suiteRig = bankingRigSuite();

  const clock = () => suiteRig().server.services.clock as ManualClock;
  /** The view as the page's own session reads it from the API. */
  const apiView = (page: Page) => page.evaluate(async () => (await (await fetch('/api/console/supervisor')).json()) as SupervisorViewBody);
  const figure = (page: Page, key: string) => page.locator(`button[data-figure="${key}"]`);
  const figureCount = async (page: Page, key: string) => Number((await figure(page, key).innerText()).split('·')[0]!.trim());

  it('shows the figures of the API, refreshes by itself, announces a breach and drills down to a case', async () => {
    const rig = suiteRig();
    // An agent holds a case (its take is on the case's timeline).
    const agent = await StaffFixture.signIn(rig.server.url, rig.server.services, { id: 'eva.agente', role: 'agent' });
    const held = await raiseAlert(rig, { sourceAlertId: 'SUP-E2E-0', externalId: 'DEMO-C004', situation: 'card_unusual_use' });
    expect((await fetch(`${rig.server.url}/api/cases/${held.caseId}/take`, { method: 'POST', headers: { ...agent.headers, 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);

    const { page, errors } = await newPage(rig, 1440);
    await signInStaff(page, rig, STAFF.supervisor);
    await page.getByRole('link', { name: es('console.nav.supervisor') }).click();
    await page.getByRole('heading', { level: 1, name: es('console.supervisor.title') }).waitFor({ timeout: 15_000 });
    await figure(page, 'queue:contact_centre:waiting').waitFor({ timeout: 15_000 });

    // Every figure on the page is the API's count.
    const before = await apiView(page);
    const keys = [
      ...before.queues.flatMap((q) => ['waiting', 'inProgress', 'pendingCustomer'].map((f) => [`queue:${q.queue}:${f}`, q[f as 'waiting'].count] as const)),
      ...before.agents.flatMap((a) => [[`agent:${a.agent}:holding`, a.holding.count], [`agent:${a.agent}:worked`, a.worked.count]] as const),
      ...before.sla.priorities.flatMap((p) => [[`sla:${p.priority}:open`, p.open.count], [`sla:${p.priority}:take:breached`, p.take.breached.count], [`sla:${p.priority}:close:warning`, p.close.warning.count]] as const),
    ];
    for (const [key, count] of keys) expect(await figureCount(page, key), key).toBe(count);
    expect(before.agents.find((a) => a.agent === 'staff:eva.agente')?.holding.caseIds).toEqual([held.caseId]);
    await checkAndShoot(page, 'supervisor');

    // A new alert: the view counts it waiting without a reload (live events).
    const waiting = await figureCount(page, 'queue:contact_centre:waiting');
    const raised = await raiseAlert(rig, { sourceAlertId: 'SUP-E2E-1', externalId: 'DEMO-C002', situation: 'sim_swap' });
    await expect.poll(() => figureCount(page, 'queue:contact_centre:waiting'), { timeout: 15_000 }).toBe(waiting + 1);

    // Eleven minutes on, a round of the breach watch: the high-priority take is breached, announced live.
    clock().advance(11 * 60_000);
    const written = await noticeBreaches(rig.server.services.db, rig.server.services, rig.server.services.config.backoffice.sla);
    expect(written.filter((b) => b.caseId === raised.caseId)).toEqual([expect.objectContaining({ milestone: 'take', priority: 'high' })]);
    await page.locator('[role="status"]', { hasText: es('console.supervisor.breachArrived', { number: raised.caseNumber, milestone: es('console.supervisor.milestone.take') }) }).waitFor({ timeout: 15_000 });
    const breached = figure(page, 'sla:high:take:breached');
    const after = await apiView(page);
    const high = after.sla.priorities.find((p) => p.priority === 'high')!;
    expect(high.take.breached.caseIds).toContain(raised.caseId);
    await expect.poll(() => figureCount(page, 'sla:high:take:breached'), { timeout: 15_000 }).toBe(high.take.breached.count);
    expect(await breached.getAttribute('class')).toContain('sv-figure--breached');

    // The drill-down lists exactly those cases, in the API's order, and opens one.
    await breached.click();
    const drill = page.locator('.sv-drill');
    await drill.getByRole('heading', { level: 2, name: new RegExp(es('console.supervisor.takeBreached')) }).waitFor({ timeout: 15_000 });
    expect(await drill.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')))).toEqual(high.take.breached.caseIds);
    expect(await drill.locator(`tr[data-case="${raised.caseId}"]`).innerText()).toContain(es('console.supervisor.state.breached', { due: '' }).split('·')[0]!.trim());
    expect(page.url()).toContain('list=sla%3Ahigh%3Atake%3Abreached');
    await checkAndShoot(page, 'supervisor-drill');
    await drill.getByRole('link', { name: es('console.supervisor.caseLink', { number: raised.caseNumber }) }).click();
    await page.locator('#summary-title').waitFor({ timeout: 15_000 });
    expect(page.url()).toContain(`/console/case?id=${raised.caseId}`);

    // The inbox holds the notice once, whatever rounds follow.
    await noticeBreaches(rig.server.services.db, rig.server.services, rig.server.services.config.backoffice.sla);
    await page.getByRole('link', { name: es('console.nav.inbox') }).click();
    const notices = page.locator('.sla-notices li', { hasText: es('console.supervisor.caseLink', { number: raised.caseNumber }) });
    await notices.first().waitFor({ timeout: 15_000 });
    expect(await notices.count()).toBe(1);
    expect(await notices.innerText()).toContain(es('console.supervisor.milestone.take'));

    // In English, every word of the view too.
    await page.goto(`${rig.server.url}/console/supervisor?lang=en&list=sla%3Ahigh%3Atake%3Abreached`);
    await page.getByRole('heading', { level: 1, name: t('console.supervisor.title', 'en') }).waitFor({ timeout: 15_000 });
    await page.locator('.sv-drill').getByRole('heading', { level: 2, name: new RegExp(t('console.supervisor.takeBreached', 'en')) }).waitFor({ timeout: 15_000 });
    expect(await page.locator('table').first().innerText()).toContain(t('console.supervisor.waiting', 'en'));
    await checkAndShoot(page, 'supervisor-en');
    expect(errors).toEqual([]);
  });

  it('is not offered to an agent, and refused if opened by address', async () => {
    const rig = suiteRig();
    const { page } = await newPage(rig, 1440);
    await signInStaff(page, rig, STAFF.agent);
    expect(await page.getByRole('link', { name: es('console.nav.supervisor') }).count()).toBe(0);
    await page.goto(`${rig.server.url}/console/supervisor`);
    await page.getByRole('alert').filter({ hasText: es('console.supervisor.forbidden') }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(async () => (await fetch('/api/console/supervisor')).status)).toBe(403);
  });
});

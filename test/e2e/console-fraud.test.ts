import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser } from '../helpers/browser.ts';
import { newPage, openBankingRig, type BankingRig } from '../helpers/banking.ts';
import { answerQuestions, applyOutcome, checkAndShoot, es, FACTS, openCaseOf, recordAttempt, signInStaff, STAFF } from '../helpers/console.ts';

/**
 * Issue 13 in Chromium on the demo bank: the fraud team's queue (a fraud analyst takes the task
 * "No confirma la operación" opened, writes a note, closes it with a result, and the case that
 * started it shows it), and a case locked to the agent working it (a supervisor sees who has it
 * and takes it over, on the record). Screenshots: test-results/console-fraud-*.png.
 */
const PONIENTE = 'Invernaderos del Poniente S.L.';
const DAVID = 'David López Jiménez';

describeBrowser('console: the fraud queue and cases locked to their owner (issue 13)', () => {
  let rig: BankingRig;
  beforeAll(async () => {
    rig = await openBankingRig();
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('a fraud analyst takes the task, adds a note, closes it with a result, and the case shows it', async () => {
    // The agent: the representative answers for the company, passes the questions, does not confirm.
    const agent = await newPage(rig, 1280);
    await signInStaff(agent.page, rig, STAFF.agent);
    await openCaseOf(agent.page, PONIENTE);
    await recordAttempt(agent.page, 'answered', 1);
    await answerQuestions(agent.page, FACTS.antonio);
    expect(await agent.page.locator('.console-outcome-category__note').first().innerText()).toContain('Fraude y alertas de seguridad');
    await applyOutcome(agent.page, 'not_confirmed', '', 'done');
    const tasks = agent.page.locator('.console-fraud-tasks');
    await tasks.waitFor({ timeout: 15_000 });
    expect(await tasks.innerText()).toContain(es('fraud.status.open'));
    const caseUrl = agent.page.url();

    // The fraud analyst: the queue in the bar, the task first in it.
    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.fraud);
    await page.getByRole('link', { name: es('console.nav.fraud') }).click();
    await page.getByRole('heading', { level: 1, name: es('console.fraud.title') }).waitFor({ timeout: 15_000 });
    const row = page.locator('table.fraud-table tbody tr', { hasText: PONIENTE });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain(es('fraud.status.open'));
    await checkAndShoot(page, 'fraud-queue');

    await row.getByRole('link').click();
    const panel = page.locator('.fraud-task');
    await panel.getByRole('heading', { level: 2 }).filter({ hasText: PONIENTE }).waitFor({ timeout: 15_000 });
    await panel.getByRole('button', { name: es('console.fraud.take') }).click();
    await panel.locator('.fraud-status', { hasText: es('fraud.status.in_progress') }).waitFor({ timeout: 15_000 });
    expect(await panel.locator('.console-facts').innerText()).toContain(STAFF.fraud.username);

    await panel.getByLabel(es('console.fraud.note'), { exact: true }).fill('Llamada al representante: presentará denuncia hoy.');
    await panel.getByRole('button', { name: es('console.fraud.addNote') }).click();
    await panel.locator('.fraud-timeline', { hasText: 'presentará denuncia hoy' }).waitFor({ timeout: 15_000 });

    await panel.getByLabel(es('console.fraud.result'), { exact: true }).selectOption('fraud_confirmed_reported');
    await panel.getByLabel(es('console.fraud.closingNote'), { exact: true }).fill('Denuncia presentada; retrocesión solicitada al banco de destino.');
    await panel.getByRole('button', { name: es('console.fraud.close') }).click();
    await panel.locator('.fraud-status', { hasText: es('fraud.status.closed') }).waitFor({ timeout: 15_000 });
    expect(await panel.locator('.console-facts').innerText()).toContain(es('fraud.result.fraud_confirmed_reported'));
    expect(await panel.locator('.fraud-timeline li').allInnerTexts()).toEqual([
      expect.stringContaining(es('fraud.event.created')),
      expect.stringContaining(es('fraud.event.taken')),
      expect.stringContaining('presentará denuncia hoy'),
      expect.stringContaining(es('fraud.result.fraud_confirmed_reported')),
    ]);
    await checkAndShoot(page, 'fraud-task-closed');

    // The case that started it shows the task closed with its result, to the analyst (reading) and to the agent.
    await panel.getByRole('link', { name: /\d+/ }).first().click();
    await page.locator('#summary-title').waitFor({ timeout: 15_000 });
    const onCase = page.locator('.console-fraud-tasks');
    await onCase.waitFor({ timeout: 15_000 });
    expect(await onCase.innerText()).toContain(es('fraud.status.closed'));
    expect(await onCase.innerText()).toContain(es('console.fraud.resultIs', { result: es('fraud.result.fraud_confirmed_reported') }));
    // The analyst reads the case; it works no case: no playbook, no forms.
    expect(await page.locator('#outcomes-title').count()).toBe(0);
    expect(await page.locator('#work-title').count()).toBe(0);
    await checkAndShoot(page, 'fraud-case');
    expect(errors).toEqual([]);
    await context.close();

    await agent.page.goto(caseUrl);
    await tasks.locator('.fraud-case-task__result').waitFor({ timeout: 15_000 });
    expect(await tasks.innerText()).toContain(es('fraud.result.fraud_confirmed_reported'));
    expect(await agent.page.locator('.console-timeline').innerText()).toContain(es('console.event.fraud_task_closed'));
    expect(agent.errors).toEqual([]);
    await agent.context.close();
  }, 150_000);

  it('a second person sees who works a case, is refused, and takes it over on the record', async () => {
    // The agent takes David's case from the queue with the keyboard and calls once.
    const agent = await newPage(rig, 1280);
    await signInStaff(agent.page, rig, STAFF.agent);
    const row = agent.page.locator('table.console-table tbody tr', { hasText: DAVID });
    await row.getByRole('button', { name: new RegExp(es('console.queue.take')) }).waitFor({ timeout: 15_000 });
    await row.getByRole('button', { name: new RegExp(es('console.queue.take')) }).click();
    await agent.page.locator('#summary-title').waitFor({ timeout: 15_000 });
    await agent.page.locator('.console-owner', { hasText: es('console.owner.mine') }).waitFor({ timeout: 15_000 });
    await recordAttempt(agent.page, 'no_answer');

    // The supervisor: the queue says who has it; the case locks the supervisor out until taken over.
    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.supervisor);
    const supRow = page.locator('table.console-table tbody tr', { hasText: DAVID });
    await supRow.waitFor({ timeout: 15_000 });
    expect(await supRow.innerText()).toContain(STAFF.agent.username);
    expect(await supRow.getByRole('button').count()).toBe(0);
    await openCaseOf(page, DAVID);
    const owner = page.locator('.console-owner');
    expect(await owner.innerText()).toContain(es('console.owner.other', { owner: STAFF.agent.username }));
    await checkAndShoot(page, 'case-locked');
    await page.locator('#attempt-result').selectOption('busy');
    await page.getByRole('button', { name: es('console.contact.record') }).click();
    await page.locator('.console-contact [role="alert"]', { hasText: es('backoffice.error.case_locked') }).waitFor({ timeout: 15_000 });

    await owner.getByLabel(es('console.owner.reason')).fill('Ana ha terminado su turno.');
    await owner.getByRole('button', { name: es('console.owner.takeover') }).click();
    await page.locator('.console-owner', { hasText: es('console.owner.mine') }).waitFor({ timeout: 15_000 });
    await page.locator('.console-timeline', { hasText: es('console.event.taken_over') }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.console-timeline').innerText()).toContain('Ana ha terminado su turno.');
    await recordAttempt(page, 'busy');
    await checkAndShoot(page, 'case-taken-over');
    expect(errors).toEqual([]);
    await context.close();

    // The agent's page now says who has it.
    await agent.page.reload();
    await agent.page.locator('.console-owner', { hasText: es('console.owner.other', { owner: STAFF.supervisor.username }) }).waitFor({ timeout: 15_000 });
    expect(agent.errors).toEqual([]);
    await agent.context.close();
  }, 150_000);
});

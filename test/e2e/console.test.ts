import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser } from '../helpers/browser.ts';
import { newPage, openBankingRig, type BankingRig } from '../helpers/banking.ts';
import { answerQuestions, applyOutcome, checkAndShoot, es, FACTS, openCaseOf, raiseAlert, recordAttempt, signInStaff, situationWords, STAFF } from '../helpers/console.ts';

/**
 * The agent console in Chromium on the demo bank: every outcome of seed 002 driven through the
 * pages alone (the fraud engine's alerts are the only thing posted from outside), live updates,
 * a branch user's "Pendiente de cliente" case, the shortcuts and the English switch.
 */
const MARIA = 'María García López';
const LUCIA = 'Lucía Fernández Navarro';
const PONIENTE = 'Invernaderos del Poniente S.L.';
const DAVID = 'David López Jiménez';
const JAMES = "James O'Connor";

const stepResults = (page: Page) => page.locator('.console-step__result').allInnerTexts();

/** From the alert case whose run waits for the email: to the main case, send it, back to the alert case. */
async function sendMacroEmail(page: Page): Promise<string> {
  const alertUrl = page.url();
  await page.getByRole('link', { name: es('console.run.mainCase') }).first().click();
  await page.locator('#drafts-title').waitFor({ timeout: 15_000 });
  const mainUrl = page.url();
  expect(await page.locator('.console-draft dd').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/@/)]));
  await page.getByRole('button', { name: es('console.drafts.send') }).click();
  // Sent: the draft says so, or (branch customers) the main case has gone to the office's queue.
  await page.locator('.console-draft [role="status"], .notice').filter({ hasText: /Correo enviado|ha pasado a una cola/ }).first().waitFor({ timeout: 15_000 });
  await page.goto(alertUrl);
  await page.locator('.console-run-status').waitFor();
  return mainUrl;
}

describeBrowser('agent console in Chromium (seed 002 on the demo bank)', () => {
  let rig: BankingRig;
  beforeAll(async () => {
    rig = await openBankingRig();
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('signs in, shows the queue with counts and ages, and a new alert appears live', async () => {
    const { context, page, errors } = await newPage(rig, 1280);
    await page.goto(`${rig.server.url}/console`);
    await page.getByRole('heading', { level: 1, name: es('console.login.title') }).waitFor();
    await checkAndShoot(page, 'login');

    await page.getByLabel(es('console.login.username')).fill(STAFF.agent.username);
    await page.getByLabel(es('console.login.password'), { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: es('console.login.submit') }).click();
    await page.locator('[role="alert"]').waitFor();

    await signInStaff(page, rig, STAFF.agent);
    const rows = page.locator('table.console-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(4);
    for (const name of [MARIA, LUCIA, PONIENTE, DAVID]) expect(await page.locator('table.console-table').innerText()).toContain(name);
    expect(await page.locator('.console-tabs button[aria-pressed="true"] .console-count').innerText()).toBe('4');
    expect(await page.locator('.console-wait').count()).toBe(4);
    await checkAndShoot(page, 'queue');

    // The fraud engine raises an alert: it shows up without a reload.
    await raiseAlert(rig, { sourceAlertId: 'E2E-LIVE-1', externalId: 'DEMO-C001', situation: 'login_new_location' });
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(5);
    await page.locator('tr.console-row--fresh', { hasText: situationWords('login_new_location') }).waitFor();
    await checkAndShoot(page, 'queue-live');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('confirmed: landline first, the holder answers, passes the questions, the case closes', async () => {
    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.agent);
    await openCaseOf(page, MARIA, 'login_new_location');
    // Seed 002: the first attempt goes to the landline.
    expect(await page.locator('input[name="attempt-phone"]:checked').getAttribute('value')).toBe('landline');
    expect(await page.locator('.console-script').innerText()).toContain('hemos detectado operaciones sospechosas');
    await checkAndShoot(page, 'case');
    await recordAttempt(page, 'answered');
    await answerQuestions(page, FACTS.maria);
    await checkAndShoot(page, 'questions-passed');
    await applyOutcome(page, 'confirmed', 'Confirma la transferencia por teléfono.', 'done');
    expect(await stepResults(page)).toContain(es('console.result.closed'));
    await page.locator('.console-status', { hasText: es('backoffice.status.closed') }).waitFor({ timeout: 15_000 });
    await checkAndShoot(page, 'outcome-confirmed');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('failed questions, branch customer: blocks, main case, email with the office in copy, the office queue; the agent then cannot open it', async () => {
    // Branch 0123 watches its queue, empty for now: the case and the mention arrive live.
    const branch = await newPage(rig, 1280);
    await signInStaff(branch.page, rig, STAFF.branch);
    await branch.page.getByText(es('console.queue.empty')).waitFor({ timeout: 15_000 });

    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.agent);
    await openCaseOf(page, MARIA, 'transfer_unusual_access');
    await recordAttempt(page, 'answered');
    await answerQuestions(page, 'wrong');
    await applyOutcome(page, 'failed_security', 'No responde correctamente a las preguntas de seguridad.', 'waiting');
    await checkAndShoot(page, 'outcome-waiting');
    const mainUrl = await sendMacroEmail(page);
    await page.locator('.console-run-status', { hasText: es('console.run.status.done') }).waitFor({ timeout: 15_000 });
    const results = await stepResults(page);
    expect(results).toContain(es('console.result.block', { target: es('console.block.signature') }));
    expect(results).toContain(es('console.result.profile'));
    expect(results).toContain(es('console.result.queue', { queue: es('backoffice.queue.office', { code: '0123' }) }));
    await checkAndShoot(page, 'outcome-failed-branch');

    // The main case now sits in branch 0123's queue: not the agent's, in the page and in the API.
    await page.goto(mainUrl);
    await page.getByText(es('console.case.missing')).waitFor({ timeout: 15_000 });
    const mainId = new URL(mainUrl).searchParams.get('id')!;
    expect((await page.request.get(`${rig.server.url}/api/cases/${mainId}`)).status()).toBe(404);
    await checkAndShoot(page, 'case-denied');
    expect(errors).toEqual([]);
    await context.close();

    // The branch user saw it arrive without reloading, and works it: a comment, then closed.
    await branch.page.locator('.console-live-mention', { hasText: es('console.live.mentionOffice', { target: '0123' }) }).waitFor({ timeout: 20_000 });
    await branch.page.locator('table.console-table tbody tr', { hasText: MARIA }).first().waitFor({ timeout: 20_000 });
    await checkAndShoot(branch.page, 'branch-live');
    await openCaseOf(branch.page, MARIA);
    expect(await branch.page.locator('.console-summary').innerText()).toContain(es('backoffice.status.pending_customer'));
    expect(await branch.page.locator('#outcomes-title').count()).toBe(0);
    await checkAndShoot(branch.page, 'branch-case');
    await branch.page.locator('#case-comment').fill('Cliente atendido en oficina; desbloqueo hecho.');
    await branch.page.getByRole('button', { name: es('console.work.commentAdd') }).click();
    await branch.page.locator('.console-timeline', { hasText: 'Cliente atendido en oficina' }).waitFor({ timeout: 15_000 });
    await branch.page.locator('#case-closing').fill('Desbloqueo realizado en oficina tras identificar al cliente.');
    await branch.page.getByRole('button', { name: es('console.work.close') }).click();
    await branch.page.locator('.console-status', { hasText: es('backoffice.status.closed') }).waitFor({ timeout: 15_000 });
    await checkAndShoot(branch.page, 'branch-closed');
    expect(branch.errors).toEqual([]);
    await branch.context.close();
  }, 120_000);

  it('failed questions, Wefferent customer: the case closes after the email with mentions of 8732 and the manager', async () => {
    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.agent);
    await openCaseOf(page, LUCIA);
    await recordAttempt(page, 'answered');
    await answerQuestions(page, 'wrong');
    await applyOutcome(page, 'failed_security', 'Falla las preguntas de seguridad.', 'waiting');
    const mainUrl = await sendMacroEmail(page);
    await page.locator('.console-run-status', { hasText: es('console.run.status.done') }).waitFor({ timeout: 15_000 });
    const results = await stepResults(page);
    expect(results).toContain(es('console.result.mention', { target: `${es('console.mention.office')} 8732` }));
    expect(results).toContain(es('console.result.mention', { target: `${es('console.mention.manager')} W8732-01` }));
    await page.goto(mainUrl);
    await page.locator('.console-status', { hasText: es('backoffice.status.closed') }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.console-linked').innerText()).toContain(es('console.linked.children'));
    await checkAndShoot(page, 'outcome-failed-virtual');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('not confirmed: the representative answers for the company; blocks, read-only profile and the fraud protocol', async () => {
    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.agent);
    await openCaseOf(page, PONIENTE);
    await recordAttempt(page, 'answered', 1);
    await answerQuestions(page, FACTS.antonio);
    await applyOutcome(page, 'not_confirmed', '', 'done');
    const results = await stepResults(page);
    expect(results).toContain(es('console.result.fraudTask'));
    expect(results).toContain(es('console.result.profile'));
    await checkAndShoot(page, 'outcome-not-confirmed');

    // The category picker: a special level-2 category needs the account to really change.
    await page.locator('#cat-1').selectOption('accounts');
    await page.locator('#cat-2').selectOption('limit_change');
    await page.locator('#cat-3').selectOption({ index: 1 });
    await page.getByRole('button', { name: es('console.category.save') }).click();
    await page.locator('.console-work [role="alert"]', { hasText: es('backoffice.error.special_category') }).waitFor();
    await checkAndShoot(page, 'category-special');
    await page.getByLabel(es('console.category.accountChanged')).check();
    await page.getByRole('button', { name: es('console.category.save') }).click();
    await page.locator('.console-timeline', { hasText: es('console.event.categorised') }).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('no answer after three attempts: the recent device is unlinked, the email sent, the office mentioned, both cases closed', async () => {
    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.agent);
    await openCaseOf(page, DAVID);
    expect(await page.locator('.console-device--recent').innerText()).toContain('SM-A546B');
    await recordAttempt(page, 'no_answer');
    await recordAttempt(page, 'busy');
    await recordAttempt(page, 'voicemail');
    await page.getByText(es('console.contact.proposal')).waitFor();
    await applyOutcome(page, 'no_answer', 'Tres intentos sin respuesta.', 'waiting');
    await sendMacroEmail(page);
    await page.locator('.console-run-status', { hasText: es('console.run.status.done') }).waitFor({ timeout: 15_000 });
    const results = await stepResults(page);
    expect(results).toContain(es('console.result.unlinked', { devices: 'SM-A546B' }));
    expect(results).toContain(es('console.result.mention', { target: `${es('console.mention.office')} 8683` }));
    await checkAndShoot(page, 'outcome-no-answer');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('any doubt: CAE and signature blocks at once; the shortcuts help; English', async () => {
    await raiseAlert(rig, { sourceAlertId: 'E2E-DOUBT-1', externalId: 'DEMO-C002', situation: 'login_new_location' });
    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.agent);
    await openCaseOf(page, JAMES);
    await applyOutcome(page, 'doubt', '', 'done');
    const results = await stepResults(page);
    expect(results).toContain(es('console.result.block', { target: es('console.block.signature') }));
    expect(results).toContain(es('console.result.block', { target: es('console.block.access') }));
    await checkAndShoot(page, 'outcome-doubt');

    // Keyboard: "?" opens the documented shortcuts; "g" goes to the queue.
    await page.locator('body').press('?');
    await page.getByRole('dialog', { name: es('console.keys.title') }).waitFor();
    await checkAndShoot(page, 'shortcuts');
    await page.getByRole('button', { name: es('console.close'), exact: true }).click();
    await page.locator('body').press('g');
    await page.getByRole('heading', { level: 1, name: es('console.queue.title') }).waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case queue' }).waitFor();
    await checkAndShoot(page, 'queue-en');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});

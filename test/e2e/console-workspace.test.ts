import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser } from '../helpers/browser.ts';
import { newPage, bankingRigSuite } from '../helpers/banking.ts';
import { answerQuestions, checkAndShoot, es, FACTS, recordAttempt, signInStaff, STAFF, type Facts } from '../helpers/console.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The agent's workspace at 1440×900 (issue 15 §1): a whole demo case worked from the queue to its
 * close without the page ever scrolling, the controls of each step on screen; two cases open in
 * tabs, each keeping what was half done; and every step of a call reached from the keyboard alone.
 */
const W = 1440;
const H = 900;
const MARIA = 'María García López';
const LUCIA = 'Lucía Fernández Navarro';
const DAVID = 'David López Jiménez';

const QUESTIONS = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../config/security-questions.json'), 'utf8')) as { questions: { id: string; fact: keyof Facts }[] };

/** The page itself does not scroll: the document is no taller than the window (the panes scroll inside it). */
async function expectNoPageScroll(page: Page, step: string): Promise<void> {
  const { height, inner, width, innerWidth } = await page.evaluate(() => ({
    height: document.scrollingElement!.scrollHeight,
    inner: window.innerHeight,
    width: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect([innerWidth, inner], 'the window').toEqual([W, H]);
  expect(height, `page height at "${step}"`).toBeLessThanOrEqual(inner);
  expect(width, `page width at "${step}"`).toBeLessThanOrEqual(innerWidth);
}

/** Each control is on screen: inside the window, and what the window shows at its centre (not clipped by its pane, not covered). */
async function expectOnScreen(step: string, ...controls: Locator[]): Promise<void> {
  for (const control of controls) {
    await control.waitFor({ timeout: 15_000 });
    const seen = await control.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + Math.min(r.width / 2, 20);
      const y = r.top + Math.min(r.height / 2, 10);
      const inside = r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
      const hit = document.elementFromPoint(x, y);
      return { inside, shown: hit !== null && (hit === el || el.contains(hit)), what: el.outerHTML.slice(0, 80) };
    });
    expect(seen, `${step}: ${seen.what}`).toEqual({ inside: true, shown: true, what: seen.what });
  }
}

/** Both checks after a step: no page scroll, and the step's controls on screen. */
async function onOneScreen(page: Page, step: string, ...controls: Locator[]): Promise<void> {
  await expectNoPageScroll(page, step);
  await expectOnScreen(step, ...controls);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Presses Tab until `target` has the focus (the keyboard's way to a control), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 12): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  expect(await target.evaluate((el) => el === document.activeElement), 'reached by Tab').toBe(true);
}

/** Chooses `value` in the focused closed select with the arrow keys. */
async function arrowTo(page: Page, value: string): Promise<void> {
  const id = await focusedId(page);
  expect(await page.evaluate(() => document.activeElement?.tagName), `focus on ${id}`).toBe('SELECT');
  const select = page.locator(`select#${id}`);
  const index = await select.evaluate((el, v) => [...(el as HTMLSelectElement).options].findIndex((o) => o.value === v), value);
  expect(index, `option ${value}`).toBeGreaterThan(0);
  await page.keyboard.press('Home');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  expect(await select.inputValue()).toBe(value);
}

const attemptRows = (page: Page) => page.locator('table.console-attempts tbody tr');

/** Records an attempt by keyboard: `l`, the result with the arrows, Tab to "Registrar intento", Enter. */
async function attemptByKeyboard(page: Page, result: string): Promise<void> {
  const before = await attemptRows(page).count();
  await page.locator('#attempt-result').waitFor({ timeout: 15_000 });
  await page.keyboard.press('l');
  expect(await focusedId(page)).toBe('attempt-result');
  await arrowTo(page, result);
  await tabTo(page, page.getByRole('button', { name: es('console.contact.record') }));
  await page.keyboard.press('Enter');
  await expect.poll(() => attemptRows(page).count(), { timeout: 15_000 }).toBe(before + 1);
}

describeBrowser('the agent workspace at 1440×900', () => {
  const theRig = bankingRigSuite();

  it('works a whole demo case from the queue to its close on one screen: no page scroll at any step', async () => {
    const rig = theRig();
    const { context, page, errors } = await newPage(rig, W);
    await signInStaff(page, rig, STAFF.agent);
    const row = page.locator('table.console-table tbody tr', { hasText: LUCIA });
    await onOneScreen(page, 'queue', row.getByRole('button', { name: es('console.queue.take') }));
    await checkAndShoot(page, 'workspace-queue');

    // Take it from the queue: the case opens in a tab beside the queue.
    await row.getByRole('button', { name: es('console.queue.take') }).click();
    await page.locator('#summary-title').waitFor({ timeout: 15_000 });
    await page.locator('.console-owner--mine').waitFor({ timeout: 15_000 });
    const tab = page.getByRole('navigation', { name: es('console.tabs.label') }).locator('a[aria-current="page"]');
    expect(await tab.innerText()).toContain(LUCIA);
    // What the call needs, together: the queue, who works the case, the customer's phones, the script.
    await onOneScreen(
      page,
      'taken',
      page.locator('.workspace-queue__item--current a'),
      page.locator('.console-owner--mine h2'),
      page.locator('.console-customer .console-phones'),
      page.locator('.console-script h2'),
      page.locator('#contact-title'),
    );
    // `l` brings the attempt up in its pane, the customer's phones still beside it.
    await page.locator('#attempt-result').waitFor({ timeout: 15_000 });
    await page.keyboard.press('l');
    await onOneScreen(page, 'attempt', page.locator('#attempt-result'), page.getByRole('button', { name: es('console.contact.record') }), page.locator('.console-customer .console-phones'));
    await checkAndShoot(page, 'workspace-case');

    // Landline first: nobody answers; then the mobile: the holder answers.
    await recordAttempt(page, 'no_answer');
    await onOneScreen(page, 'first attempt', attemptRows(page).first(), page.locator('#attempt-result'), page.getByRole('button', { name: es('console.contact.record') }));
    await recordAttempt(page, 'answered');
    await onOneScreen(page, 'holder answered', attemptRows(page).nth(1));

    // The security questions: `s` brings them up in their pane.
    await page.keyboard.press('s');
    await onOneScreen(page, 'questions', page.getByRole('button', { name: es('console.questions.ask') }), page.locator('.console-customer h2'));
    await answerQuestions(page, 'wrong');
    await onOneScreen(page, 'questions failed', page.locator('.console-verdict--fail'));

    // The outcome, with the category its cases close with.
    await page.keyboard.press('o');
    const failed = page.getByRole('button', { name: es('backoffice.outcome.failed_security'), exact: true });
    await onOneScreen(page, 'outcomes', page.locator('#outcome-comment'), failed);
    await page.locator('#outcome-comment').fill('No responde correctamente a las preguntas de seguridad.');
    await page.getByLabel(es('console.outcome.otherCategory')).check();
    await page.locator('#outcome-cat-1').selectOption('online_banking');
    await page.locator('#outcome-cat-2').selectOption('credentials');
    await page.locator('#outcome-cat-3').selectOption('contact_centre_block');
    // The pane scrolls to the button under the fields just opened; the page does not.
    await failed.scrollIntoViewIfNeeded();
    await onOneScreen(page, 'outcome chosen', failed, page.locator('#outcome-cat-3'));
    await failed.click();
    await page.locator('.console-run-status', { hasText: es('console.run.status.waiting') }).waitFor({ timeout: 20_000 });
    // `o` brings the outcome's run to the top of its pane.
    await page.keyboard.press('o');
    const mainLink = page.getByRole('link', { name: es('console.run.mainCase') }).first();
    await onOneScreen(page, 'run waiting for the email', page.locator('.console-run-status'), mainLink);
    await checkAndShoot(page, 'workspace-run-waiting');

    // The draft: the main case opens in a tab of its own; the alert case's tab stays open.
    await mainLink.click();
    await page.locator('#drafts-title').waitFor({ timeout: 15_000 });
    const tabs = page.getByRole('navigation', { name: es('console.tabs.label') }).getByRole('listitem');
    expect(await tabs.count()).toBe(2);
    await page.keyboard.press('e');
    const send = page.getByRole('button', { name: es('console.drafts.send') });
    await onOneScreen(page, 'draft', page.locator('.console-draft textarea'), send);
    expect(await send.evaluate((el) => el === document.activeElement)).toBe(true);
    await checkAndShoot(page, 'workspace-draft');
    await send.click();

    // The main case closes by itself (Wefferent), with the category chosen on the outcome.
    await page.locator('.case-view__status', { hasText: es('backoffice.status.closed') }).waitFor({ timeout: 20_000 });
    await onOneScreen(page, 'closed', page.locator('.case-view__status'), page.locator('#page-title'));
    const mainId = new URL(page.url()).searchParams.get('id')!;
    const main = (await (await page.request.get(`${rig.server.url}/api/cases/${mainId}`)).json()) as { case: { status: string; category: string | null } };
    expect(main.case).toMatchObject({ status: 'closed', category: 'online_banking/credentials/contact_centre_block' });
    await checkAndShoot(page, 'workspace-closed');

    // Back on the alert case's tab: its run is done, the case closed too.
    await tabs.first().getByRole('link').click();
    await page.locator('.console-run-status', { hasText: es('console.run.status.done') }).waitFor({ timeout: 20_000 });
    await onOneScreen(page, 'alert case done', page.locator('.case-view__status', { hasText: es('backoffice.status.closed') }));
    expect(errors).toEqual([]);
    await context.close();
  }, 150_000);

  it('keeps two cases open in tabs, each with what was half done, across switching and a reload', async () => {
    const rig = theRig();
    const { context, page, errors } = await newPage(rig, W);
    await signInStaff(page, rig, STAFF.agent);
    const queueLink = (name: string) => page.locator('table.console-table tbody tr', { hasText: name }).first().getByRole('link').first();
    await queueLink(MARIA).click();
    await page.locator('#summary-title').waitFor({ timeout: 15_000 });
    const tabStrip = page.getByRole('navigation', { name: es('console.tabs.label') });

    // María's case: a result chosen and a comment typed, nothing sent.
    await page.locator('#attempt-result').selectOption('busy');
    await page.locator('#case-comment').fill('Comentario a medias de María');
    await page.locator('.console-customer').evaluate((el) => el.closest('.workspace-pane')!.scrollTo(0, 120));
    // David's case opens from the queue pane beside the case.
    await page.locator('.workspace-queue__item', { hasText: DAVID }).getByRole('link').first().click();
    await page.locator('.case-view h1', { hasText: DAVID }).waitFor({ timeout: 15_000 });
    await page.locator('#outcome-comment').fill('Nota de David');
    expect(await tabStrip.getByRole('link').allInnerTexts()).toEqual([expect.stringContaining(MARIA), expect.stringContaining(DAVID)]);
    // The labels say the customer and the case number; the active one is marked.
    for (const label of await tabStrip.getByRole('link').allInnerTexts()) expect(label).toMatch(/ · caso \d+$/);
    expect(await tabStrip.locator('a[aria-current="page"]').innerText()).toContain(DAVID);
    await onOneScreen(page, 'two tabs', tabStrip);
    await checkAndShoot(page, 'workspace-tabs');

    // Back to María: her half-done work is there, David's is not on screen.
    await tabStrip.getByRole('link', { name: new RegExp(MARIA) }).click();
    await page.locator('.case-view h1', { hasText: MARIA }).waitFor();
    expect(await page.locator('#attempt-result').inputValue()).toBe('busy');
    expect(await page.locator('#case-comment').inputValue()).toBe('Comentario a medias de María');
    expect(await page.locator('.console-customer').evaluate((el) => el.closest('.workspace-pane')!.scrollTop)).toBe(120);
    expect(await page.locator('#outcome-comment').inputValue()).toBe('');
    // And David's, with `]` (the next tab).
    await page.locator('body').press(']');
    await page.locator('.case-view h1', { hasText: DAVID }).waitFor();
    expect(await page.locator('#outcome-comment').inputValue()).toBe('Nota de David');
    expect(await page.locator('#case-comment').inputValue()).toBe('');

    // The queue and back: both tabs are still open. A reload keeps them (sessionStorage).
    await page.locator('body').press('g');
    await page.getByRole('heading', { level: 1, name: es('console.queue.title') }).waitFor();
    expect(await tabStrip.getByRole('link').count()).toBe(2);
    await page.reload();
    await page.locator('table.console-table tbody tr').first().waitFor({ timeout: 15_000 });
    expect(await tabStrip.getByRole('link').allInnerTexts()).toEqual([expect.stringContaining(MARIA), expect.stringContaining(DAVID)]);

    // Closing a tab: the case on screen closes and its neighbour takes its place.
    await tabStrip.getByRole('link', { name: new RegExp(DAVID) }).click();
    await page.locator('.case-view h1', { hasText: DAVID }).waitFor();
    await tabStrip.getByRole('button', { name: es('console.tabs.close', { label: await tabStrip.getByRole('link', { name: new RegExp(DAVID) }).innerText() }) }).click();
    await page.locator('.case-view h1', { hasText: MARIA }).waitFor();
    expect(await tabStrip.getByRole('link').count()).toBe(1);
    // The last one with the Delete key on its tab: back to the queue.
    await tabStrip.getByRole('link').focus();
    await page.keyboard.press('Delete');
    await page.getByRole('heading', { level: 1, name: es('console.queue.title') }).waitFor();
    expect(await tabStrip.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('reaches every step from the keyboard: take, attempts, questions, outcome, close, the draft, the next case', async () => {
    const rig = theRig();
    const { context, page, errors } = await newPage(rig, W);
    await signInStaff(page, rig, STAFF.agent);
    await page.locator('table.console-table tbody tr').first().waitFor({ timeout: 15_000 });
    // The oldest new case nobody has is María's (the previous tests took Lucía's, opened María's and David's).
    await page.locator('body').press('a');
    await page.locator('.console-owner--mine').waitFor({ timeout: 15_000 });
    expect(await page.locator('#page-title').innerText()).toContain(MARIA);
    // `?` lists every key, the new ones of the workspace too.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: es('console.keys.title') });
    for (const id of ['console.keys.attempt', 'console.keys.close', 'console.keys.nextTab']) await help.getByText(es(id)).waitFor();
    await checkAndShoot(page, 'workspace-shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    await attemptByKeyboard(page, 'answered');
    await expectNoPageScroll(page, 'attempt by keyboard');

    // The questions: `s` goes to "Hacer las preguntas", Enter draws them; `s` again to the first answer.
    await page.keyboard.press('s');
    const ask = page.getByRole('button', { name: es('console.questions.ask') });
    expect(await ask.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const answers = page.locator('.console-questions input[id^="answer-"]');
    await answers.first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('s');
    for (const [i, input] of (await answers.all()).entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
      const id = (await input.getAttribute('id'))!.slice('answer-'.length);
      await page.keyboard.type(FACTS.maria[QUESTIONS.questions.find((q) => q.id === id)!.fact]);
    }
    await tabTo(page, page.getByRole('button', { name: es('console.questions.check') }));
    await page.keyboard.press('Enter');
    await page.locator('.console-verdict--pass').waitFor({ timeout: 15_000 });

    // The outcome: `o` goes to the closing comments; Tab to the outcome's button; Enter.
    await page.keyboard.press('o');
    expect(await focusedId(page)).toBe('outcome-comment');
    await page.keyboard.type('No reconoce la transferencia.');
    await tabTo(page, page.getByRole('button', { name: es('backoffice.outcome.not_confirmed'), exact: true }));
    await page.keyboard.press('Enter');
    await page.locator('.console-run-status', { hasText: es('console.run.status.done') }).waitFor({ timeout: 20_000 });

    // Closing the case with its category: `x` goes to the close form (once the case shows its outcome).
    await page.locator('.console-summary', { hasText: es('backoffice.outcome.not_confirmed') }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('x');
    // The outcome categorised the case: the form says which category it closes with, and the focus is on its comments.
    const withCategory = es('console.close.withCategory', { category: '§' }).split('§')[0]!;
    expect(await page.locator('form[aria-labelledby="close-title"]').innerText()).toContain(withCategory.trim());
    expect(await focusedId(page)).toBe('case-closing');
    await page.keyboard.type('Bloqueos y protocolo de fraudes activados; el cliente no reconoce la operación.');
    await tabTo(page, page.getByRole('button', { name: es('console.work.close') }));
    await page.keyboard.press('Enter');
    await page.locator('.case-view__status', { hasText: es('backoffice.status.closed') }).waitFor({ timeout: 15_000 });
    await expectNoPageScroll(page, 'closed by keyboard');

    // The next case: `n` opens the next new case of the queue (the pane beside says which) in another tab.
    const next = (await page.locator('.workspace-queue__item', { hasText: es('backoffice.status.new') }).first().getByRole('link').innerText()).trim();
    await page.keyboard.press('n');
    await page.locator('.case-view h1', { hasText: next }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('navigation', { name: es('console.tabs.label') }).getByRole('link').count()).toBe(2);
    // `a` takes the case on screen; three attempts without the holder; the outcome "no answer".
    await page.keyboard.press('a');
    await page.locator('.console-owner--mine').waitFor({ timeout: 15_000 });
    for (const result of ['no_answer', 'busy', 'voicemail']) await attemptByKeyboard(page, result);
    await page.keyboard.press('o');
    await page.keyboard.type('Tres intentos sin respuesta.');
    await tabTo(page, page.getByRole('button', { name: es('backoffice.outcome.no_answer'), exact: true }), 20);
    await page.keyboard.press('Enter');
    await page.locator('.console-run-status', { hasText: es('console.run.status.waiting') }).waitFor({ timeout: 20_000 });

    // The draft: `e` goes to the main case whose email waits, Enter opens it, `e` again to "Enviar correo".
    await page.keyboard.press('e');
    await page.keyboard.press('Enter');
    await page.locator('#drafts-title').waitFor({ timeout: 15_000 });
    await page.keyboard.press('e');
    const send = page.getByRole('button', { name: es('console.drafts.send') });
    expect(await send.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.case-view__status', { hasText: es('backoffice.status.closed') }).waitFor({ timeout: 20_000 });
    await expectNoPageScroll(page, 'draft sent by keyboard');

    // `[` goes back to the previous tab.
    await page.keyboard.press('[');
    await page.locator('.case-view h1', { hasText: next }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});

import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_STAFF } from '../../src/demo/demo-staff.ts';
import { t, type Locale } from '../../src/i18n/catalogue.ts';
import { seriousViolations, shot } from './browser.ts';
import type { BankingRig } from './banking.ts';

/** Helpers of the agent console's browser tests (test/e2e/console*.test.ts). */

export const es = (id: string, params?: Record<string, string | number>) => t(id, 'es', params);

/** The demo console users (docs/demo.md "Staff"), by role. */
export const STAFF = Object.fromEntries(DEMO_STAFF.map((s) => [s.role, { username: s.username, password: s.password }])) as Record<
  'agent' | 'supervisor' | 'branch' | 'admin' | 'fraud',
  { username: string; password: string }
>;

/** Signs in on `/console` through the login form. */
export async function signInStaff(page: Page, rig: BankingRig, who: { username: string; password: string }, lang: Locale = 'es'): Promise<void> {
  await page.goto(`${rig.server.url}/console?lang=${lang}`);
  await page.getByLabel(t('console.login.username', lang)).fill(who.username);
  await page.getByLabel(t('console.login.password', lang), { exact: true }).fill(who.password);
  await page.getByRole('button', { name: t('console.login.submit', lang) }).click();
  await page.getByRole('heading', { level: 1, name: t('console.queue.title', lang), exact: true }).waitFor({ timeout: 15_000 });
}

/** Checks the page with axe-core, then saves `test-results/console-<name>.png`. */
export async function checkAndShoot(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await shot(page, `console-${name}`);
}

/** Raises an alert as the dev fraud engine would (docs/backoffice.md "Posting an alert"). */
export async function raiseAlert(rig: BankingRig, body: { sourceAlertId: string; externalId: string; situation: string }): Promise<{ caseId: string; caseNumber: number }> {
  const res = await fetch(`${rig.server.url}/api/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-alert-source': 'fraud-engine', 'x-api-key': 'dev-fraud-engine-key-not-secret' },
    body: JSON.stringify({ sourceAlertId: body.sourceAlertId, customer: { externalId: body.externalId }, situation: body.situation }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { caseId: string; caseNumber: number };
}

/** The facts a person answers the security questions with (src/demo/demo-data.ts). */
export type Facts = Record<'card_last4' | 'mobile_last3' | 'landline_last3' | 'document_last3' | 'email' | 'user_code', string>;
export const FACTS: Record<'maria' | 'antonio', Facts> = {
  maria: { card_last4: '2340', mobile_last3: '331', landline_last3: '456', document_last3: '987', email: 'maria.garcia@example.com', user_code: 'MGARCIA01' },
  antonio: { card_last4: '7656', mobile_last3: '118', landline_last3: '871', document_last3: '513', email: 'antonio.martinez@example.com', user_code: 'AMARTINEZ03' },
};

const BANK = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../config/security-questions.json'), 'utf8')) as { questions: { id: string; fact: keyof Facts }[] };

const CATALOGUE = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../config/alert-catalogue.json'), 'utf8')) as { situations: Record<string, { es: string; en: string }>; details: Record<string, { es: string; en: string }> };
/** The words the console shows for a situation key (the shipped `config/alert-catalogue.json`). */
export const situationWords = (key: string, lang: Locale = 'es'): string => CATALOGUE.situations[key]![lang];
/** The words the console shows for an alert detail key. */
export const detailWords = (key: string, lang: Locale = 'es'): string => CATALOGUE.details[key]![lang];

/** Opens the case of the queue row for `customer` (and `situation`, a key: the row shows its words, the key in its title). */
export async function openCaseOf(page: Page, customer: string, situation?: string): Promise<void> {
  let row = page.locator('table.console-table tbody tr').filter({ hasText: customer });
  if (situation) row = row.filter({ has: page.locator(`.console-situation[title="${situation}"]`), hasText: situationWords(situation) });
  // The row's first link is its case; the customer's name links to the customer page.
  await row.first().getByRole('link').first().click();
  await page.locator('#summary-title').waitFor();
}

/** Records a contact attempt with the phone the console suggests. */
export async function recordAttempt(page: Page, result: string, representative?: number): Promise<void> {
  const before = await page.locator('table.console-attempts tbody tr').count();
  await page.locator('#attempt-result').selectOption(result);
  if (representative) await page.locator('#attempt-rep').selectOption({ index: representative });
  await page.getByRole('button', { name: es('console.contact.record') }).click();
  await expect.poll(() => page.locator('table.console-attempts tbody tr').count(), { timeout: 15_000 }).toBe(before + 1);
}

/** Asks the security questions and types the answers: right ones from `facts`, or wrong ones. */
export async function answerQuestions(page: Page, facts: Facts | 'wrong'): Promise<void> {
  await page.getByRole('button', { name: es('console.questions.ask') }).click();
  const inputs = page.locator('.console-questions input[id^="answer-"]');
  await inputs.first().waitFor({ timeout: 15_000 });
  for (const input of await inputs.all()) {
    const id = (await input.getAttribute('id'))!.slice('answer-'.length);
    const fact = BANK.questions.find((q) => q.id === id)!.fact;
    await input.fill(facts === 'wrong' ? 'x0000' : facts[fact]);
  }
  await page.getByRole('button', { name: es('console.questions.check') }).click();
  const verdict = facts === 'wrong' ? es('console.questions.failed') : es('console.questions.passed');
  await page.locator('.console-verdict', { hasText: verdict }).waitFor({ timeout: 15_000 });
}

/** Applies an outcome with its closing comments and waits for its run to show `status`. */
export async function applyOutcome(page: Page, outcome: string, comment: string, status: 'done' | 'waiting'): Promise<void> {
  if (comment) await page.locator('#outcome-comment').fill(comment);
  await page.getByRole('button', { name: es(`backoffice.outcome.${outcome}`), exact: true }).click();
  await page.locator('.console-run-status', { hasText: es(`console.run.status.${status}`) }).waitFor({ timeout: 20_000 });
}

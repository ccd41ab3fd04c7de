import { expect } from 'vitest';
import { setPassword } from '../../customers/credentials-store.ts';
import { hashPassword } from '../../customers/passwords.ts';
import { TestBrowser } from '../../banking/test-support.ts';
import type { Services } from '../../platform/services.ts';
import { questionBank } from '../contact/security-checks.ts';
import { newAlertCase, newScenario, rightAnswer, type Agent, type PlaybookTestApp, type Scenario } from '../playbook/test-support.ts';

/** Helpers of the ways-back HTTP tests (imported only by `*.test.ts`). */

export const PASSWORD = 'Cliente.Prueba2026';

/** Gives the customer a password of their own (not temporary), as if they had chosen it. */
export async function givePassword(services: Services, customerId: string): Promise<void> {
  await setPassword(services.db, services, customerId, await hashPassword(PASSWORD), { temporary: false, expiresAt: null, by: 'test' });
}

/**
 * Calls the customer, has them answer the security questions (right or with one wrong answer)
 * and returns the check: the agent's part of seed 002 before an outcome.
 */
export async function identifyOnCall(services: Services, agent: Agent, s: Scenario, caseId: string, pass: boolean): Promise<void> {
  expect((await agent.attempt(caseId, 'answered')).statusCode).toBe(201);
  const check = (await agent.startCheck(caseId)).json<{ id: string; questions: { id: string }[] }>();
  const factOf = (id: string) => questionBank(services).find((q) => q.id === id)!.fact;
  const answers = check.questions.map((q, i) => ({ questionId: q.id, answer: pass || i > 0 ? rightAnswer(s.answerer, factOf(q.id)) : 'no lo sé' }));
  expect((await agent.answer(check.id, answers)).json()).toMatchObject({ passed: pass });
}

/**
 * A branch customer of office 0123 the contact centre blocked by seed 002's "No responde
 * correctamente a las preguntas de seguridad", through the API: CAE and signature blocks,
 * CONSULTAS, the email sent, and the main case "Pendiente de cliente" in the office's queue.
 */
export async function blockedAtBranch(services: Services, agent: Agent): Promise<{ scenario: Scenario; caseId: string }> {
  const scenario = await newScenario(services, 'branch');
  await givePassword(services, scenario.customer.id);
  const alert = await newAlertCase(services, scenario.customer.id);
  await identifyOnCall(services, agent, scenario, alert.id, false);
  const run = (await agent.outcome(alert.id, 'failed_security', { closingComment: 'No supera las preguntas de seguridad.' })).json<{ mainCaseId: string }>();
  const drafts = (await agent.request('GET', `/api/cases/${run.mainCaseId}/drafts`)).json<{ drafts: { id: string }[] }>().drafts;
  expect((await agent.request('POST', `/api/drafts/${drafts[0]!.id}/send`)).statusCode).toBe(200);
  return { scenario, caseId: run.mainCaseId };
}

/** The customer signs in to online banking with their password: the status and the profile the session shows. */
export async function signsIn(r: PlaybookTestApp, userCode: string, password = PASSWORD): Promise<{ status: number; reason?: unknown; profile?: unknown }> {
  const browser = new TestBrowser(r.app);
  const login = await browser.login(userCode, password);
  if (login.status !== 200) return { status: login.status, reason: login.body.reason };
  return { status: 200, profile: (await browser.get('/api/banking/session')).body.profile };
}

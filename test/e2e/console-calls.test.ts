import { expect, it } from 'vitest';
import { resolve } from 'node:path';
import { describeBrowser, seriousViolations, shot, SHOTS } from '../helpers/browser.ts';
import { bankingRigSuite, newPage } from '../helpers/banking.ts';
import { answerQuestions, checkAndShoot, es, FACTS, openCaseOf, signInStaff, STAFF } from '../helpers/console.ts';

/**
 * Click to call in dev mode (issue 15 §2): the agent presses "Llamar" in the console, the
 * `/phone` page showing the customer's landline rings, the person there answers and hangs up,
 * and the attempt appears in the console recorded by itself; the agent then says who answered.
 */
const MARIA = 'María García López';
const MARIA_LANDLINE = '+34950123456';

describeBrowser('calls from the console to the dev phone in Chromium', () => {
  const suite = bankingRigSuite();

  it('calls the landline first, the /phone page rings and answers, and the console shows the attempt recorded', async () => {
    const rig = suite();
    const agent = await newPage(rig, 1280);
    const customer = await newPage(rig, 900);

    // The customer's phone: the /phone page showing María's landline.
    await customer.page.goto(`${rig.server.url}/phone`);
    await customer.page.locator('#phone-from').selectOption(MARIA_LANDLINE);

    await signInStaff(agent.page, rig, STAFF.agent);
    await openCaseOf(agent.page, MARIA);
    const contact = agent.page.locator('.console-contact');
    const callLandline = contact.getByRole('button', { name: /^Llamar al fijo/ });
    await callLandline.waitFor({ timeout: 15_000 });
    // Seed 002: the first attempt goes to the landline; the mobile is not offered yet.
    expect(await contact.getByRole('button', { name: /^Llamar al móvil/ }).count()).toBe(0);
    await callLandline.click();
    await contact.locator('.console-call-status', { hasText: es('console.call.status.ringing', { n: 1, number: '950 12 34 56' }).slice(0, 12) }).waitFor({ timeout: 15_000 });

    // It rings at the /phone page; the person there answers.
    const ringing = customer.page.locator('.phone-incoming--ringing');
    await ringing.waitFor({ timeout: 15_000 });
    expect(await ringing.innerText()).toContain(es('web.phone.incoming.title'));
    expect(await seriousViolations(customer.page), 'axe on the ringing phone').toEqual([]);
    await shot(customer.page, 'phone-incoming-call');
    await customer.page.locator('section.phone').screenshot({ path: resolve(SHOTS, 'phone-incoming-call-handset.png') });
    await ringing.getByRole('button', { name: es('web.phone.incoming.answer') }).click();
    const talking = customer.page.locator('.phone-incoming', { hasText: es('web.phone.incoming.talking') });
    await talking.waitFor({ timeout: 15_000 });

    // The console follows the call: connected, and no second call meanwhile.
    await contact.locator('.console-call-status', { hasText: es('console.call.status.in_progress', { n: 1, number: '' }).slice(0, 20) }).waitFor({ timeout: 15_000 });
    expect(await contact.getByRole('button', { name: /^Llamar al/ }).count()).toBe(0);
    await checkAndShoot(agent.page, 'call-in-progress');
    await contact.screenshot({ path: resolve(SHOTS, 'console-call-in-progress-panel.png') });

    // Hung up at the phone: the attempt appears, recorded by the call itself.
    await talking.getByRole('button', { name: es('web.phone.incoming.hangUp') }).click();
    await customer.page.locator('.phone-incoming').waitFor({ state: 'detached', timeout: 15_000 });
    const rows = contact.locator('table.console-attempts tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().innerText()).toContain(es('playbook.attempt.picked_up'));
    expect(await rows.first().innerText()).toContain(es('console.phone.landline'));

    // What only the agent knows: the holder answered. Then the security questions open.
    await agent.page.locator('#confirm-result').selectOption('answered');
    await contact.getByRole('button', { name: es('console.call.confirm.submit') }).click();
    await contact.locator('table.console-attempts tbody tr', { hasText: es('playbook.attempt.answered') }).waitFor({ timeout: 15_000 });
    await checkAndShoot(agent.page, 'call-recorded');
    await answerQuestions(agent.page, FACTS.maria);

    expect(agent.errors).toEqual([]);
    expect(customer.errors).toEqual([]);
    await agent.context.close();
    await customer.context.close();
  }, 120_000);
});

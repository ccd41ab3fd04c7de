import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { t } from '../../src/i18n/catalogue.ts';
import type { BackofficeTables } from '../../src/backoffice/schema.ts';
import type { KnowledgeTables } from '../../src/knowledge/schema.ts';
import { describeBrowser } from '../helpers/browser.ts';
import { advanceClock, demoCustomerId, newPage, openBankingRig, type BankingRig } from '../helpers/banking.ts';
import { StaffFixture } from '../helpers/staff.ts';
import { applyOutcome, checkAndShoot, es, openCaseOf, signInStaff, STAFF } from '../helpers/console.ts';

/**
 * The console's side screens in Chromium on the demo bank: the phone directory (search, "open
 * now", click-to-copy), the procedures with their feedback box, the supervisor's reports with
 * charts and CSV, and a branch user's mentions inbox. Screenshots: test-results/console-*.png.
 */
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: 15_000 });

/**
 * Some history for the reports to draw (the demo's four alerts are all new and open): closed
 * cases of the last twelve days with outcomes, agents and categories, and finished IVR calls,
 * inserted straight into their tables as the reports' own tests do.
 */
async function seedHistory(rig: BankingRig): Promise<void> {
  const { db } = rig.server.services;
  const now = rig.server.services.clock.now().getTime();
  const customerId = await demoCustomerId(rig, 'DEMO-C006');
  const outcomes = ['confirmed', 'confirmed', 'not_confirmed', 'failed_security', 'no_answer', 'doubt', 'confirmed'] as const;
  const owners = ['staff:ana.agente', 'staff:ana.agente', 'staff:pablo.agente'];
  for (let i = 0; i < 18; i++) {
    const opened = new Date(now - ((i % 12) + 1) * 86_400_000 - (i % 5) * 3_600_000);
    const closed = new Date(opened.getTime() + (5 + (i % 7) * 4) * 60_000);
    const outcome = outcomes[i % outcomes.length]!;
    await db
      .withTables<BackofficeTables>()
      .insertInto('cases')
      .values({
        id: randomUUID(), kind: i % 4 === 3 ? 'main' : 'alert', customer_id: customerId, situation: 'login_new_location', operation_id: null,
        status: 'closed', pending_reason: null, queue: 'contact_centre', owner: owners[i % owners.length]!, category: `fraud/operation_alert/${outcome}`,
        main_case_id: null, outcome, closing_comment: 'Gestión realizada.', opened_at: opened, updated_at: closed, closed_at: closed,
      })
      .execute();
  }
  const calls = ['resolved', 'resolved', 'referred', 'transferred', 'resolved', 'goodbye', 'abandoned', 'transferred'] as const;
  for (let i = 0; i < 24; i++) {
    const started = new Date(now - ((i % 12) + 1) * 86_400_000 + (i % 3) * 600_000);
    await db
      .insertInto('ivr_calls')
      .values({
        call_sid: `CA${randomUUID().replace(/-/g, '')}`, line: 'unlock', from_number: '+34600123331', to_number: '+34950183313', locale: 'es',
        definition: 'unlock-line', definition_version: '1.0.0', state: '{}', branch: null, outcome: calls[i % calls.length]!,
        started_at: started, updated_at: started, ended_at: new Date(started.getTime() + 90_000), duration_seconds: 90,
      })
      .execute();
  }
}

describeBrowser('console side screens in Chromium (seed 002 on the demo bank)', () => {
  let rig: BankingRig;
  beforeAll(async () => {
    rig = await openBankingRig();
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('directory: search by name and number, click a number to copy it, "open now" by the clock', async () => {
    const { context, page, errors } = await newPage(rig, 1280);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.server.url });
    await signInStaff(page, rig, STAFF.agent);
    await page.getByRole('link', { name: es('console.nav.directory') }).click();
    await heading(page, es('console.directory.title'));
    const entries = page.locator('.dir-entry');
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBe(35);
    await checkAndShoot(page, 'directory');

    const search = page.getByLabel(es('console.directory.search'));
    await search.fill('tarjetas');
    await expect.poll(() => page.locator('.dir-group h2').allInnerTexts(), { timeout: 15_000 }).toEqual(['Tarjetas']);
    await search.fill('denuncia');
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBe(1);
    expect(await entries.first().innerText()).toContain('900 210 303');
    await search.fill('950 97 99 68');
    await expect.poll(() => page.locator('.dir-entry__name').allInnerTexts(), { timeout: 15_000 }).toEqual(['Desbloqueo de usuario de banca electrónica']);

    // Click-to-copy: the number as dialled, and a polite confirmation.
    await page.getByRole('button', { name: `${es('console.directory.copy')} 950 97 99 68` }).click();
    await page.locator('.side-status', { hasText: es('console.directory.copied', { number: '950 97 99 68' }) }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('950979968');

    // Internal numbers carry their warning.
    await search.fill('ATU');
    await expect.poll(() => page.locator('.dir-entry--internal').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.dir-entry--internal').innerText()).toContain(es('console.directory.internal'));
    expect(errors).toEqual([]);
    await context.close();

    // "Open now" on a Sunday night: the 24-hour lines only, never those without stated hours.
    const sunday = new Date(rig.server.services.clock.now());
    sunday.setUTCDate(sunday.getUTCDate() + ((7 - sunday.getUTCDay()) % 7 || 7));
    sunday.setUTCHours(2, 0, 0, 0);
    advanceClock(rig, sunday.getTime() - rig.server.services.clock.now().getTime());
    const night = await newPage(rig, 1280);
    await signInStaff(night.page, rig, STAFF.agent);
    await night.page.goto(`${rig.server.url}/console/directory`);
    await heading(night.page, es('console.directory.title'));
    await expect.poll(() => night.page.locator('.dir-entry').count(), { timeout: 15_000 }).toBe(35);
    await night.page.getByLabel(es('console.directory.openNow')).check();
    await expect.poll(() => night.page.locator('.dir-entry').count(), { timeout: 15_000 }).toBeLessThan(35);
    const open = await night.page.locator('.dir-entry__name').allInnerTexts();
    expect(open).toContain('Atención al cliente');
    expect(open).not.toContain('Soporte Banca Electrónica');
    expect(open.some((name) => /whatsapp/i.test(name))).toBe(false);
    expect(await night.page.locator('.side-badge--closed, .side-badge--unknown').count()).toBe(0);
    await checkAndShoot(night.page, 'directory-open-now');
    expect(night.errors).toEqual([]);
    await night.context.close();
  }, 120_000);

  it('procedures: the articles, a playbook outcome with its steps linked, the feedback box stored, English', async () => {
    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.agent);
    await page.getByRole('link', { name: es('console.nav.knowledge') }).click();
    await heading(page, es('console.knowledge.title'));
    await page.getByRole('link', { name: 'No responde correctamente a las preguntas de seguridad' }).waitFor({ timeout: 15_000 });
    await checkAndShoot(page, 'knowledge');

    await page.getByLabel(es('console.knowledge.search')).fill('tipologia');
    await expect.poll(() => page.locator('.kb-list li').count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel(es('console.knowledge.search')).fill('');

    await page.getByRole('link', { name: 'No responde correctamente a las preguntas de seguridad' }).click();
    await heading(page, 'No responde correctamente a las preguntas de seguridad');
    const steps = page.locator('.kb-steps').first().locator('> li > strong');
    expect(await steps.allInnerTexts()).toEqual([
      'BLOQUEO CAE', 'BLOQUEO DE FIRMA', 'Perfil a CONSULTAS', 'Indicar al cliente', 'Crear el caso principal', 'Vincular y cerrar el caso de la alerta', 'Aplicar la macro',
      'Enviar el correo (con la oficina en copia)',
    ]);
    expect(await page.locator('h3', { hasText: es('console.knowledge.variant.virtual') }).count()).toBe(1);
    expect(await page.locator('blockquote[lang="es"]').first().innerText()).toContain('No responde correctamente a las preguntas de seguridad');

    // The feedback box: empty is refused on the page, a comment is stored.
    const send = page.getByRole('button', { name: es('console.knowledge.feedback.send') });
    await send.click();
    await page.locator('#kb-comment-error', { hasText: es('knowledge.error.feedback_empty') }).waitFor();
    await page.getByRole('radio', { name: es('console.knowledge.feedback.yes') }).check();
    await page.getByLabel(es('console.knowledge.feedback.comment'), { exact: true }).fill('Muy claro; añadiría qué decir si el cliente se enfada.');
    await send.click();
    await page.locator('.kb-feedback [role="status"]', { hasText: es('console.knowledge.feedback.thanks') }).waitFor({ timeout: 15_000 });
    const rows = await rig.server.services.db.withTables<KnowledgeTables>().selectFrom('knowledge_feedback').selectAll().execute();
    expect(rows.map((r) => [r.article_id, r.helpful, r.comment])).toEqual([['outcome-failed-security', true, 'Muy claro; añadiría qué decir si el cliente se enfada.']]);
    await checkAndShoot(page, 'knowledge-article');

    // A step links to the article that explains it.
    await page.getByRole('link', { name: es('console.knowledge.stepArticle', { label: 'BLOQUEO CAE' }) }).click();
    await heading(page, 'Bloqueos, perfil CONSULTAS y dispositivos');
    expect(page.url()).toContain('/console/knowledge?id=blocks');

    // English: the switch changes the article in place.
    await page.getByRole('button', { name: 'English' }).click();
    await heading(page, 'Blocks, the read-only profile and devices');
    expect(await page.locator('.kb-feedback h2').innerText()).toBe(t('console.knowledge.feedback.title', 'en'));
    await checkAndShoot(page, 'knowledge-article-en');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('a playbook step links to the procedure that explains it', async () => {
    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.agent);
    await openCaseOf(page, 'David López Jiménez');
    await applyOutcome(page, 'doubt', '', 'done');
    const step = page.locator('.console-step').first();
    await step.locator('summary').click();
    await step.getByRole('link', { name: es('console.knowledge.stepArticle', { label: es('playbook.action.block_cae') }) }).click();
    await heading(page, 'Bloqueos, perfil CONSULTAS y dispositivos');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('reports: a supervisor sees the cases and IVR charts and downloads the CSV; an agent is not offered them', async () => {
    await seedHistory(rig);
    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.supervisor);
    await page.getByRole('link', { name: es('console.nav.reports') }).click();
    await heading(page, es('console.reports.title'));
    const figures = page.locator('.reports-figures dd');
    await figures.first().waitFor({ timeout: 15_000 });
    // The four demo alerts, each its own case, and the history.
    expect(Number(await figures.first().innerText())).toBe(22);
    expect(await page.locator('figure.chart [role="img"]').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('figure.chart rect.chart-series--a').count()).toBeGreaterThan(0);
    await checkAndShoot(page, 'reports');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: es('console.reports.csv', { report: es('console.reports.cases') }) }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cases-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('dimension,key,cases,closed,average_handling_seconds');
    expect(csv).toMatch(/\r\nkind,alert,\d+,/);

    // A period the server refuses is said on the page.
    await page.getByLabel(es('console.reports.from')).fill('2020-01-01');
    await page.getByRole('button', { name: es('console.reports.show') }).click();
    await page.locator('[role="alert"]', { hasText: es('reports.error.invalid_period') }).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await context.close();

    const agent = await newPage(rig, 1280);
    await signInStaff(agent.page, rig, STAFF.agent);
    expect(await agent.page.getByRole('link', { name: es('console.nav.reports') }).count()).toBe(0);
    await agent.page.goto(`${rig.server.url}/console/reports`);
    await agent.page.locator('[role="alert"]', { hasText: es('console.reports.forbidden') }).waitFor({ timeout: 15_000 });
    expect((await agent.page.request.get(`${rig.server.url}/api/reports/cases`)).status()).toBe(403);
    await checkAndShoot(agent.page, 'reports-denied');
    await agent.context.close();
  }, 120_000);

  it("inbox: a branch user reads its office's mentions, sees a new one arrive live and marks one read", async () => {
    const { services } = rig.server;
    const maria = await demoCustomerId(rig, 'DEMO-C001');
    const mariaCase = await services.db.selectFrom('cases' as never).select('id' as never).where('customer_id' as never, '=', maria as never).executeTakeFirstOrThrow() as { id: string };
    const ana = await StaffFixture.signIn(rig.server.url, services, { id: 'ana.agente', role: 'agent' });
    const mention = async (text: string) => {
      const res = await fetch(`${rig.server.url}/api/cases/${mariaCase.id}/mentions`, {
        method: 'POST',
        headers: { ...ana.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ targetKind: 'office', targetId: '0123', text }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    };
    await mention('Os asignamos el caso para vuestro conocimiento y gestión. Se ha establecido BLOQUEO CAE.');
    advanceClock(rig, 60_000);
    await mention('Cliente avisado: pasará por la oficina mañana.');

    const { context, page, errors } = await newPage(rig, 1280);
    await signInStaff(page, rig, STAFF.branch);
    await page.getByRole('link', { name: es('console.nav.inbox') }).click();
    await heading(page, es('console.inbox.title'));
    const items = page.locator('.inbox-item');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(2);
    expect(await page.locator('#inbox-of').innerText()).toBe(es('console.inbox.of.office', { id: '0123' }));
    // Newest first, both unread.
    expect(await items.first().innerText()).toContain('Cliente avisado');
    expect(await page.locator('.inbox-item--unread').count()).toBe(2);
    await checkAndShoot(page, 'inbox');

    // A new mention arrives without a reload (the console's live events).
    advanceClock(rig, 60_000);
    await mention('Llamada del cliente: confirma que irá a la oficina.');
    await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(3);
    await page.locator('.side-status', { hasText: es('console.inbox.arrived') }).waitFor();
    expect(await items.first().innerText()).toContain('Llamada del cliente');

    await items.first().getByRole('button', { name: new RegExp(es('console.inbox.markRead')) }).click();
    await expect.poll(() => page.locator('.inbox-item--unread').count(), { timeout: 15_000 }).toBe(2);
    await page.getByLabel(es('console.inbox.unread')).check();
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(2);

    // Another office's inbox is refused by the server, and the page says so.
    await page.getByLabel(es('console.inbox.code.office')).fill('8683');
    await page.getByRole('button', { name: es('console.inbox.show') }).click();
    await page.locator('[role="alert"]', { hasText: es('backoffice.error.inbox_not_allowed') }).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

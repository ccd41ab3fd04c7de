import { beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { Agent, newAlertCase, newScenario, demoBankSuite, rightAnswers, type Kind, type PlaybookTestApp } from '../playbook/test-support.ts';
import { OUTCOMES, type BackofficeTables, type Outcome } from '../schema.ts';

/**
 * Issue 13: "reports count each worked alert once". Every outcome is worked through the API,
 * those that open a main case to their end (the macro's email sent), and the report's counts by
 * outcome equal the alerts worked, main cases included in the data but not counted again.
 */
describeEachDatabase('reports: each worked alert counted once', (backend) => {
  const app = demoBankSuite(backend, new ManualClock(new Date('2026-01-15T10:00:00Z')));
  /** The suite's app and services (after `beforeAll`). */
  let r: PlaybookTestApp;
  beforeAll(() => {
    r = app();
  });
  const agent = () => new Agent(r, 'ana.agent');

  /** Works one alert of a fresh customer of `kind` to `outcome`, sending the macro's email when the run waits for it. */
  async function work(outcome: Outcome, kind: Kind): Promise<void> {
    const a = agent();
    const s = await newScenario(r.services, kind);
    const c = await newAlertCase(r.services, s.customer.id);
    const answeredBy = kind === 'entity' ? { answeredBy: s.answerer.customer.id } : {};
    if (outcome === 'no_answer') for (const result of ['no_answer', 'busy', 'voicemail']) expect((await a.attempt(c.id, result)).statusCode).toBe(201);
    if (outcome === 'confirmed' || outcome === 'not_confirmed' || outcome === 'failed_security') {
      expect((await a.attempt(c.id, 'answered', answeredBy)).statusCode).toBe(201);
      const check = (await a.startCheck(c.id, answeredBy.answeredBy)).json<{ id: string; questions: { id: string }[] }>();
      const pass = outcome !== 'failed_security';
      await a.answer(check.id, pass ? rightAnswers(r.services, s.answerer, check.questions) : check.questions.map((q) => ({ questionId: q.id, answer: 'no lo sé' })));
    }
    const run = (await a.outcome(c.id, outcome, { closingComment: `Gestión: ${outcome}.` })).json<{ status: string; mainCaseId: string | null }>();
    if (run.status === 'waiting') {
      const drafts = (await a.request('GET', `/api/cases/${run.mainCaseId!}/drafts`)).json<{ drafts: { id: string }[] }>().drafts;
      expect((await a.request('POST', `/api/drafts/${drafts[0]!.id}/send`)).json()).toMatchObject({ runs: [{ status: 'done' }] });
    } else expect(run.status).toBe('done');
  }

  it('counts by outcome exactly the alerts worked, for every outcome, linked main cases included', async () => {
    const bo = r.services.db.withTables<BackofficeTables>();
    const before = await bo.selectFrom('cases').select('id').execute();
    const plan: [Outcome, Kind][] = [
      ['confirmed', 'branch'],
      ['confirmed', 'entity'],
      ['not_confirmed', 'virtual'],
      ['failed_security', 'branch'],
      ['failed_security', 'virtual'],
      ['failed_security', 'virtual'],
      ['no_answer', 'branch'],
      ['no_answer', 'virtual'],
      ['doubt', 'branch'],
    ];
    for (const [outcome, kind] of plan) await work(outcome, kind);

    const report = (await new Agent(r, 'sergio.sup', 'supervisor').request('GET', '/api/reports/cases?from=2026-01-15&to=2026-01-15')).json<{
      byOutcome: { key: string | null; cases: number; closed: number }[];
      byKind: { key: string; cases: number }[];
      byCategory: { key: string | null; cases: number; closed: number }[];
    }>();
    const worked = (o: Outcome) => plan.filter(([p]) => p === o).length;
    const demoAlerts = before.length;
    for (const outcome of OUTCOMES) expect(report.byOutcome.find((row) => row.key === outcome)?.cases, outcome).toBe(worked(outcome));
    // The demo's four alerts, not worked, are the only ones without an outcome.
    expect(report.byOutcome.find((row) => row.key === null)?.cases ?? 0).toBe(demoAlerts);
    // One main case per failed_security and no_answer alert exists, linked, and was not counted again.
    const mains = await bo.selectFrom('cases').select(['id', 'outcome', 'category', 'status']).where('kind', '=', 'main').execute();
    expect(mains).toHaveLength(worked('failed_security') + worked('no_answer'));
    expect(report.byKind.find((k) => k.key === 'main')?.cases).toBe(mains.length);
    expect(await bo.selectFrom('cases').select('id').where('kind', '=', 'alert').where('main_case_id', 'is not', null).execute()).toHaveLength(mains.length);
    // Every case the playbook closed is categorised, with its outcome's category.
    const closed = await bo.selectFrom('cases').select(['outcome', 'category']).where('status', '=', 'closed').execute();
    expect(closed.length).toBeGreaterThan(0);
    for (const c of closed) expect(c.category).toBe(`fraud/operation_alert/${c.outcome}`);
    expect(report.byCategory.find((row) => row.key === null)?.closed ?? 0).toBe(0);
  });
});

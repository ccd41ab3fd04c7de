import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { Agent, newAlertCase, newScenario, demoBankSuite, rightAnswers, type PlaybookTestApp } from '../playbook/test-support.ts';
import type { BackofficeTables } from '../schema.ts';

/** Issue 13: "a case being worked is locked to its owner", over HTTP on every backend. */
describeEachDatabase('back office: a case locked to its owner', (backend) => {
  const app = demoBankSuite(backend);
  /** The suite's app and services (after `beforeAll`). */
  let r: PlaybookTestApp;
  beforeAll(() => {
    r = app();
  });

  const bo = () => r.services.db.withTables<BackofficeTables>();
  const timeline = async (id: string) => bo().selectFrom('case_events').select(['type', 'actor', 'data']).where('case_id', '=', id).orderBy('id').execute();
  const audit = async (id: string) => (await r.services.db.selectFrom('audit_log').select(['action', 'actor', 'details']).where('subject', '=', `case:${id}`).orderBy('id').execute()).filter((a) => a.action.startsWith('case.taken'));
  const locked = (owner: string) => ({ error: 'conflict', reason: 'case_locked', details: { owner } });

  it('refuses a second agent every working action until a recorded takeover, then refuses the first', async () => {
    const ana = new Agent(r, 'ana.agent');
    const luis = new Agent(r, 'luis.agent');
    const s = await newScenario(r.services, 'branch');
    const c = await newAlertCase(r.services, s.customer.id);

    // Ana's first attempt takes the unowned case.
    expect((await ana.attempt(c.id, 'answered')).statusCode).toBe(201);
    const seen = (await luis.request('GET', `/api/cases/${c.id}`)).json<{ case: { owner: string } }>();
    expect(seen.case.owner).toBe('staff:ana.agent');
    expect((await luis.request('GET', '/api/cases?queue=contact_centre')).json<{ cases: { id: string; owner: string }[] }>().cases.find((x) => x.id === c.id)?.owner).toBe('staff:ana.agent');

    // Luis sees who has it; his actions on it are refused with the owner, and change nothing.
    for (const res of [
      await luis.attempt(c.id, 'no_answer'),
      await luis.startCheck(c.id),
      await luis.outcome(c.id, 'doubt'),
      await luis.request('POST', `/api/cases/${c.id}/take`),
      await luis.request('POST', `/api/cases/${c.id}/close`, { closingComment: 'x', category: 'fraud/operation_alert/doubt' }),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject(locked('staff:ana.agent'));
    }
    expect((await luis.request('PATCH', `/api/cases/${c.id}`, { status: 'pending_customer', pendingReason: 'x' })).json()).toMatchObject(locked('staff:ana.agent'));
    expect(await bo().selectFrom('contact_attempts').select('attempt_no').where('case_id', '=', c.id).execute()).toEqual([{ attempt_no: 1 }]);
    expect(await bo().selectFrom('security_checks').select('id').where('case_id', '=', c.id).execute()).toEqual([]);

    // Ana draws the questions; Luis cannot answer them for her.
    const check = (await ana.startCheck(c.id)).json<{ id: string; questions: { id: string }[] }>();
    const answers = rightAnswers(r.services, s.answerer, check.questions);
    expect((await luis.answer(check.id, answers)).json()).toMatchObject(locked('staff:ana.agent'));

    // Luis takes it over, on the record; then his work goes through and Ana's is refused.
    const taken = await luis.request('POST', `/api/cases/${c.id}/takeover`, { reason: 'Ana ha terminado su turno.' });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ owner: 'staff:luis.agent' });
    expect((await luis.answer(check.id, answers)).json()).toMatchObject({ passed: true });
    expect((await ana.outcome(c.id, 'confirmed', { closingComment: 'Confirma.' })).json()).toMatchObject(locked('staff:luis.agent'));
    expect((await luis.outcome(c.id, 'confirmed', { closingComment: 'Confirma.' })).json()).toMatchObject({ status: 'done' });

    const events = await timeline(c.id);
    expect(events.filter((e) => e.type === 'taken' || e.type === 'taken_over')).toEqual([
      { type: 'taken', actor: 'staff:ana.agent', data: { from: null, auto: true } },
      { type: 'taken_over', actor: 'staff:luis.agent', data: { from: 'staff:ana.agent', reason: 'Ana ha terminado su turno.' } },
    ]);
    expect(await audit(c.id)).toEqual([
      { action: 'case.taken', actor: 'staff:ana.agent', details: expect.objectContaining({ from: null }) },
      { action: 'case.taken_over', actor: 'staff:luis.agent', details: expect.objectContaining({ from: 'staff:ana.agent' }) },
    ]);
  });

  it('takes an unowned case from the queue; a supervisor reassigns; the macro’s email is its owner’s to edit and send', async () => {
    const ana = new Agent(r, 'ana.agent');
    const luis = new Agent(r, 'luis.agent');
    const sergio = new Agent(r, 'sergio.sup', 'supervisor');
    const s = await newScenario(r.services, 'virtual');
    const c = await newAlertCase(r.services, s.customer.id);

    expect((await ana.request('POST', `/api/cases/${c.id}/take`)).json()).toMatchObject({ owner: 'staff:ana.agent' });
    expect((await ana.request('POST', `/api/cases/${c.id}/take`)).statusCode).toBe(200);
    // An agent cannot give away another's case; a supervisor can.
    const patch = (who: Agent, body: object) => who.request('PATCH', `/api/cases/${c.id}`, body);
    expect((await patch(luis, { owner: 'luis.agent' })).json()).toMatchObject(locked('staff:ana.agent'));
    expect((await patch(sergio, { owner: 'luis.agent' })).json()).toMatchObject({ owner: 'staff:luis.agent' });
    expect((await patch(ana, { status: 'in_progress' })).json()).toMatchObject(locked('staff:luis.agent'));

    // Luis fails the questions; the main case (with the macro's draft) is his too.
    expect((await luis.attempt(c.id, 'answered')).statusCode).toBe(201);
    const check = (await luis.startCheck(c.id)).json<{ id: string; questions: { id: string }[] }>();
    await luis.answer(check.id, check.questions.map((q) => ({ questionId: q.id, answer: 'no lo sé' })));
    const run = (await luis.outcome(c.id, 'failed_security', { closingComment: 'No supera las preguntas.' })).json<{ status: string; mainCaseId: string }>();
    expect(run.status).toBe('waiting');
    const draftId = (await luis.request('GET', `/api/cases/${run.mainCaseId}/drafts`)).json<{ drafts: { id: string }[] }>().drafts[0]!.id;
    expect((await ana.request('PUT', `/api/drafts/${draftId}`, { subject: 'Otro asunto' })).json()).toMatchObject(locked('staff:luis.agent'));
    expect((await ana.request('POST', `/api/drafts/${draftId}/send`)).json()).toMatchObject(locked('staff:luis.agent'));
    expect((await luis.request('POST', `/api/drafts/${draftId}/send`)).json()).toMatchObject({ sentNow: true, runs: [{ status: 'done' }] });
    // A fraud analyst reads cases but takes none.
    expect((await new Agent(r, 'fabian.fraude', 'fraud').request('POST', `/api/cases/${c.id}/takeover`, {})).json()).toMatchObject({ reason: 'case_read_only' });
  });
});

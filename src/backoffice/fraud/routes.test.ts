import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/db.ts';
import { Agent, newAlertCase, newScenario, demoBankSuite, rightAnswers, type PlaybookTestApp } from '../playbook/test-support.ts';
import type { BackofficeTables } from '../schema.ts';

/** The fraud team's queue (issue 13): a task opened by "does not confirm", worked to its end over HTTP. */
describeEachDatabase('back office: the fraud team’s tasks', (backend) => {
  const app = demoBankSuite(backend);
  /** The suite's app and services (after `beforeAll`). */
  let r: PlaybookTestApp;
  beforeAll(() => {
    r = app();
  });

  interface Task {
    id: string;
    status: string;
    owner: string | null;
    result: string | null;
    closingNote: string | null;
    case: { id: string; number: number };
  }
  const ana = () => new Agent(r, 'ana.agent');

  /** An alert case whose customer answers, passes the questions and does not confirm: the playbook opens a task. */
  async function notConfirmed(): Promise<{ caseId: string; taskId: string }> {
    const s = await newScenario(r.services, 'branch');
    const c = await newAlertCase(r.services, s.customer.id);
    const agent = ana();
    expect((await agent.attempt(c.id, 'answered')).statusCode).toBe(201);
    const check = (await agent.startCheck(c.id)).json<{ id: string; questions: { id: string }[] }>();
    await agent.answer(check.id, rightAnswers(r.services, s.answerer, check.questions));
    const run = (await agent.outcome(c.id, 'not_confirmed')).json<{ status: string; steps: { action: string; result: { fraudTaskId?: string } | null }[] }>();
    expect(run.status).toBe('done');
    return { caseId: c.id, taskId: run.steps.find((x) => x.action === 'start_fraud_protocol')!.result!.fraudTaskId! };
  }

  it('is worked to its end: listed, taken, noted, closed with a result, seen from its case, every change audited', async () => {
    const first = await notConfirmed();
    r.services.clock.advance(60_000);
    const { caseId, taskId } = await notConfirmed();
    const fabian = new Agent(r, 'fabian.fraude', 'fraud');
    const rocio = new Agent(r, 'rocio.fraude', 'fraud');

    // The queue: open first, oldest first; only for the fraud team, supervisors and admins.
    const queue = (await fabian.request('GET', '/api/fraud-tasks?status=active')).json<{ tasks: Task[] }>().tasks;
    expect(queue.map((t) => t.id).filter((id) => id === first.taskId || id === taskId)).toEqual([first.taskId, taskId]);
    expect(queue.find((t) => t.id === taskId)).toMatchObject({ status: 'open', owner: null, result: null, case: { id: caseId } });
    expect((await ana().request('GET', '/api/fraud-tasks')).json()).toMatchObject({ reason: 'fraud_team_only' });
    expect((await new Agent(r, 'sergio.sup', 'supervisor').request('GET', '/api/fraud-tasks')).statusCode).toBe(200);

    // Taken by Fabián; Rocío is refused until she takes it over.
    expect((await fabian.request('POST', `/api/fraud-tasks/${taskId}/take`, {})).json()).toMatchObject({ task: { status: 'in_progress', owner: 'staff:fabian.fraude' } });
    expect((await rocio.request('POST', `/api/fraud-tasks/${taskId}/notes`, { text: 'Yo también miro esto.' })).json()).toMatchObject({ reason: 'fraud_task_locked', details: { owner: 'staff:fabian.fraude' } });
    expect((await rocio.request('POST', `/api/fraud-tasks/${taskId}/take`, {})).statusCode).toBe(409);
    const noted = await fabian.request('POST', `/api/fraud-tasks/${taskId}/notes`, { text: 'Llamo al cliente: presentará denuncia hoy.' });
    expect(noted.statusCode).toBe(200);
    expect((await fabian.request('POST', `/api/fraud-tasks/${taskId}/notes`, { text: '   ' })).json()).toMatchObject({ reason: 'note_required' });
    expect((await fabian.request('POST', `/api/fraud-tasks/${taskId}/close`, { result: 'made_up', note: 'x' })).statusCode).toBe(400);
    expect((await fabian.request('POST', `/api/fraud-tasks/${taskId}/close`, { result: 'fraud_confirmed_reported', note: ' ' })).json()).toMatchObject({ reason: 'closing_note_required' });

    // Rocío takes it over (recorded) and closes it with a result.
    expect((await rocio.request('POST', `/api/fraud-tasks/${taskId}/take`, { takeover: true, reason: 'Fabián sale de turno.' })).json()).toMatchObject({ task: { owner: 'staff:rocio.fraude' } });
    const closed = await rocio.request('POST', `/api/fraud-tasks/${taskId}/close`, { result: 'fraud_confirmed_reported', note: 'Denuncia presentada; retrocesión solicitada.' });
    expect(closed.json()).toMatchObject({ task: { status: 'closed', owner: 'staff:rocio.fraude', result: 'fraud_confirmed_reported', closingNote: 'Denuncia presentada; retrocesión solicitada.', closedBy: 'staff:rocio.fraude' } });
    expect((await rocio.request('POST', `/api/fraud-tasks/${taskId}/close`, { result: 'not_fraud', note: 'Otra vez' })).json()).toMatchObject({ reason: 'fraud_task_closed' });
    expect((await fabian.request('POST', `/api/fraud-tasks/${taskId}/notes`, { text: 'El cliente envía la copia de la denuncia.' })).statusCode).toBe(200);

    // The task's own timeline.
    const detail = (await rocio.request('GET', `/api/fraud-tasks/${taskId}`)).json<{ timeline: { type: string; actor: string; data: Record<string, unknown> }[] }>();
    expect(detail.timeline.map((e) => [e.type, e.actor])).toEqual([
      ['created', 'staff:ana.agent'],
      ['taken', 'staff:fabian.fraude'],
      ['note', 'staff:fabian.fraude'],
      ['taken_over', 'staff:rocio.fraude'],
      ['closed', 'staff:rocio.fraude'],
      ['note', 'staff:fabian.fraude'],
    ]);
    expect(detail.timeline[3]!.data).toEqual({ from: 'staff:fabian.fraude', reason: 'Fabián sale de turno.' });

    // The case that started it shows the task, its status, owner and result, to its agent.
    const c = (await ana().request('GET', `/api/cases/${caseId}`)).json<{ fraudTasks: Task[]; timeline: { type: string; data: Record<string, unknown> }[] }>();
    expect(c.fraudTasks).toEqual([expect.objectContaining({ id: taskId, status: 'closed', owner: 'staff:rocio.fraude', result: 'fraud_confirmed_reported' })]);
    expect(c.timeline.filter((e) => e.type.startsWith('fraud_')).map((e) => e.type)).toEqual(['fraud_protocol_started', 'fraud_task_taken', 'fraud_task_taken', 'fraud_task_closed']);
    expect((await ana().request('GET', `/api/fraud-tasks/${taskId}`)).statusCode).toBe(200);
    // A branch user who may not see the case may not read its task either.
    expect((await new Agent(r, 'pilar', 'branch', '0123').request('GET', `/api/fraud-tasks/${taskId}`)).json()).toMatchObject({ reason: 'fraud_task_not_found' });
    // Agents read; they do not work the fraud queue.
    expect((await ana().request('POST', `/api/fraud-tasks/${first.taskId}/take`, {})).json()).toMatchObject({ reason: 'fraud_team_only' });

    const audit = await r.services.db.selectFrom('audit_log').select(['action', 'actor', 'details']).where('subject', '=', `fraud_task:${taskId}`).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['fraud_protocol.started', 'staff:ana.agent'],
      ['fraud_task.taken', 'staff:fabian.fraude'],
      ['fraud_task.note', 'staff:fabian.fraude'],
      ['fraud_task.taken_over', 'staff:rocio.fraude'],
      ['fraud_task.closed', 'staff:rocio.fraude'],
      ['fraud_task.note', 'staff:fabian.fraude'],
    ]);
    // The audit records what changed, never the text of a note.
    expect(JSON.stringify(audit)).not.toContain('denuncia');

    // The queue lists the closed task after the open one.
    const all = (await fabian.request('GET', '/api/fraud-tasks')).json<{ tasks: Task[] }>().tasks.map((t) => t.id);
    expect(all.indexOf(first.taskId)).toBeLessThan(all.indexOf(taskId));
    expect((await fabian.request('GET', '/api/fraud-tasks?status=closed')).json<{ tasks: Task[] }>().tasks.map((t) => t.id)).toContain(taskId);
  });

  it('lets a supervisor reassign a task, or put it back in the queue', async () => {
    const { taskId } = await notConfirmed();
    const fabian = new Agent(r, 'fabian.fraude', 'fraud');
    const sergio = new Agent(r, 'sergio.sup', 'supervisor');
    await fabian.request('POST', `/api/fraud-tasks/${taskId}/take`, {});
    expect((await new Agent(r, 'rocio.fraude', 'fraud').request('POST', `/api/fraud-tasks/${taskId}/assign`, { owner: 'rocio.fraude' })).json()).toMatchObject({ reason: 'fraud_task_locked' });
    expect((await sergio.request('POST', `/api/fraud-tasks/${taskId}/assign`, { owner: 'rocio.fraude' })).json()).toMatchObject({ task: { status: 'in_progress', owner: 'staff:rocio.fraude' } });
    expect((await sergio.request('POST', `/api/fraud-tasks/${taskId}/assign`, { owner: null })).json()).toMatchObject({ task: { status: 'open', owner: null } });
    const mine = (await fabian.request('GET', '/api/fraud-tasks?owner=me')).json<{ tasks: Task[] }>().tasks;
    expect(mine.map((t) => t.id)).not.toContain(taskId);
    expect((await fabian.request('GET', '/api/fraud-tasks/00000000-0000-4000-8000-000000000000')).json()).toMatchObject({ reason: 'fraud_task_not_found' });
    expect((await r.services.db.withTables<BackofficeTables>().selectFrom('fraud_task_events').select('type').where('task_id', '=', taskId).orderBy('id').execute()).map((e) => e.type)).toEqual([
      'created',
      'taken',
      'assigned',
      'assigned',
    ]);
  });
});

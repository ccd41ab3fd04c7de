import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RouteModule } from '../../http/modules.ts';
import { canReassign, canSeeCase, requireStaff, staffActor, type Staff } from '../access.ts';
import { MAX_TEXT } from '../cases/rules.ts';
import { getCase } from '../cases/store.ts';
import { refusals, staffDoc } from '../cases/views.ts';
import { fraudError } from './errors.ts';
import { FRAUD_RESULTS, FRAUD_TASK_STATUSES, type TaskCommand } from './rules.ts';
import { getFraudTask, runTaskCommand } from './store.ts';
import { fraudTaskDetail, FraudTaskDetail, FraudTaskView, listFraudTasks } from './views.ts';

/**
 * The fraud team's queue (DESIGN.md section 3: "fraud-protocol task — the fraud team closes it
 * with a result"). The fraud team, supervisors and admins list, take, note and close tasks; the
 * staff who may see a task's case read it (the case view shows its tasks).
 */
const STORABLE = '^[^\\u0000\\p{Cs}]*$';
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const StaffIdPattern = '^[A-Za-z0-9._-]{1,64}$';

/** The fraud team works tasks; supervisors and admins too (they also reassign). */
const worksFraud = (staff: Staff) => staff.role === 'fraud' || canReassign(staff);

export const fraudRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));

  const fraudTeam = async (req: FastifyRequest) => {
    const staff = await requireStaff(req, services);
    if (!worksFraud(staff)) throw fraudError('fraud_team_only', 'the fraud queue is the fraud team’s, its supervisors’ and admins’');
    return staff;
  };
  /** A task the caller may read: the fraud team any; others those of a case they may see (else 404, as for none). */
  const readable = async (staff: Staff, id: string) => {
    const task = await getFraudTask(services.db, id);
    const theCase = task && !worksFraud(staff) ? await getCase(services.db, task.case_id) : undefined;
    if (!task || (!worksFraud(staff) && !(theCase && canSeeCase(staff, theCase)))) throw fraudError('fraud_task_not_found', 'no such fraud task');
    return task;
  };
  const change = async (req: FastifyRequest, id: string, command: TaskCommand) => {
    const staff = await fraudTeam(req);
    await runTaskCommand(services.db, services, id, command, staffActor(staff), canReassign(staff));
    return (await fraudTaskDetail(services.db, id))!;
  };

  app.get(
    '/api/fraud-tasks',
    {
      schema: {
        ...staffDoc,
        summary: 'The fraud queue: open and in-progress tasks first, oldest first; then the closed ones',
        description: '`status=active` is open and in progress together; `owner=me` the caller’s own. For the fraud team, supervisors and admins (403 `fraud_team_only` otherwise).',
        querystring: Type.Object({
          status: Type.Optional(Type.Union([...FRAUD_TASK_STATUSES.map((s) => Type.Literal(s)), Type.Literal('active')])),
          owner: Type.Optional(Type.String({ pattern: `^(me|${StaffIdPattern.slice(1, -1)})$` })),
          caseId: Type.Optional(Type.String({ format: 'uuid' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
        }),
        response: { 200: Type.Object({ tasks: Type.Array(FraudTaskView) }), ...refusals },
      },
    },
    async (req) => {
      const staff = await fraudTeam(req);
      const { status, owner, caseId, limit } = req.query;
      const ownerActor = owner === undefined ? undefined : staffActor(owner === 'me' ? staff : { id: owner });
      return { tasks: await listFraudTasks(services.db, { status, owner: ownerActor, caseId, limit: limit ?? 200 }) };
    },
  );

  app.get('/api/fraud-tasks/:id', { schema: { ...staffDoc, summary: 'A fraud task with its case, its customer and its own timeline', params: Id, response: { 200: FraudTaskDetail, ...refusals } } }, async (req) => {
    const staff = await requireStaff(req, services);
    await readable(staff, req.params.id);
    return (await fraudTaskDetail(services.db, req.params.id))!;
  });

  app.post(
    '/api/fraud-tasks/:id/take',
    {
      schema: {
        ...staffDoc,
        summary: 'Take a task: nobody’s becomes yours; another analyst’s only with `takeover: true` (recorded), else 409 `fraud_task_locked`',
        params: Id,
        body: Type.Object({ takeover: Type.Optional(Type.Boolean()), reason: Type.Optional(Type.String({ maxLength: MAX_TEXT, pattern: STORABLE })) }, { additionalProperties: false }),
        response: { 200: FraudTaskDetail, ...refusals },
      },
    },
    async (req) => change(req, req.params.id, { kind: 'take', takeover: req.body?.takeover === true, ...(req.body?.reason !== undefined ? { reason: req.body.reason } : {}) }),
  );

  app.post(
    '/api/fraud-tasks/:id/notes',
    {
      schema: {
        ...staffDoc,
        summary: 'A note on the task’s own timeline (nobody’s task becomes yours; another’s answers 409 `fraud_task_locked`)',
        params: Id,
        body: Type.Object({ text: Type.String({ minLength: 1, maxLength: MAX_TEXT, pattern: STORABLE }) }, { additionalProperties: false }),
        response: { 200: FraudTaskDetail, ...refusals },
      },
    },
    async (req) => change(req, req.params.id, { kind: 'note', text: req.body.text }),
  );

  app.post(
    '/api/fraud-tasks/:id/close',
    {
      schema: {
        ...staffDoc,
        summary: 'Close the task with a result and a closing note',
        description: `Results: ${FRAUD_RESULTS.map((r) => `\`${r}\``).join(', ')} (docs/backoffice.md, "Fraud team"). A closed task is final (409 \`fraud_task_closed\`); notes may still follow.`,
        params: Id,
        body: Type.Object(
          { result: Type.Union(FRAUD_RESULTS.map((r) => Type.Literal(r))), note: Type.String({ maxLength: MAX_TEXT, pattern: STORABLE }) },
          { additionalProperties: false },
        ),
        response: { 200: FraudTaskDetail, ...refusals },
      },
    },
    async (req) => change(req, req.params.id, { kind: 'close', result: req.body.result, note: req.body.note }),
  );

  app.post(
    '/api/fraud-tasks/:id/assign',
    {
      schema: {
        ...staffDoc,
        summary: 'Give the task to an analyst (a staff id), or back to the queue (null): supervisors and admins any task, others only their own',
        params: Id,
        body: Type.Object({ owner: Type.Union([Type.String({ pattern: StaffIdPattern }), Type.Null()]) }, { additionalProperties: false }),
        response: { 200: FraudTaskDetail, ...refusals },
      },
    },
    async (req) => change(req, req.params.id, { kind: 'assign', owner: req.body.owner === null ? null : staffActor({ id: req.body.owner }) }),
  );
};

import { Type, type Static, type TSchema } from 'typebox';
import type { RouteModule } from '../../http/modules.ts';
import { requireStaff, staffActor, type Staff } from '../access.ts';
import { refusals, staffDoc } from '../cases/views.ts';
import { localDate, periodBounds, reportPeriod } from '../reports/reports.ts';
import { CONTACT_CENTRE_QUEUE } from '../access.ts';
import { supervisorError } from './errors.ts';
import { agentFigures, caseSla, queueFigures, slaFigures } from './figures.ts';
import { caseLines, casesWorked, listNotices, markNoticeRead, openCases } from './store.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Figure = Type.Object({ count: Type.Integer(), caseIds: Type.Array(Type.String({ format: 'uuid' }), { description: 'Exactly the cases counted (the drill-down)' }) });
const Check = Type.Object({ state: Type.Union(['ok', 'warning', 'breached', 'met'].map((s) => Type.Literal(s))), dueAt: Instant });
const Warned = Type.Object({ warning: Figure, breached: Figure });

const SupervisorView = Type.Object({
  at: Instant,
  period: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }), timeZone: Type.String() }),
  queues: Type.Array(
    Type.Object({
      queue: Type.String({ description: '`contact_centre` or `office:<code>`' }),
      waiting: Figure,
      inProgress: Figure,
      pendingCustomer: Figure,
      oldestWaiting: Nullable(Type.Object({ caseId: Type.String(), number: Type.Integer(), openedAt: Instant, ageSeconds: Type.Integer() })),
    }),
  ),
  agents: Type.Array(
    Type.Object({
      agent: Type.String({ description: '`staff:<id>`' }),
      holding: Figure,
      worked: Figure,
      averageHandlingSeconds: Nullable(Type.Integer({ description: 'Mean seconds from the agent’s take to its close, over the worked cases' })),
    }),
  ),
  sla: Type.Object({
    warningFraction: Type.Number(),
    priorities: Type.Array(Type.Object({ priority: Type.String(), takeMinutes: Type.Integer(), closeMinutes: Type.Integer(), open: Figure, take: Warned, close: Warned })),
  }),
  cases: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      number: Type.Integer(),
      kind: Type.String(),
      queue: Type.String(),
      status: Type.String(),
      owner: Nullable(Type.String()),
      situation: Nullable(Type.String()),
      openedAt: Instant,
      closedAt: Nullable(Instant),
      sla: Nullable(Type.Object({ priority: Type.String(), take: Check, close: Check }, { description: 'Open cases only' })),
    }),
    { description: 'Every case a figure names, opened first' },
  ),
});

const NoticeView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseId: Type.String({ format: 'uuid' }),
  caseNumber: Type.Integer(),
  milestone: Type.Union([Type.Literal('take'), Type.Literal('close')]),
  priority: Type.String(),
  dueAt: Instant,
  noticedAt: Instant,
  readAt: Nullable(Instant),
  readBy: Nullable(Type.String()),
});

const Query = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10, description: 'First day of the period of cases worked, YYYY-MM-DD in the bank time zone (default: `to`)' })),
  to: Type.Optional(Type.String({ maxLength: 10, description: 'Last day, inclusive (default: today)' })),
});

/** The live view and its notices are the supervisors' (and the administrators'). */
function requireSupervisor(staff: Staff): Staff {
  if (staff.role !== 'supervisor' && staff.role !== 'admin') throw supervisorError('role_required', 'the live view is for the supervisor and admin roles');
  return staff;
}

/**
 * `GET /api/console/supervisor`: the supervisor's live view (issue 15 §1), and the SLA breach
 * notices of the console's inbox (`GET /api/console/sla-notices`, `POST …/{id}/read`).
 */
export const supervisorRoutes: RouteModule = async (app, { services }) => {
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  const supervisor = async (req: Parameters<typeof requireStaff>[0]) => requireSupervisor(await requireStaff(req, services));

  app.get<{ Querystring: Static<typeof Query> }>(
    '/api/console/supervisor',
    {
      schema: {
        ...staffDoc,
        summary: 'The supervisor’s live view: queues, agents and SLA milestones, each figure with its cases',
        description:
          'Per queue, the open cases waiting (nobody has them), in progress (somebody has them) and pending the customer, and the oldest waiting with its age; ' +
          'per agent, the open cases it holds and the cases it closed in the days `from`..`to` (default today) with the mean handling time from its take to the close (case timeline); ' +
          'per priority (`backoffice.sla`), the open cases about to breach (`warningFraction` of the time gone) and breached, for the first take and for the close. ' +
          'Every figure lists the ids of exactly the cases it counts; `cases` describes each. Supervisor or admin role.',
        querystring: Query,
        response: { 200: SupervisorView, ...refusals },
      },
    },
    async (req) => {
      await supervisor(req);
      const now = services.clock.now();
      const { timeZone, backoffice } = services.config;
      const to = req.query.to ?? localDate(now, timeZone);
      const period = reportPeriod({ from: req.query.from ?? to, to }, now, timeZone);
      const { start, end } = await periodBounds(services.db, period);
      const open = await openCases(services.db);
      const worked = await casesWorked(services.db, start, end);
      const openById = new Map(open.map((c) => [c.id, c]));
      const lines = await caseLines(services.db, [...new Set([...open.map((c) => c.id), ...worked.map((w) => w.caseId)])]);
      return {
        at: now.toISOString(),
        period,
        queues: queueFigures(open, now, [CONTACT_CENTRE_QUEUE]).map((q) => ({ ...q, oldestWaiting: q.oldestWaiting && { ...q.oldestWaiting, openedAt: q.oldestWaiting.openedAt.toISOString() } })),
        agents: agentFigures(open, worked),
        sla: { warningFraction: backoffice.sla.warningFraction, priorities: slaFigures(open, backoffice.sla, now) },
        cases: lines.map((c) => {
          const live = openById.get(c.id);
          const sla = live && caseSla(live, backoffice.sla, now);
          return {
            ...c,
            openedAt: c.openedAt.toISOString(),
            closedAt: c.closedAt?.toISOString() ?? null,
            sla: sla ? { priority: sla.priority, take: { ...sla.take, dueAt: sla.take.dueAt.toISOString() }, close: { ...sla.close, dueAt: sla.close.dueAt.toISOString() } } : null,
          };
        }),
      };
    },
  );

  const noticeJson = (n: Awaited<ReturnType<typeof listNotices>>[number]) => ({ ...n, dueAt: n.dueAt.toISOString(), noticedAt: n.noticedAt.toISOString(), readAt: n.readAt?.toISOString() ?? null });

  app.get<{ Querystring: { unread?: boolean; limit?: number } }>(
    '/api/console/sla-notices',
    {
      schema: {
        ...staffDoc,
        summary: 'SLA breach notices, newest first: one per case and milestone',
        description: 'Written once by the background task when an open case breaches its first take or its close (`backoffice.sla`). Supervisor or admin role.',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }),
        response: { 200: Type.Object({ notices: Type.Array(NoticeView) }), ...refusals },
      },
    },
    async (req) => {
      await supervisor(req);
      return { notices: (await listNotices(services.db, { unread: req.query.unread === true, limit: req.query.limit ?? 100 })).map(noticeJson) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/console/sla-notices/:id/read',
    {
      schema: {
        ...staffDoc,
        summary: 'Mark an SLA notice read (for every supervisor)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: NoticeView, ...refusals },
      },
    },
    async (req) => {
      const staff = await supervisor(req);
      const notice = await markNoticeRead(services.db, req.params.id, staffActor(staff), services.clock.now());
      if (!notice) throw supervisorError('notice_not_found', 'no such SLA notice');
      return noticeJson(notice);
    },
  );
};

/** The bodies as the console reads them. */
export type SupervisorViewBody = Static<typeof SupervisorView>;
export type SlaNoticeBody = Static<typeof NoticeView>;

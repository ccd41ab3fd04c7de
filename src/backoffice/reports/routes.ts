import { Type, type Static, type TSchema } from 'typebox';
import type { RouteModule } from '../../http/modules.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { requireStaff, type Staff } from '../access.ts';
import { STAFF_SECURITY } from '../cases/views.ts';
import { casesCsv, ivrCsv } from './csv.ts';
import { casesReport, ivrReport, reportPeriod, type ReportPeriod } from './reports.ts';

const ErrorBody = Type.Object({ error: Type.String(), reason: Type.Optional(Type.String()), message: Type.String(), detail: Type.Optional(Type.String()) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Period = Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }), timeZone: Type.String() });
const CaseRow = Type.Object({
  key: Nullable(Type.String()),
  cases: Type.Integer(),
  closed: Type.Integer({ description: 'Of those cases, closed before the period ended' }),
  averageHandlingSeconds: Nullable(Type.Integer({ description: 'Mean seconds opened → closed over the closed ones' })),
});
const CasesReport = Type.Object({
  period: Period,
  total: CaseRow,
  byKind: Type.Array(CaseRow),
  byOutcome: Type.Array(CaseRow),
  byCategory: Type.Array(CaseRow),
  byOwner: Type.Array(CaseRow),
  byDay: Type.Array(CaseRow),
});
const ContainmentRow = Type.Object({
  day: Nullable(Type.String({ format: 'date' })),
  finishedCalls: Type.Integer(),
  contained: Type.Integer(),
  transferred: Type.Integer(),
  containmentRate: Nullable(Type.Number()),
});
const IvrReport = Type.Object({
  period: Period,
  total: ContainmentRow,
  unfinishedCalls: Type.Integer(),
  byOutcome: Type.Array(Type.Object({ outcome: Nullable(Type.String()), calls: Type.Integer() })),
  byDay: Type.Array(ContainmentRow),
});
const Query = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10, description: 'First day, YYYY-MM-DD in the bank time zone (default: 29 days before `to`)' })),
  to: Type.Optional(Type.String({ maxLength: 10, description: 'Last day, inclusive (default: today)' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv: text/csv for a spreadsheet' })),
});

/** Reports read who handled what: supervisors and administrators only. */
function requireReportsRole(staff: Staff): void {
  if (staff.role !== 'supervisor' && staff.role !== 'admin') {
    throw new AppError('forbidden', 'reports are for the supervisor and admin roles', undefined, { reason: 'role_required', messageId: 'reports.error.role_required' });
  }
}

/** One report: its route name, what OpenAPI says of it, how it is computed and written as CSV. */
interface ReportSpec<R> {
  name: 'cases' | 'ivr';
  summary: string;
  description: string;
  schema: TSchema;
  run: (db: Db, period: ReportPeriod) => Promise<R>;
  csv: (report: R) => string;
}

const CASES: ReportSpec<Awaited<ReturnType<typeof casesReport>>> = {
  name: 'cases',
  summary: 'Cases by kind, outcome, category, agent and day, with the average handling time',
  description:
    'Cases opened in the days `from`..`to`; `closed` and the handling time (opened → closed) count those closed before the period ended. ' +
    'A null key is none (no outcome, no category, unassigned). `format=csv`: columns dimension,key,cases,closed,average_handling_seconds. Supervisor or admin role.',
  schema: CasesReport,
  run: casesReport,
  csv: casesCsv,
};

const IVR: ReportSpec<Awaited<ReturnType<typeof ivrReport>>> = {
  name: 'ivr',
  summary: 'IVR containment: calls that ended without a transfer to an agent, of all finished calls',
  description:
    'Calls started in the days `from`..`to` and finished (reported over by the provider) before the period ended. ' +
    '`format=csv`: columns dimension,key,finished_calls,contained,transferred,containment_rate. Supervisor or admin role.',
  schema: IvrReport,
  run: ivrReport,
  csv: ivrCsv,
};

/**
 * The supervisors' reports over whole days of the bank time zone: cases (by kind, outcome,
 * category, agent, day; handling time) and the IVR's containment, as JSON or CSV (`?format=csv`).
 */
export const reportsRoutes: RouteModule = async (app, { services }) => {
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  const serve = <R>(spec: ReportSpec<R>) =>
    app.get<{ Querystring: Static<typeof Query> }>(
      `/api/reports/${spec.name}`,
      {
        schema: {
          tags: ['backoffice'],
          security: STAFF_SECURITY,
          summary: spec.summary,
          description: spec.description,
          querystring: Query,
          produces: ['application/json', 'text/csv'],
          response: { 200: spec.schema, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
        },
      },
      async (req, reply) => {
        // The role, then the period: both checked before any query runs.
        requireReportsRole(await requireStaff(req, services));
        const period = reportPeriod(req.query, services.clock.now(), services.config.timeZone);
        const report = await spec.run(services.db, period);
        if (req.query.format !== 'csv') return report;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${spec.name}-${period.from}-${period.to}.csv"`)
          .send(spec.csv(report));
      },
    );
  serve(CASES);
  serve(IVR);
};

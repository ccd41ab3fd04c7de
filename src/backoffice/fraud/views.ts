import { sql } from 'kysely';
import { Type, type Static, type TSchema } from 'typebox';
import { isUuid } from '../../customers/store-support.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { BackofficeTables, FraudTaskStatus } from '../schema.ts';

/**
 * What the fraud task routes answer: a task with the case that started it and its customer
 * (who, which case, which situation), and the detail with the task's own timeline.
 */
const bo = (ex: Executor) => ex.withTables<BackofficeTables>();
const iso = (d: Date | string) => new Date(d).toISOString();
// Not `cases/views.ts`'s: that module imports this one (the case detail lists its tasks).
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const FraudTaskView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String({ description: '`online_fraud_protocol`' }),
  status: Type.Union([Type.Literal('open'), Type.Literal('in_progress'), Type.Literal('closed')]),
  owner: Nullable(Type.String({ description: '`staff:<id>` of the analyst working it' })),
  result: Nullable(Type.String({ description: 'One of the closed set of results, once closed' })),
  note: Type.String({ description: 'What the playbook wrote when it started the protocol' }),
  closingNote: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  closedBy: Nullable(Type.String()),
  version: Type.Integer(),
  case: Type.Object({ id: Type.String(), number: Type.Integer(), kind: Type.String(), status: Type.String(), situation: Nullable(Type.String()), outcome: Nullable(Type.String()) }),
  customer: Type.Object({ id: Type.String(), externalId: Type.String(), name: Type.String(), kind: Type.String(), officeCode: Type.String() }),
});
export type FraudTaskView = Static<typeof FraudTaskView>;

export const FraudTaskDetail = Type.Object({
  task: FraudTaskView,
  timeline: Type.Array(Type.Object({ id: Type.Integer(), at: Type.String({ format: 'date-time' }), actor: Type.String(), type: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) })),
});
export type FraudTaskDetail = Static<typeof FraudTaskDetail>;

function baseQuery(ex: Executor) {
  return bo(ex)
    .selectFrom('fraud_tasks as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .innerJoin('customers as cu', 'cu.id', 'f.customer_id')
    .selectAll('f')
    .select(['c.number as c_number', 'c.kind as c_kind', 'c.status as c_status', 'c.situation as c_situation', 'c.outcome as c_outcome'])
    .select(['cu.external_id as cu_external_id', 'cu.name as cu_name', 'cu.kind as cu_kind', 'cu.office_code as cu_office_code']);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function view(r: Row): FraudTaskView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    owner: r.owner,
    result: r.result,
    note: r.note,
    closingNote: r.closing_note,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    updatedAt: iso(r.updated_at),
    closedAt: r.closed_at ? iso(r.closed_at) : null,
    closedBy: r.closed_by,
    version: r.version,
    case: { id: r.case_id, number: Number(r.c_number), kind: r.c_kind, status: r.c_status, situation: r.c_situation, outcome: r.c_outcome },
    customer: { id: r.customer_id, externalId: r.cu_external_id, name: r.cu_name, kind: r.cu_kind, officeCode: r.cu_office_code },
  };
}

export interface FraudTaskFilter {
  /** One status, or `active` (open and in progress). */
  status?: FraudTaskStatus | 'active' | undefined;
  owner?: string | undefined;
  caseId?: string | undefined;
  limit: number;
}

/** The fraud queue: tasks not closed first, oldest first within each (the order they are worked in). */
export async function listFraudTasks(ex: Executor, filter: FraudTaskFilter): Promise<FraudTaskView[]> {
  let q = baseQuery(ex).orderBy(sql`f.status = 'closed'`).orderBy('f.created_at').orderBy('f.id').limit(filter.limit);
  if (filter.status === 'active') q = q.where('f.status', '<>', 'closed');
  else if (filter.status) q = q.where('f.status', '=', filter.status);
  if (filter.owner) q = q.where('f.owner', '=', filter.owner);
  if (filter.caseId !== undefined) {
    if (!isUuid(filter.caseId)) return [];
    q = q.where('f.case_id', '=', filter.caseId);
  }
  return (await q.execute()).map(view);
}

/** A task with its own timeline, oldest first; undefined for no such task. */
export async function fraudTaskDetail(ex: Executor, id: string): Promise<FraudTaskDetail | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await baseQuery(ex).where('f.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const events = await bo(ex).selectFrom('fraud_task_events').selectAll().where('task_id', '=', id).orderBy('id').execute();
  return { task: view(row), timeline: events.map((e) => ({ id: Number(e.id), at: iso(e.at), actor: e.actor, type: e.type, data: e.data })) };
}

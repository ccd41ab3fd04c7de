import { Type, type Static, type TSchema } from 'typebox';
import { centsToAmount } from '../../banking/money.ts';
import { isUuid } from '../../customers/store-support.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { BackofficeTables, Case, CaseStatus, Mention } from '../schema.ts';
import { FraudTaskView, listFraudTasks } from '../fraud/views.ts';

/**
 * What the case routes answer: a case with its customer and operation, and the detail (alerts,
 * timeline, mentions, links). No secret ever sits in a case; contact data stays with the contact
 * routes of the playbook.
 */
export const Nullable = <T extends TSchema>(t: T, options?: { description: string }) => Type.Union([t, Type.Null()], options);
const bo = (ex: Executor) => ex.withTables<BackofficeTables>();
const iso = (d: Date | string) => new Date(d).toISOString();

/** The OpenAPI tag of every back-office route, and the documentation of the staff routes. */
export const BACKOFFICE_TAGS = ['backoffice'];
/** Back-office routes take a staff session, or a service account's token (never the admin token). */
export const STAFF_SECURITY: { [scheme: string]: string[] }[] = [{ staffSession: [] }, { serviceAccount: [] }];
export const staffDoc = { tags: BACKOFFICE_TAGS, security: STAFF_SECURITY };

/** Every refusal's body (`http/errors.ts`), and the answers the back-office routes may refuse with. */
export const Refusal = Type.Object({
  error: Type.String(),
  reason: Type.Optional(Type.String()),
  message: Type.String(),
  detail: Type.Optional(Type.String()),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export const refusals = { 400: Refusal, 401: Refusal, 403: Refusal, 404: Refusal, 409: Refusal };

const CaseRef = Type.Object({ id: Type.String(), number: Type.Integer(), kind: Type.String(), status: Type.String() });

export const CaseSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.Integer({ description: 'Shown to people' }),
  kind: Type.Union([Type.Literal('alert'), Type.Literal('main')]),
  status: Type.Union([Type.Literal('new'), Type.Literal('in_progress'), Type.Literal('pending_customer'), Type.Literal('closed')]),
  pendingReason: Nullable(Type.String({ description: 'The "Pendiente de cliente" field' })),
  queue: Type.String({ description: '`contact_centre` or `office:<code>`' }),
  owner: Nullable(Type.String({ description: '`staff:<id>`' })),
  category: Nullable(Type.String({ description: '`level1/level2/level3`' })),
  situation: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  closingComment: Nullable(Type.String()),
  mainCaseId: Nullable(Type.String()),
  openedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  version: Type.Integer({ description: 'Send it back in PATCH to refuse a change made meanwhile' }),
  alertCount: Type.Integer(),
  customer: Type.Object({ id: Type.String(), externalId: Type.String(), name: Type.String(), kind: Type.String(), officeCode: Type.String(), managerId: Nullable(Type.String()) }),
  operation: Nullable(Type.Object({ id: Type.String(), reference: Type.String(), description: Type.String(), status: Type.String(), amount: Nullable(Type.String()), currency: Nullable(Type.String()) })),
});
export type CaseSummary = Static<typeof CaseSummary>;

export const MentionView = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.Optional(Type.Integer()),
  targetKind: Type.Union([Type.Literal('office'), Type.Literal('manager')]),
  targetId: Type.String(),
  text: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
});
export type MentionView = Static<typeof MentionView>;

export const CaseDetail = Type.Object({
  case: CaseSummary,
  alerts: Type.Array(Type.Object({ id: Type.String(), source: Type.String(), sourceAlertId: Type.String(), situation: Type.String(), operationId: Nullable(Type.String()), details: Type.Record(Type.String(), Type.Unknown()), receivedAt: Type.String({ format: 'date-time' }) })),
  timeline: Type.Array(Type.Object({ id: Type.Integer(), at: Type.String({ format: 'date-time' }), actor: Type.String(), type: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) })),
  mentions: Type.Array(MentionView),
  mainCase: Nullable(CaseRef),
  linkedCases: Type.Array(CaseRef, { description: 'For a main case: the cases linked to it' }),
  earlierCase: Nullable(CaseRef, { description: 'The closed case of the same customer and situation an alert opened this one after' }),
  fraudTasks: Type.Array(FraudTaskView, { description: 'The fraud team’s tasks this case started, with status, owner and result' }),
});
export type CaseDetail = Static<typeof CaseDetail>;

export interface CaseFilter {
  /** The queues the caller may see (none: all), widened by the cases `alsoOwnedBy` owns (`access.ts` caseScope). */
  queues?: string[] | undefined;
  alsoOwnedBy?: string | undefined;
  /** One queue asked for. */
  queue?: string | undefined;
  status?: CaseStatus | undefined;
  owner?: string | undefined;
  customerId?: string | undefined;
  limit: number;
}

function baseQuery(ex: Executor) {
  return bo(ex)
    .selectFrom('cases as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('operations as o', 'o.id', 'c.operation_id')
    .selectAll('c')
    .select(['cu.external_id as cu_external_id', 'cu.name as cu_name', 'cu.kind as cu_kind', 'cu.office_code as cu_office_code', 'cu.manager_id as cu_manager_id'])
    .select(['o.reference as o_reference', 'o.description as o_description', 'o.status as o_status', 'o.amount_cents as o_amount_cents', 'o.currency as o_currency'])
    .select((eb) => eb.selectFrom('alerts as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.case_id', '=', 'c.id').as('alert_count'));
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function summary(r: Row): CaseSummary {
  return {
    id: r.id,
    number: Number(r.number),
    kind: r.kind,
    status: r.status,
    pendingReason: r.pending_reason,
    queue: r.queue,
    owner: r.owner,
    category: r.category,
    situation: r.situation,
    outcome: r.outcome,
    closingComment: r.closing_comment,
    mainCaseId: r.main_case_id,
    openedAt: iso(r.opened_at),
    updatedAt: iso(r.updated_at),
    closedAt: r.closed_at ? iso(r.closed_at) : null,
    version: r.version,
    alertCount: Number(r.alert_count ?? 0),
    customer: { id: r.customer_id, externalId: r.cu_external_id, name: r.cu_name, kind: r.cu_kind, officeCode: r.cu_office_code, managerId: r.cu_manager_id },
    operation:
      r.operation_id && r.o_reference
        ? { id: r.operation_id, reference: r.o_reference, description: r.o_description ?? '', status: r.o_status ?? '', amount: r.o_amount_cents == null ? null : centsToAmount(r.o_amount_cents), currency: r.o_currency ?? null }
        : null,
  };
}

/** The cases of a queue (or several), oldest first: the order a queue is worked in. */
export async function listCases(ex: Executor, filter: CaseFilter): Promise<CaseSummary[]> {
  let q = baseQuery(ex).orderBy('c.opened_at').orderBy('c.number').limit(filter.limit);
  if (filter.queues) {
    const { queues, alsoOwnedBy } = filter;
    if (alsoOwnedBy !== undefined) q = q.where((eb) => eb.or([...(queues.length > 0 ? [eb('c.queue', 'in', queues)] : []), eb('c.owner', '=', alsoOwnedBy)]));
    else if (queues.length === 0) return [];
    else q = q.where('c.queue', 'in', queues);
  }
  if (filter.queue !== undefined) q = q.where('c.queue', '=', filter.queue);
  if (filter.status) q = q.where('c.status', '=', filter.status);
  if (filter.owner) q = q.where('c.owner', '=', filter.owner);
  if (filter.customerId) {
    if (!isUuid(filter.customerId)) return [];
    q = q.where('c.customer_id', '=', filter.customerId);
  }
  return (await q.execute()).map(summary);
}

export async function caseSummary(ex: Executor, id: string): Promise<CaseSummary | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await baseQuery(ex).where('c.id', '=', id).executeTakeFirst();
  return row ? summary(row) : undefined;
}

export function mentionView(m: Mention, caseNumber?: number): MentionView {
  return {
    id: m.id,
    caseId: m.case_id,
    ...(caseNumber !== undefined ? { caseNumber } : {}),
    targetKind: m.target_kind,
    targetId: m.target_id,
    text: m.text,
    createdBy: m.created_by,
    createdAt: iso(m.created_at),
    readAt: m.read_at ? iso(m.read_at) : null,
  };
}

const ref = (c: Pick<Case, 'id' | 'number' | 'kind' | 'status'>) => ({ id: c.id, number: Number(c.number), kind: c.kind, status: c.status });

/** A case with everything around it; the timeline in the order it happened. */
export async function caseDetail(ex: Executor, id: string): Promise<CaseDetail | undefined> {
  const head = await caseSummary(ex, id);
  if (!head) return undefined;
  const [alerts, events, mentions, main, linked, earlier, fraudTasks] = await Promise.all([
    bo(ex).selectFrom('alerts').selectAll().where('case_id', '=', id).orderBy('received_at').orderBy('id').execute(),
    bo(ex).selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id').execute(),
    bo(ex).selectFrom('mentions').selectAll().where('case_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    head.mainCaseId ? bo(ex).selectFrom('cases').select(['id', 'number', 'kind', 'status']).where('id', '=', head.mainCaseId).executeTakeFirst() : undefined,
    bo(ex).selectFrom('cases').select(['id', 'number', 'kind', 'status']).where('main_case_id', '=', id).orderBy('number').execute(),
    bo(ex).selectFrom('cases as c').innerJoin('cases as e', 'e.id', 'c.previous_case_id').select(['e.id', 'e.number', 'e.kind', 'e.status']).where('c.id', '=', id).executeTakeFirst(),
    listFraudTasks(ex, { caseId: id, limit: 50 }),
  ]);
  return {
    case: head,
    alerts: alerts.map((a) => ({ id: a.id, source: a.source, sourceAlertId: a.source_alert_id, situation: a.situation, operationId: a.operation_id, details: a.details, receivedAt: iso(a.received_at) })),
    timeline: events.map((e) => ({ id: Number(e.id), at: iso(e.at), actor: e.actor, type: e.type, data: e.data })),
    mentions: mentions.map((m) => mentionView(m)),
    mainCase: main ? ref(main) : null,
    linkedCases: linked.map(ref),
    earlierCase: earlier ? ref(earlier) : null,
    fraudTasks,
  };
}

/** The mentions of an office or a manager, newest first, with their case numbers. */
export async function inbox(ex: Executor, target: { kind: 'office' | 'manager'; id: string }, unreadOnly: boolean, limit: number): Promise<MentionView[]> {
  let q = bo(ex)
    .selectFrom('mentions as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .selectAll('m')
    .select('c.number as case_number')
    .where('m.target_kind', '=', target.kind)
    .where('m.target_id', '=', target.id)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id')
    .limit(limit);
  if (unreadOnly) q = q.where('m.read_at', 'is', null);
  return (await q.execute()).map((m) => mentionView(m, Number(m.case_number)));
}

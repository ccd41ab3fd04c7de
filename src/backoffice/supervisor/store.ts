import { randomUUID } from 'node:crypto';
import { sql, type ColumnType } from 'kysely';
import { inTransaction, isUuid } from '../../customers/store-support.ts';
import type { Executor } from '../../platform/db/database.ts';
import { appendCaseEvent, type CaseDeps } from '../cases/store.ts';
import type { BackofficeTables, CaseStatus } from '../schema.ts';
import { breaches, firstTakes, type Breach, type Milestone, type OpenCase, type SlaSettings, type TimelineEntry, type WorkedCase, workedCases } from './figures.ts';

/** Reads the supervisor's view needs (cases, their ownership timeline) and writes the breach notices. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type SlaNoticesTable = {
  id: string;
  case_id: string;
  milestone: Milestone;
  priority: string;
  due_at: Timestamp;
  noticed_at: Timestamp;
  read_at: Timestamp | null;
  read_by: string | null;
};
export type SupervisorTables = BackofficeTables & { sla_notices: SlaNoticesTable };

const sv = (ex: Executor) => ex.withTables<SupervisorTables>();

/** The timeline rows that start or end holding a case, or close it. */
const OWNERSHIP_EVENTS = ['taken', 'taken_over', 'assigned', 'closed'] as const;

/** The ownership timeline (in order) of the cases the subquery names, before `before` when given. */
async function ownershipTimeline(ex: Executor, cases: 'open' | { closedFrom: Date; closedBefore: Date }, before?: Date): Promise<TimelineEntry[]> {
  const ids =
    cases === 'open'
      ? sv(ex).selectFrom('cases').select('id').where('status', '<>', 'closed')
      : sv(ex).selectFrom('case_events').select('case_id as id').where('type', '=', 'closed').where('at', '>=', cases.closedFrom).where('at', '<', cases.closedBefore);
  let q = sv(ex).selectFrom('case_events').select(['case_id', 'at', 'actor', 'type', 'data', 'id']).where('case_id', 'in', ids).where('type', 'in', [...OWNERSHIP_EVENTS]);
  if (before) q = q.where('at', '<', before);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ caseId: r.case_id, at: new Date(r.at), actor: r.actor, type: r.type, data: r.data }));
}

/** Every open case, with the first time anybody held it. */
export async function openCases(ex: Executor): Promise<OpenCase[]> {
  const rows = await sv(ex).selectFrom('cases').select(['id', 'number', 'kind', 'queue', 'status', 'owner', 'situation', 'opened_at']).where('status', '<>', 'closed').execute();
  const taken = firstTakes(await ownershipTimeline(ex, 'open'));
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    kind: r.kind,
    queue: r.queue,
    status: r.status as Exclude<CaseStatus, 'closed'>,
    owner: r.owner,
    situation: r.situation,
    openedAt: new Date(r.opened_at),
    firstTakenAt: taken.get(r.id) ?? null,
  }));
}

/** The cases staff closed in [start, end), each with its closer's handling time. */
export async function casesWorked(ex: Executor, start: Date, end: Date): Promise<WorkedCase[]> {
  return workedCases(await ownershipTimeline(ex, { closedFrom: start, closedBefore: end }, end), start, end);
}

/** What the drill-down lists of each case. */
export interface CaseLine {
  id: string;
  number: number;
  kind: string;
  queue: string;
  status: CaseStatus;
  owner: string | null;
  situation: string | null;
  openedAt: Date;
  closedAt: Date | null;
}

export async function caseLines(ex: Executor, ids: readonly string[]): Promise<CaseLine[]> {
  if (ids.length === 0) return [];
  const rows = await sv(ex)
    .selectFrom('cases')
    .select(['id', 'number', 'kind', 'queue', 'status', 'owner', 'situation', 'opened_at', 'closed_at'])
    .where('id', 'in', [...ids])
    .orderBy('opened_at')
    .orderBy('number')
    .execute();
  return rows.map((r) => ({ id: r.id, number: Number(r.number), kind: r.kind, queue: r.queue, status: r.status, owner: r.owner, situation: r.situation, openedAt: new Date(r.opened_at), closedAt: r.closed_at ? new Date(r.closed_at) : null }));
}

/** The actor the breach notices name on the timeline. */
export const SLA_ACTOR = 'system:sla';

/**
 * One round of the breach watch: every milestone breached now by an open case gets its notice and
 * an `sla_breached` row on the case's timeline (which the console's live events carry to
 * supervisors), once. Rounds of many instances are serialised by a transaction-scoped advisory
 * lock; one that finds it taken skips (the other is doing this very work), and the unique
 * (case, milestone) key keeps any notice from being written twice. Returns the notices written.
 */
export function noticeBreaches(ex: Executor, deps: CaseDeps, sla: SlaSettings): Promise<Breach[]> {
  return inTransaction(ex, async (tx) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('cerrojo:sla-watch')) as locked`.execute(tx);
    if (!rows[0]?.locked) return [];
    const now = deps.clock.now();
    const due = breaches(await openCases(tx), sla, now);
    const written: Breach[] = [];
    for (const b of due) {
      const id = randomUUID();
      const row = await sv(tx)
        .insertInto('sla_notices')
        .values({ id, case_id: b.caseId, milestone: b.milestone, priority: b.priority, due_at: b.dueAt, noticed_at: now, read_at: null, read_by: null })
        .onConflict((oc) => oc.columns(['case_id', 'milestone']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) continue;
      await appendCaseEvent(tx, deps, b.caseId, SLA_ACTOR, 'sla_breached', { noticeId: id, milestone: b.milestone, priority: b.priority, dueAt: b.dueAt.toISOString() });
      written.push(b);
    }
    return written;
  });
}

/** A notice as the inbox lists it, with its case's number. */
export interface NoticeView {
  id: string;
  caseId: string;
  caseNumber: number;
  milestone: Milestone;
  priority: string;
  dueAt: Date;
  noticedAt: Date;
  readAt: Date | null;
  readBy: string | null;
}

const noticeQuery = (ex: Executor) =>
  sv(ex)
    .selectFrom('sla_notices as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .select(['n.id', 'n.case_id', 'n.milestone', 'n.priority', 'n.due_at', 'n.noticed_at', 'n.read_at', 'n.read_by', 'c.number']);

type NoticeRow = Awaited<ReturnType<ReturnType<typeof noticeQuery>['executeTakeFirstOrThrow']>>;
const noticeView = (r: NoticeRow): NoticeView => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: Number(r.number),
  milestone: r.milestone,
  priority: r.priority,
  dueAt: new Date(r.due_at),
  noticedAt: new Date(r.noticed_at),
  readAt: r.read_at ? new Date(r.read_at) : null,
  readBy: r.read_by,
});

/** The notices, newest first (unread only when asked). */
export async function listNotices(ex: Executor, opts: { unread: boolean; limit: number }): Promise<NoticeView[]> {
  let q = noticeQuery(ex);
  if (opts.unread) q = q.where('n.read_at', 'is', null);
  return (await q.orderBy('n.noticed_at', 'desc').orderBy('c.number', 'desc').orderBy('n.milestone').limit(opts.limit).execute()).map(noticeView);
}

/** Marks a notice read (the first reader's time stays); undefined for an unknown id. */
export async function markNoticeRead(ex: Executor, id: string, by: string, at: Date): Promise<NoticeView | undefined> {
  if (!isUuid(id)) return undefined;
  await sv(ex).updateTable('sla_notices').set({ read_at: at, read_by: by }).where('id', '=', id).where('read_at', 'is', null).execute();
  const row = await noticeQuery(ex).where('n.id', '=', id).executeTakeFirst();
  return row ? noticeView(row) : undefined;
}

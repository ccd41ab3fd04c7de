import { Type, type Static } from 'typebox';
import { answersTransfers, canSeeCase, type Staff } from '../backoffice/access.ts';
import { unlockDb } from '../backoffice/unlock/schema.ts';
import type { Executor } from '../platform/db/database.ts';

/**
 * The customer's history, newest first (issue 13: "the console shows the customer's history:
 * earlier cases, IVR calls, recoveries and blocks"): every case (a link when the person may open
 * it), every IVR call that named the customer, every step of a web recovery, every block set and
 * lifted, every branch unlock, every call the IVR handed over to an agent with the customer
 * identified (a link where the person answers transfers). Read from the records the channels already keep: cases, the audit
 * log (which names the customer of each call and recovery), the calls, blocks and unlock requests.
 */
export const HistoryItem = Type.Object({
  kind: Type.Union([Type.Literal('case'), Type.Literal('ivr_call'), Type.Literal('recovery'), Type.Literal('block_set'), Type.Literal('block_lifted'), Type.Literal('unlock'), Type.Literal('handover')]),
  at: Type.String({ format: 'date-time' }),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type HistoryItem = Static<typeof HistoryItem>;

const iso = (d: Date | string) => new Date(d).toISOString();

async function caseItems(ex: Executor, staff: Staff, customerId: string, limit: number): Promise<HistoryItem[]> {
  const rows = await unlockDb(ex).selectFrom('cases').select(['id', 'number', 'kind', 'status', 'queue', 'owner', 'outcome', 'category', 'opened_at', 'closed_at']).where('customer_id', '=', customerId).orderBy('opened_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    kind: 'case',
    at: iso(r.opened_at),
    data: { caseId: r.id, number: Number(r.number), caseKind: r.kind, status: r.status, outcome: r.outcome, category: r.category, closedAt: r.closed_at ? iso(r.closed_at) : null, visible: canSeeCase(staff, r) },
  }));
}

/** The calls and recoveries that named the customer, from the audit log (a call's actions grouped into one item). */
async function channelItems(ex: Executor, customerId: string, limit: number): Promise<HistoryItem[]> {
  const rows = await ex
    .selectFrom('audit_log')
    .select(['action', 'subject', 'at'])
    .where('customer_id', '=', customerId)
    .where((eb) => eb.or([eb('subject', 'like', 'call:%'), eb('action', 'like', 'recovery.%')]))
    .orderBy('id', 'desc')
    .limit(limit * 4)
    .execute();
  const recoveries: HistoryItem[] = rows.filter((r) => r.action.startsWith('recovery.')).map((r) => ({ kind: 'recovery', at: iso(r.at), data: { step: r.action.slice('recovery.'.length) } }));
  const calls = new Map<string, { at: Date; actions: string[] }>();
  for (const r of rows.filter((x) => x.subject?.startsWith('call:'))) {
    const call = calls.get(r.subject!) ?? { at: r.at, actions: [] };
    if (r.at < call.at) call.at = r.at;
    call.actions.unshift(r.action);
    calls.set(r.subject!, call);
  }
  const sids = [...calls.keys()].map((s) => s.slice('call:'.length));
  const records = sids.length ? await ex.selectFrom('ivr_calls').select(['call_sid', 'line', 'branch', 'outcome', 'started_at']).where('call_sid', 'in', sids).execute() : [];
  const callItems: HistoryItem[] = [...calls].map(([subject, call]) => {
    const rec = records.find((x) => `call:${x.call_sid}` === subject);
    return { kind: 'ivr_call', at: iso(rec?.started_at ?? call.at), data: { line: rec?.line ?? null, branch: rec?.branch ?? null, outcome: rec?.outcome ?? null, actions: call.actions } };
  });
  return [...recoveries, ...callItems];
}

async function blockItems(ex: Executor, customerId: string, limit: number): Promise<HistoryItem[]> {
  const rows = await ex.selectFrom('blocks').selectAll().where('customer_id', '=', customerId).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.flatMap((b): HistoryItem[] => {
    const base = { blockId: b.id, target: b.target, origin: b.origin };
    const set: HistoryItem = { kind: 'block_set', at: iso(b.created_at), data: { ...base, reason: b.reason, by: b.created_by } };
    return b.lifted_at ? [set, { kind: 'block_lifted', at: iso(b.lifted_at), data: { ...base, by: b.lifted_by, channel: b.lifted_channel } }] : [set];
  });
}

async function unlockItems(ex: Executor, customerId: string, limit: number): Promise<HistoryItem[]> {
  const rows = await unlockDb(ex).selectFrom('unlock_requests').selectAll().where('customer_id', '=', customerId).orderBy('requested_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({ kind: 'unlock', at: iso(r.requested_at), data: { requestId: r.id, status: r.status, requestedBy: r.requested_by, decidedBy: r.decided_by, reason: r.decision_reason, caseId: r.case_id } }));
}

/** The calls the IVR handed over with this customer identified: why, from which branch, and who took it. */
async function handoverItems(ex: Executor, staff: Staff, customerId: string, limit: number): Promise<HistoryItem[]> {
  const rows = await ex
    .selectFrom('ivr_handovers')
    .select(['id', 'branch', 'reason', 'status', 'taken_by', 'created_at'])
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  const visible = answersTransfers(staff);
  return rows.map((r) => ({ kind: 'handover', at: iso(r.created_at), data: { handoverId: r.id, branch: r.branch, reason: r.reason, status: r.status, takenBy: r.taken_by, visible } }));
}

/** Everything above, newest first, at most `limit` items. */
export async function customerHistory(ex: Executor, staff: Staff, customerId: string, limit: number): Promise<HistoryItem[]> {
  const parts = await Promise.all([caseItems(ex, staff, customerId, limit), channelItems(ex, customerId, limit), blockItems(ex, customerId, limit), unlockItems(ex, customerId, limit), handoverItems(ex, staff, customerId, limit)]);
  return parts
    .flat()
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit);
}

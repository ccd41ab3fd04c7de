import { canSeeCase, type Staff } from '../backoffice/access.ts';

/**
 * What the console's live stream tells a staff member (issue 6), decided from timeline rows:
 * `case` when a case it may see is created or changes, `mention` when its office (or one of its
 * office's managers) is mentioned, `sla` to supervisors and admins when a case breaches an SLA
 * milestone (issue 15 §1). Pure: the route reads the rows and the managers' offices.
 */
export interface TimelineRow {
  id: string;
  caseId: string;
  type: string;
  data: unknown;
  number: number;
  queue: string;
  owner: string | null;
}

export type ConsoleEvent =
  | { id: string; event: 'case'; data: { caseId: string; number: number; queue: string; type: string } }
  | { id: string; event: 'mention'; data: { mentionId: string; caseId: string; targetKind: 'office' | 'manager'; targetId: string } }
  | { id: string; event: 'sla'; data: { noticeId: string; caseId: string; number: number; milestone: string; priority: string } };

/** Who a mention reaches: the office's branch users (also for its managers), and admins. */
function mentionReaches(staff: Staff, target: { kind: string; id: string }, officeOfManager: (id: string) => string | undefined): boolean {
  if (staff.role === 'admin') return true;
  if (staff.role !== 'branch' || !staff.officeCode) return false;
  return target.kind === 'office' ? target.id === staff.officeCode : officeOfManager(target.id) === staff.officeCode;
}

export function consoleEvents(staff: Staff, rows: readonly TimelineRow[], officeOfManager: (id: string) => string | undefined): ConsoleEvent[] {
  const out: ConsoleEvent[] = [];
  for (const row of rows) {
    if (row.type === 'mention') {
      const d = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as { mentionId?: string; targetKind?: 'office' | 'manager'; targetId?: string };
      if (d.mentionId && d.targetKind && d.targetId && mentionReaches(staff, { kind: d.targetKind, id: d.targetId }, officeOfManager)) {
        out.push({ id: row.id, event: 'mention', data: { mentionId: d.mentionId, caseId: row.caseId, targetKind: d.targetKind, targetId: d.targetId } });
      }
    }
    if (row.type === 'sla_breached' && (staff.role === 'supervisor' || staff.role === 'admin')) {
      const d = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as { noticeId?: string; milestone?: string; priority?: string };
      if (d.noticeId) out.push({ id: row.id, event: 'sla', data: { noticeId: d.noticeId, caseId: row.caseId, number: row.number, milestone: d.milestone ?? '', priority: d.priority ?? '' } });
    }
    if (canSeeCase(staff, row)) out.push({ id: row.id, event: 'case', data: { caseId: row.caseId, number: row.number, queue: row.queue, type: row.type } });
  }
  return out;
}

/** One server-sent event in the wire format (the data is one JSON line). */
export const sseMessage = (e: ConsoleEvent): string => `id: ${e.id}\nevent: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;

/**
 * The read position of one stream. Timeline ids come from a sequence, and a transaction that
 * took an id earlier may commit after one that took a later id: so each poll looks again at the
 * last `lookback` ids above the resume point and skips those already sent.
 */
export class StreamCursor {
  private floor: bigint;
  private readonly sent = new Set<string>();
  constructor(
    start: bigint,
    private readonly lookback = 100n,
  ) {
    this.floor = start;
  }

  /** Ids at or below this one were all handled. */
  get after(): bigint {
    return this.floor;
  }

  /** The rows not sent yet; marks them sent and moves the floor up behind them. */
  take<T extends { id: string }>(rows: readonly T[]): T[] {
    const fresh = rows.filter((r) => !this.sent.has(r.id));
    for (const r of fresh) this.sent.add(r.id);
    const top = rows.reduce((max, r) => (BigInt(r.id) > max ? BigInt(r.id) : max), this.floor);
    const floor = top - this.lookback;
    if (floor > this.floor) {
      this.floor = floor;
      for (const id of this.sent) if (BigInt(id) <= floor) this.sent.delete(id);
    }
    return fresh;
  }
}

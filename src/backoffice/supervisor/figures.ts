import type { BackofficeConfig } from '../../config/config.ts';
import type { CaseKind, CaseStatus } from '../schema.ts';

/**
 * The supervisor's live view (issue 15 §1), as plain functions over cases and their timelines:
 * per queue the cases waiting and in progress and the oldest waiting, per agent the cases worked
 * and the handling time, and each open case against the SLA milestones of its priority. Every
 * figure carries the ids of exactly the cases it counts, so the console drills down from it.
 * No I/O and no clock: the route and the background task read the rows and pass `now`.
 */

export type SlaSettings = BackofficeConfig['sla'];
export type Milestone = 'take' | 'close';
export const MILESTONES: readonly Milestone[] = ['take', 'close'];

/** `ok`: in time; `warning`: past the warning fraction of its time; `breached`: past due; `met`: done (a take) or not judged. */
export type MilestoneState = 'ok' | 'warning' | 'breached' | 'met';

/** An open case as the view reads it; `firstTakenAt` is the first time anybody owned it (timeline). */
export interface OpenCase {
  id: string;
  number: number;
  kind: CaseKind;
  queue: string;
  status: Exclude<CaseStatus, 'closed'>;
  owner: string | null;
  situation: string | null;
  openedAt: Date;
  firstTakenAt: Date | null;
}

/** One row of a case's timeline, as far as ownership and closing go. */
export interface TimelineEntry {
  caseId: string;
  at: Date;
  actor: string;
  type: string;
  data: unknown;
}

/** A case closed by an agent in the period, with the handling time of that agent (take → close). */
export interface WorkedCase {
  caseId: string;
  agent: string;
  closedAt: Date;
  /** Seconds from the agent's last take of the case before the close; null when it closed a case it never held. */
  handlingSeconds: number | null;
}

/** A number the console shows, and exactly the cases behind it. */
export interface Figure {
  count: number;
  caseIds: string[];
}

const figure = (ids: readonly string[]): Figure => ({ count: ids.length, caseIds: [...ids] });

/** The priority of a case: its situation's, else the default (main cases have no situation). */
export function priorityOf(c: Pick<OpenCase, 'situation'>, sla: Pick<SlaSettings, 'situations' | 'defaultPriority'>): string {
  return (c.situation !== null ? sla.situations[c.situation] : undefined) ?? sla.defaultPriority;
}

export interface MilestoneCheck {
  state: MilestoneState;
  dueAt: Date;
}

/**
 * One milestone of one case at `now`: due `minutes` after the opening; `met` once done;
 * otherwise `breached` at or past due, `warning` once `warningFraction` of the time has gone by.
 */
export function milestoneCheck(openedAt: Date, minutes: number, done: boolean, now: Date, warningFraction: number): MilestoneCheck {
  const span = minutes * 60_000;
  const dueAt = new Date(openedAt.getTime() + span);
  if (done) return { state: 'met', dueAt };
  const elapsed = now.getTime() - openedAt.getTime();
  if (elapsed >= span) return { state: 'breached', dueAt };
  return { state: elapsed >= span * warningFraction ? 'warning' : 'ok', dueAt };
}

export interface CaseSla {
  priority: string;
  take: MilestoneCheck;
  close: MilestoneCheck;
}

/**
 * An open case against its priority's milestones. The first take is met once anybody has owned
 * it. A case "Pendiente de cliente" waits on the customer, not on the contact centre: both its
 * clocks are stopped (`met`).
 */
export function caseSla(c: OpenCase, sla: SlaSettings, now: Date): CaseSla {
  const priority = priorityOf(c, sla);
  const target = sla.priorities[priority] ?? sla.priorities[sla.defaultPriority]!;
  const pending = c.status === 'pending_customer';
  return {
    priority,
    take: milestoneCheck(c.openedAt, target.takeMinutes, pending || c.firstTakenAt !== null, now, sla.warningFraction),
    close: milestoneCheck(c.openedAt, target.closeMinutes, pending, now, sla.warningFraction),
  };
}

/** Waiting: open, not pending the customer, nobody has it. In progress: somebody has it. */
export const isWaiting = (c: OpenCase): boolean => c.status !== 'pending_customer' && c.owner === null;
export const isInProgress = (c: OpenCase): boolean => c.status !== 'pending_customer' && c.owner !== null;

export interface QueueFigures {
  queue: string;
  waiting: Figure;
  inProgress: Figure;
  pendingCustomer: Figure;
  /** The waiting case opened first, and how long it has waited (seconds since it opened). */
  oldestWaiting: { caseId: string; number: number; openedAt: Date; ageSeconds: number } | null;
}

const byOpening = (a: OpenCase, b: OpenCase) => a.openedAt.getTime() - b.openedAt.getTime() || a.number - b.number;

/** Per queue (the contact centre's first, then the others by name), oldest cases first in each figure. */
export function queueFigures(open: readonly OpenCase[], now: Date, alwaysShown: readonly string[] = []): QueueFigures[] {
  const queues = [...new Set([...alwaysShown, ...open.map((c) => c.queue)])].sort((a, b) => Number(b === 'contact_centre') - Number(a === 'contact_centre') || a.localeCompare(b));
  return queues.map((queue) => {
    const mine = open.filter((c) => c.queue === queue).sort(byOpening);
    const waiting = mine.filter(isWaiting);
    const oldest = waiting[0];
    return {
      queue,
      waiting: figure(waiting.map((c) => c.id)),
      inProgress: figure(mine.filter(isInProgress).map((c) => c.id)),
      pendingCustomer: figure(mine.filter((c) => c.status === 'pending_customer').map((c) => c.id)),
      oldestWaiting: oldest ? { caseId: oldest.id, number: oldest.number, openedAt: oldest.openedAt, ageSeconds: Math.max(0, Math.floor((now.getTime() - oldest.openedAt.getTime()) / 1000)) } : null,
    };
  });
}

/** Who starts holding a case with a timeline row: the taker, or the owner an assignment gives. */
function ownerFrom(e: TimelineEntry): string | null | undefined {
  if (e.type === 'taken' || e.type === 'taken_over') return e.actor;
  if (e.type === 'assigned') {
    const d = (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as { owner?: { to?: string | null } } | null;
    return d?.owner ? (d.owner.to ?? null) : undefined;
  }
  return undefined;
}

/** The first time anybody owned each case, from its timeline (rows in order). */
export function firstTakes(timeline: readonly TimelineEntry[]): Map<string, Date> {
  const first = new Map<string, Date>();
  for (const e of timeline) if (ownerFrom(e) && !first.has(e.caseId)) first.set(e.caseId, e.at);
  return first;
}

/**
 * The cases closed in [start, end) by a staff member, from the timelines (rows in order, each case's
 * whole timeline up to its close): one per case and closer (the last of its closes), its handling
 * time from the closer's last take (taken, taken over or assigned to them) before that close.
 */
export function workedCases(timeline: readonly TimelineEntry[], start: Date, end: Date): WorkedCase[] {
  const holder = new Map<string, { owner: string; since: Date }>();
  const worked = new Map<string, WorkedCase>();
  for (const e of timeline) {
    const owner = ownerFrom(e);
    if (owner) holder.set(e.caseId, { owner, since: e.at });
    else if (owner === null) holder.delete(e.caseId);
    if (e.type !== 'closed' || !e.actor.startsWith('staff:') || e.at < start || e.at >= end) continue;
    const held = holder.get(e.caseId);
    const handlingSeconds = held?.owner === e.actor ? Math.round((e.at.getTime() - held.since.getTime()) / 1000) : null;
    worked.set(`${e.caseId} ${e.actor}`, { caseId: e.caseId, agent: e.actor, closedAt: e.at, handlingSeconds });
  }
  return [...worked.values()];
}

export interface AgentFigures {
  agent: string;
  /** Open cases the agent holds now. */
  holding: Figure;
  /** Cases the agent closed in the period. */
  worked: Figure;
  /** Mean handling seconds (take → close) over the worked cases that have one; null when none. */
  averageHandlingSeconds: number | null;
}

/** Per agent (everybody holding or having closed a case), by name. */
export function agentFigures(open: readonly OpenCase[], worked: readonly WorkedCase[]): AgentFigures[] {
  const agents = [...new Set([...open.flatMap((c) => (c.owner ? [c.owner] : [])), ...worked.map((w) => w.agent)])].sort();
  return agents.map((agent) => {
    const mine = worked.filter((w) => w.agent === agent).sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime());
    const timed = mine.flatMap((w) => (w.handlingSeconds === null ? [] : [w.handlingSeconds]));
    return {
      agent,
      holding: figure([...open].sort(byOpening).filter((c) => c.owner === agent).map((c) => c.id)),
      worked: figure(mine.map((w) => w.caseId)),
      averageHandlingSeconds: timed.length ? Math.round(timed.reduce((a, b) => a + b, 0) / timed.length) : null,
    };
  });
}

export interface SlaFigures {
  priority: string;
  takeMinutes: number;
  closeMinutes: number;
  /** Open cases of this priority. */
  open: Figure;
  take: { warning: Figure; breached: Figure };
  close: { warning: Figure; breached: Figure };
}

/** Per configured priority (in its order): the open cases about to breach and breached, per milestone. */
export function slaFigures(open: readonly OpenCase[], sla: SlaSettings, now: Date): SlaFigures[] {
  const judged = [...open].sort(byOpening).map((c) => ({ c, s: caseSla(c, sla, now) }));
  const ids = (keep: (x: (typeof judged)[number]) => boolean) => figure(judged.filter(keep).map((x) => x.c.id));
  return Object.entries(sla.priorities).map(([priority, target]) => ({
    priority,
    takeMinutes: target.takeMinutes,
    closeMinutes: target.closeMinutes,
    open: ids((x) => x.s.priority === priority),
    take: { warning: ids((x) => x.s.priority === priority && x.s.take.state === 'warning'), breached: ids((x) => x.s.priority === priority && x.s.take.state === 'breached') },
    close: { warning: ids((x) => x.s.priority === priority && x.s.close.state === 'warning'), breached: ids((x) => x.s.priority === priority && x.s.close.state === 'breached') },
  }));
}

/** A milestone an open case has breached: what the breach notice records. */
export interface Breach {
  caseId: string;
  milestone: Milestone;
  priority: string;
  dueAt: Date;
}

/** Every milestone breached now by an open case (the task notices each once). */
export function breaches(open: readonly OpenCase[], sla: SlaSettings, now: Date): Breach[] {
  return open.flatMap((c) => {
    const s = caseSla(c, sla, now);
    return MILESTONES.filter((m) => s[m].state === 'breached').map((m) => ({ caseId: c.id, milestone: m, priority: s.priority, dueAt: s[m].dueAt }));
  });
}

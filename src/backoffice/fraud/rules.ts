import { cleanText, isOwner, MAX_TEXT } from '../cases/rules.ts';
import { checkWork, decideTake, mayReassign } from '../ownership.ts';
import type { FraudTaskStatus } from '../schema.ts';
import type { FraudReason } from './errors.ts';

/**
 * The life of a fraud-protocol task, without I/O (DESIGN.md section 3: "fraud-protocol task —
 * the fraud team closes it with a result"). The playbook's "does not confirm" opens it; the fraud
 * team takes it (one owner works it: `ownership.ts`), writes notes on its own timeline and closes
 * it with one result of a closed set. A closed task is final; notes may still follow ("what
 * happened after"), as comments do on a closed case.
 *
 * | from \ command | take                        | note                 | close                     | assign (supervisor) |
 * | -------------- | --------------------------- | -------------------- | ------------------------- | ------------------- |
 * | `open`         | `in_progress`, theirs       | taken, then noted    | taken, then `closed`      | to someone, or none |
 * | `in_progress`  | the owner's: kept; another's only on takeover | the owner's | the owner's      | to someone, or none |
 * | `closed`       | refused                     | noted                | refused                   | refused             |
 */
export const FRAUD_TASK_STATUSES: readonly FraudTaskStatus[] = ['open', 'in_progress', 'closed'];

/**
 * How a bank's fraud team ends an online-fraud protocol:
 * - `fraud_confirmed_reported`: fraud confirmed; the customer reported it (denuncia) and the bank's
 *   fraud register and the recall of the funds were started;
 * - `fraud_confirmed_recovered`: fraud confirmed; the operation was stopped or the money recovered;
 * - `not_fraud`: the customer or the team found the operation legitimate after all (the branch
 *   lifts the blocks once it identifies the customer);
 * - `customer_unreachable`: the customer could not be reached to complete the protocol;
 * - `duplicate`: the same fraud is already worked in another task.
 */
export const FRAUD_RESULTS = ['fraud_confirmed_reported', 'fraud_confirmed_recovered', 'not_fraud', 'customer_unreachable', 'duplicate'] as const;
export type FraudResult = (typeof FRAUD_RESULTS)[number];
export const isFraudResult = (value: string): value is FraudResult => (FRAUD_RESULTS as readonly string[]).includes(value);

export interface TaskState {
  status: FraudTaskStatus;
  owner: string | null;
  result: string | null;
}

export type TaskCommand =
  | { kind: 'take'; takeover: boolean; reason?: string }
  | { kind: 'note'; text: string }
  | { kind: 'close'; result: string; note: string }
  | { kind: 'assign'; owner: string | null };

/** One row of the task's own timeline. */
export interface TaskEvent {
  type: 'taken' | 'taken_over' | 'note' | 'closed' | 'assigned';
  data: Record<string, unknown>;
}

export type TaskDecision = { ok: true; next: TaskState; events: TaskEvent[] } | { ok: false; reason: FraudReason; owner?: string };

const refuse = (reason: FraudReason, owner?: string): TaskDecision => ({ ok: false, reason, ...(owner ? { owner } : {}) });
const statusOf = (owner: string | null): FraudTaskStatus => (owner === null ? 'open' : 'in_progress');

/** A text an analyst wrote, cleaned, or the reason it is refused. */
function text(raw: string, empty: 'note_required' | 'closing_note_required'): string | FraudReason {
  const clean = cleanText(raw);
  if (clean === '') return empty;
  return clean.length > MAX_TEXT ? 'text_too_long' : clean;
}

/**
 * Acting on an open task: the owner may, nobody's becomes the actor's (the `taken` event comes
 * first), another's is refused until taken over.
 */
function work(state: TaskState, actor: string): { events: TaskEvent[]; owner: string } | { refused: string } {
  const check = checkWork(state.owner, actor);
  if (!check.ok) return { refused: check.owner };
  return { events: check.takes ? [{ type: 'taken', data: {} }] : [], owner: actor };
}

/** Decides a command by `actor` (`supervises`: a supervisor or an admin) on a task in `state`. */
export function decideTask(state: TaskState, command: TaskCommand, actor: string, supervises: boolean): TaskDecision {
  const closed = state.status === 'closed';
  switch (command.kind) {
    case 'take': {
      if (closed) return refuse('fraud_task_closed');
      const d = decideTake(state.owner, actor, command.takeover);
      if (d.kind === 'refused') return refuse('fraud_task_locked', d.owner);
      if (d.kind === 'keep') return { ok: true, next: state, events: [] };
      const reason = cleanText(command.reason ?? '');
      if (reason.length > MAX_TEXT) return refuse('text_too_long');
      const event: TaskEvent = d.kind === 'take' ? { type: 'taken', data: {} } : { type: 'taken_over', data: { from: d.from, ...(reason ? { reason } : {}) } };
      return { ok: true, next: { ...state, status: 'in_progress', owner: actor }, events: [event] };
    }
    case 'note': {
      const clean = text(command.text, 'note_required');
      if (clean === 'note_required' || clean === 'text_too_long') return refuse(clean);
      if (closed) return { ok: true, next: state, events: [{ type: 'note', data: { text: clean } }] };
      const w = work(state, actor);
      if ('refused' in w) return refuse('fraud_task_locked', w.refused);
      return { ok: true, next: { ...state, status: 'in_progress', owner: w.owner }, events: [...w.events, { type: 'note', data: { text: clean } }] };
    }
    case 'close': {
      if (closed) return refuse('fraud_task_closed');
      if (!isFraudResult(command.result)) return refuse('invalid_result');
      const note = text(command.note, 'closing_note_required');
      if (note === 'closing_note_required' || note === 'text_too_long') return refuse(note);
      const w = work(state, actor);
      if ('refused' in w) return refuse('fraud_task_locked', w.refused);
      return { ok: true, next: { status: 'closed', owner: w.owner, result: command.result }, events: [...w.events, { type: 'closed', data: { result: command.result, note } }] };
    }
    case 'assign': {
      if (closed) return refuse('fraud_task_closed');
      if (command.owner !== null && !isOwner(command.owner)) return refuse('invalid_owner');
      if (!mayReassign(state.owner, actor, supervises)) return refuse('fraud_task_locked', state.owner ?? undefined);
      if (command.owner === state.owner) return { ok: true, next: state, events: [] };
      return { ok: true, next: { ...state, status: statusOf(command.owner), owner: command.owner }, events: [{ type: 'assigned', data: { from: state.owner, to: command.owner } }] };
    }
  }
}

import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.ts';
import { inTransaction, isUuid, type ClockDeps } from '../../customers/store-support.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { appendCaseEvent } from '../cases/store.ts';
import type { BackofficeTables, FraudTask, FraudTaskStatus } from '../schema.ts';
import { fraudError } from './errors.ts';
import { decideTask, type TaskCommand, type TaskEvent } from './rules.ts';

/**
 * The fraud team's tasks and their own append-only timeline. Every change locks the task row
 * (many instances share one database), is decided by `rules.ts`, and writes its task events, an
 * audit row per event and, for taking, assigning and closing, an event on the case that started
 * the task (so its agents see it there), in one transaction.
 */
const bo = (ex: Executor) => ex.withTables<BackofficeTables>();
const subject = (id: string) => `fraud_task:${id}`;

async function appendTaskEvent(ex: Executor, deps: ClockDeps, taskId: string, actor: string, type: string, data: Record<string, unknown> = {}): Promise<void> {
  await bo(ex).insertInto('fraud_task_events').values({ task_id: taskId, at: deps.clock.now(), actor, type, data: JSON.stringify(data) }).execute();
}

export interface NewFraudTask {
  caseId: string;
  customerId: string;
  kind: string;
  note: string;
  actor: string;
}

/** Opens a task for the fraud team (the playbook's `start_fraud_protocol`), on the case's timeline and in the audit log. */
export async function createFraudTask(tx: Tx, deps: ClockDeps, input: NewFraudTask): Promise<FraudTask> {
  const at = deps.clock.now();
  const task = await bo(tx)
    .insertInto('fraud_tasks')
    .values({ id: randomUUID(), case_id: input.caseId, customer_id: input.customerId, kind: input.kind, status: 'open', note: input.note, created_by: input.actor, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendTaskEvent(tx, deps, task.id, input.actor, 'created', { caseId: input.caseId, kind: input.kind });
  await appendCaseEvent(tx, deps, input.caseId, input.actor, 'fraud_protocol_started', { fraudTaskId: task.id });
  await appendAudit(tx, { at, actor: input.actor, action: 'fraud_protocol.started', customerId: input.customerId, subject: subject(task.id), details: { caseId: input.caseId } });
  return task;
}

export async function getFraudTask(ex: Executor, id: string): Promise<FraudTask | undefined> {
  if (!isUuid(id)) return undefined;
  return bo(ex).selectFrom('fraud_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What the case's timeline says of a task event (notes stay on the task's own). */
const CASE_EVENT: Partial<Record<TaskEvent['type'], string>> = { taken: 'fraud_task_taken', taken_over: 'fraud_task_taken', assigned: 'fraud_task_assigned', closed: 'fraud_task_closed' };

/** Audit details of a task event: what changed, never the text of a note. */
function auditDetails(task: FraudTask, e: TaskEvent): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(e.data).filter(([k]) => k !== 'note' && k !== 'text'));
  return { caseId: task.case_id, ...rest };
}

/**
 * Runs a command on a task (`rules.ts` decides): refused with its reason (`fraud_task_locked`
 * carries the owner in `details`), or recorded. `supervises`: a supervisor or an admin.
 */
export function runTaskCommand(ex: Executor, deps: ClockDeps, taskId: string, command: TaskCommand, actor: string, supervises: boolean): Promise<FraudTask> {
  return inTransaction(ex, async (tx) => {
    const task = isUuid(taskId) ? await bo(tx).selectFrom('fraud_tasks').selectAll().where('id', '=', taskId).forUpdate().executeTakeFirst() : undefined;
    if (!task) throw fraudError('fraud_task_not_found', 'no such fraud task');
    const decision = decideTask({ status: task.status, owner: task.owner, result: task.result }, command, actor, supervises);
    if (!decision.ok) throw fraudError(decision.reason, `fraud task ${task.id}: ${decision.reason}`, decision.owner ? { owner: decision.owner } : undefined);
    if (decision.events.length === 0) return task;
    const at = deps.clock.now();
    const { next } = decision;
    const closing = next.status === 'closed' && task.status !== 'closed';
    const closedEvent = decision.events.find((e) => e.type === 'closed');
    const updated = await bo(tx)
      .updateTable('fraud_tasks')
      .set((eb) => ({
        status: next.status as FraudTaskStatus,
        owner: next.owner,
        updated_at: at,
        version: eb('version', '+', 1),
        ...(closing ? { result: next.result, closing_note: String(closedEvent?.data.note ?? ''), closed_at: at, closed_by: actor } : {}),
      }))
      .where('id', '=', task.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const e of decision.events) {
      await appendTaskEvent(tx, deps, task.id, actor, e.type, e.data);
      const caseEvent = CASE_EVENT[e.type];
      if (caseEvent) await appendCaseEvent(tx, deps, task.case_id, actor, caseEvent, { fraudTaskId: task.id, owner: updated.owner, ...(e.type === 'closed' ? { result: updated.result } : {}), ...(e.type === 'taken_over' ? { from: e.data.from } : {}) });
    }
    for (const e of decision.events) await appendAudit(tx, { at, actor, action: `fraud_task.${e.type}`, customerId: task.customer_id, subject: subject(task.id), details: auditDetails(task, e) });
    return updated;
  });
}

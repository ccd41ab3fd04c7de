import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.ts';
import { inTransaction, isUuid, type ClockDeps } from '../customers/store-support.ts';
import type { Executor, Tx } from '../platform/db/database.ts';
import type { HandoverReason } from './flow-types.ts';
import { decideHandover, handoverBranch, type HandoverCommand, type HandoverRefusal } from './handover.ts';
import type { IvrCall, IvrHandover, IvrTables } from './schema.ts';
import type { CallState } from './state.ts';

/**
 * The handover records (`ivr_handovers`, migration 0016). One is opened in the transaction of the
 * turn that transfers the call (with that turn's audit rows and the call's new state); every later
 * change locks the row, is decided by `handover.ts` and leaves an audit row. Audit rows carry the
 * reason, branch and statuses, never a secret nor the caller's number.
 */
const ivr = (ex: Executor) => ex.withTables<IvrTables>();
const subject = (id: string) => `handover:${id}`;

export interface NewHandover {
  call: Pick<IvrCall, 'call_sid' | 'line' | 'from_number'>;
  /** The call's state after the transferring turn. */
  state: CallState;
  reason: HandoverReason;
  agentNumber: string;
}

/**
 * Records the handover of a call being transferred. The customer is named only when the call's
 * identification passed (`context.customerId`); a claim alone leaves it unidentified. A replayed
 * turn of the same call (it cannot transfer twice) writes nothing more.
 */
export async function openHandover(tx: Tx, deps: ClockDeps, input: NewHandover): Promise<IvrHandover | undefined> {
  const at = deps.clock.now();
  const customerId = input.state.context.customerId ?? null;
  const row = await ivr(tx)
    .insertInto('ivr_handovers')
    .values({
      id: randomUUID(),
      call_sid: input.call.call_sid,
      customer_id: customerId,
      identified: customerId !== null,
      caller_number: input.call.from_number,
      line: input.call.line,
      branch: handoverBranch(input.state),
      reason: input.reason,
      locale: input.state.locale,
      agent_number: input.agentNumber,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('call_sid').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  await appendAudit(tx, {
    at,
    actor: 'ivr',
    action: 'ivr.handover_opened',
    customerId,
    subject: `call:${row.call_sid}`,
    details: { handoverId: row.id, reason: row.reason, branch: row.branch, line: row.line, identified: row.identified, locale: row.locale },
  });
  return row;
}

export function findHandoverOfCall(ex: Executor, callSid: string): Promise<IvrHandover | undefined> {
  return ivr(ex).selectFrom('ivr_handovers').selectAll().where('call_sid', '=', callSid).executeTakeFirst();
}

export function getHandover(ex: Executor, id: string): Promise<IvrHandover | undefined> {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return ivr(ex).selectFrom('ivr_handovers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A refusal of a handover command: the reason the console switches on, and who has it when taken. */
export class HandoverRefused extends Error {
  constructor(
    readonly reason: HandoverRefusal | 'handover_not_found',
    readonly takenBy?: string,
  ) {
    super(`handover: ${reason}`);
  }
}

/**
 * Runs a command on a handover found by id or by its call (`dialEnded` comes from the provider,
 * which knows only the call): refused with `HandoverRefused`, or applied and recorded. Returns the
 * record as it stands afterwards.
 */
export function runHandoverCommand(ex: Executor, deps: ClockDeps, key: { id: string } | { callSid: string }, command: HandoverCommand): Promise<IvrHandover> {
  return inTransaction(ex, async (tx) => {
    let q = ivr(tx).selectFrom('ivr_handovers').selectAll();
    if ('id' in key) {
      if (!isUuid(key.id)) throw new HandoverRefused('handover_not_found');
      q = q.where('id', '=', key.id);
    } else {
      q = q.where('call_sid', '=', key.callSid);
    }
    const row = await q.forUpdate().executeTakeFirst();
    if (!row) throw new HandoverRefused('handover_not_found');
    const decision = decideHandover({ status: row.status, takenBy: row.taken_by, dialStatus: row.dial_status }, command);
    if (!decision.ok) throw new HandoverRefused(decision.reason, decision.takenBy);
    if (decision.event === null) return row;
    const at = deps.clock.now();
    const { next } = decision;
    const actor = command.kind === 'dialEnded' ? 'ivr' : command.actor;
    const updated = await ivr(tx)
      .updateTable('ivr_handovers')
      .set((eb) => ({
        status: next.status,
        taken_by: next.takenBy,
        ...(next.status === 'taken' && row.taken_at === null ? { taken_at: at } : {}),
        ...(command.kind === 'take' ? { taken_at: at } : {}),
        ...(command.kind === 'dialEnded' ? { dial_status: command.dialStatus, dial_ended_at: at } : {}),
        ...(next.status === 'closed' ? { closed_by: actor, closed_at: at } : {}),
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      at,
      actor,
      action: `handover.${decision.event}`,
      customerId: row.customer_id,
      subject: subject(row.id),
      details: { callSid: row.call_sid, from: row.status, to: next.status, ...(command.kind === 'dialEnded' ? { dialStatus: command.dialStatus } : {}) },
    });
    return updated;
  });
}

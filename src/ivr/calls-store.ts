import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { CallOutcome } from './flow-types.ts';
import type { IvrCall, IvrTables } from './schema.ts';
import type { CallState } from './state.ts';

/**
 * The call records. Every write after the first is conditional on the version read, so two
 * instances serving turns of one call (or a webhook and its retry) never overwrite each other:
 * the loser sees `false`, reloads and answers from what the winner stored.
 */
const calls = (ex: Executor) => ex.withTables<IvrTables>();

export interface NewCallRecord {
  callSid: string;
  line: string;
  from: string | null;
  to: string;
  state: CallState;
  now: Date;
  /**
   * Turn 0 already played (it needed no action): `state` is the state after it, and the call is
   * recorded as `saveTurn` would have left it, at version 1, in the same statement.
   */
  played?: { key: string; response: string };
}

/** Records a new call (at version 0, or 1 with turn 0 played); false when the call is already recorded (a retried start). */
export async function insertCall(ex: Executor, rec: NewCallRecord): Promise<boolean> {
  const played = rec.played
    ? {
        branch: rec.state.context.branch ?? null,
        outcome: rec.state.outcome ?? null,
        ended_at: rec.state.status === 'ended' ? rec.now : null,
        turn: 1,
        last_key: rec.played.key,
        last_response: rec.played.response,
        version: 1,
      }
    : {};
  const row = await calls(ex)
    .insertInto('ivr_calls')
    .values({
      call_sid: rec.callSid,
      line: rec.line,
      from_number: rec.from,
      to_number: rec.to,
      locale: rec.state.locale,
      definition: rec.state.flow,
      definition_version: rec.state.version,
      state: JSON.stringify(rec.state),
      started_at: rec.now,
      updated_at: rec.now,
      ...played,
    })
    .onConflict((oc) => oc.column('call_sid').doNothing())
    .returning('call_sid')
    .executeTakeFirst();
  return row !== undefined;
}

/** The call with this provider id, or undefined. */
export function findCall(ex: Executor, callSid: string): Promise<IvrCall | undefined> {
  return calls(ex).selectFrom('ivr_calls').selectAll().where('call_sid', '=', callSid).executeTakeFirst();
}

/**
 * Locks the call's row for the rest of the turn's transaction, so a concurrent turn waits
 * instead of redoing the work; false when the version moved since it was read.
 */
export async function lockCall(ex: Executor, callSid: string, version: number): Promise<boolean> {
  const row = await calls(ex).selectFrom('ivr_calls').select('version').where('call_sid', '=', callSid).forUpdate().executeTakeFirst();
  return row?.version === version;
}

export interface TurnRecord {
  callSid: string;
  /** The version read before the turn; the write happens only if it is still current. */
  version: number;
  state: CallState;
  turn: number;
  key: string;
  response: string;
  now: Date;
}

/** Stores a played turn if nobody else stored one since `version` was read. */
export async function saveTurn(ex: Executor, rec: TurnRecord): Promise<boolean> {
  const row = await calls(ex)
    .updateTable('ivr_calls')
    .set((eb) => ({
      state: JSON.stringify(rec.state),
      locale: rec.state.locale,
      branch: rec.state.context.branch ?? eb.ref('branch'),
      outcome: rec.state.outcome,
      // A turn that reaches a hang-up or a transfer finishes the call there: containment does
      // not wait for the provider's status callback, which may be lost or never configured.
      ended_at: rec.state.status === 'ended' ? eb.fn.coalesce('ended_at', sql<Date>`${rec.now}`) : eb.ref('ended_at'),
      turn: rec.turn,
      last_key: rec.key,
      last_response: rec.response,
      version: eb('version', '+', 1),
      updated_at: rec.now,
    }))
    .where('call_sid', '=', rec.callSid)
    .where('version', '=', rec.version)
    .returning('call_sid')
    .executeTakeFirst();
  return row !== undefined;
}

export interface CallEnd {
  callSid: string;
  version: number;
  state: CallState;
  providerStatus: string;
  durationSeconds: number | null;
  now: Date;
}

/**
 * Records the provider's report that the call is over, once: its status and duration, and, for a
 * call that had not reached its end in the flow (the caller hung up), the end and the outcome.
 * A call the flow already finished keeps its end and outcome. False on a concurrent write.
 */
export async function closeCall(ex: Executor, end: CallEnd): Promise<boolean> {
  const row = await calls(ex)
    .updateTable('ivr_calls')
    .set((eb) => ({
      state: JSON.stringify(end.state),
      outcome: eb.fn.coalesce('outcome', sql<CallOutcome>`${end.state.outcome}`),
      provider_status: end.providerStatus,
      ended_at: eb.fn.coalesce('ended_at', sql<Date>`${end.now}`),
      duration_seconds: end.durationSeconds,
      version: eb('version', '+', 1),
      updated_at: end.now,
    }))
    .where('call_sid', '=', end.callSid)
    .where('version', '=', end.version)
    .where('provider_status', 'is', null)
    .returning('call_sid')
    .executeTakeFirst();
  return row !== undefined;
}

export interface FinishedCallEnd {
  callSid: string;
  providerStatus: string;
  /** The provider's figure; without it, the time since the call started, rounded to the second. */
  durationSeconds: number | null;
  now: Date;
}

/**
 * `closeCall` in one statement for a call the flow already finished (`ended_at` set): its state,
 * end and outcome stay as they are (a hang-up changes nothing in an ended state), only the
 * provider's status and the duration are recorded, once. False when the call is not recorded,
 * already closed, or not finished (the caller hung up mid-flow: use `closeCall`).
 */
export async function closeFinishedCall(ex: Executor, end: FinishedCallEnd): Promise<boolean> {
  const row = await calls(ex)
    .updateTable('ivr_calls')
    .set((eb) => ({
      provider_status: end.providerStatus,
      duration_seconds: end.durationSeconds ?? sql<number>`greatest(0, round(extract(epoch from (${end.now}::timestamptz - started_at))))::int`,
      version: eb('version', '+', 1),
      updated_at: end.now,
    }))
    .where('call_sid', '=', end.callSid)
    .where('provider_status', 'is', null)
    .where('ended_at', 'is not', null)
    .returning('call_sid')
    .executeTakeFirst();
  return row !== undefined;
}

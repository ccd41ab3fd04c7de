import { CompiledQuery, sql } from 'kysely';
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

/*
 * The statements every turn of every call runs (read the call, store the turn) are written out
 * once as SQL rather than built per request: building a query with Kysely costs tens of
 * microseconds of CPU, a good share of a webhook's. Their meaning is that of the builder versions
 * they replaced, and the store's tests hold them to it.
 */
const FIND_CALL = 'select * from "ivr_calls" where "call_sid" = $1';
const LOCK_CALL = 'select "version" from "ivr_calls" where "call_sid" = $1 for update';
const SAVE_TURN = `update "ivr_calls" set "state" = $1, "locale" = $2, "branch" = coalesce($3, "branch"), "outcome" = $4,
  "ended_at" = case when $5::boolean then coalesce("ended_at", $6::timestamptz) else "ended_at" end,
  "turn" = $7, "last_key" = $8, "last_response" = $9, "version" = "version" + 1, "updated_at" = $6
  where "call_sid" = $10 and "version" = $11 returning "call_sid"`;

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
export async function findCall(ex: Executor, callSid: string): Promise<IvrCall | undefined> {
  const { rows } = await ex.executeQuery<IvrCall>(CompiledQuery.raw(FIND_CALL, [callSid]));
  return rows[0];
}

/**
 * Locks the call's row for the rest of the turn's transaction, so a concurrent turn waits
 * instead of redoing the work; false when the version moved since it was read.
 */
export async function lockCall(ex: Executor, callSid: string, version: number): Promise<boolean> {
  const { rows } = await ex.executeQuery<{ version: number }>(CompiledQuery.raw(LOCK_CALL, [callSid]));
  return rows[0]?.version === version;
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
  // A turn that reaches a hang-up or a transfer finishes the call there ($5): containment does
  // not wait for the provider's status callback, which may be lost or never configured.
  const params = [JSON.stringify(rec.state), rec.state.locale, rec.state.context.branch ?? null, rec.state.outcome, rec.state.status === 'ended', rec.now, rec.turn, rec.key, rec.response, rec.callSid, rec.version];
  const { rows } = await ex.executeQuery(CompiledQuery.raw(SAVE_TURN, params));
  return rows.length > 0;
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
  const { rows } = await ex.executeQuery(CompiledQuery.raw(CLOSE_FINISHED_CALL, [end.providerStatus, end.durationSeconds, end.now, end.callSid]));
  return rows.length > 0;
}

// Without the provider's duration ($2 null), the time since the call started, rounded to the second.
const CLOSE_FINISHED_CALL = `update "ivr_calls" set "provider_status" = $1,
  "duration_seconds" = coalesce($2::int, greatest(0, round(extract(epoch from ($3::timestamptz - "started_at"))))::int),
  "version" = "version" + 1, "updated_at" = $3
  where "call_sid" = $4 and "provider_status" is null and "ended_at" is not null returning "call_sid"`;

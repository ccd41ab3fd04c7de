import type { AttemptResult } from '../contact/rules.ts';

/**
 * The console's calls, without I/O (issue 15 §2). The provider reports how the customer's leg
 * ended; that is the attempt's result, which a machine can know: someone picked up, nobody did,
 * the line was busy, or the call failed. Who picked up (the holder, a representative, someone
 * else, a voicemail) only the agent can tell: a `picked_up` attempt waits for the agent's word.
 */

/** Results a call records by itself. */
export type CallResult = 'picked_up' | 'no_answer' | 'busy' | 'failed';
/**
 * How a call ends without becoming an attempt: the agent's own phone never answered, the provider
 * refused the call, or the provider never said how it ended (`CALL_LOST_MS` later).
 */
export type CallWithoutAttempt = 'agent_unreachable' | 'not_placed' | 'no_report';
export type CallEnd = CallResult | CallWithoutAttempt;

/** What the agent may say about a call someone picked up. */
export const CONFIRMATIONS = ['answered', 'not_holder', 'voicemail', 'wrong_number'] as const satisfies readonly AttemptResult[];
export type Confirmation = (typeof CONFIRMATIONS)[number];

/** Whether an attempt still waits for the agent to say who picked up. */
export const awaitsConfirmation = (result: string): boolean => result === 'picked_up';

/**
 * The result of the customer's leg from the provider's final `CallStatus` (Twilio's values);
 * null while the call is not over (queued, initiated, ringing, in-progress). A leg cancelled
 * while it rang (the agent hung up first) rang unanswered: "no answer".
 */
export function customerLegResult(status: string): CallResult | null {
  switch (status) {
    case 'completed':
      return 'picked_up';
    case 'no-answer':
    case 'canceled':
      return 'no_answer';
    case 'busy':
      return 'busy';
    case 'failed':
      return 'failed';
    default:
      return null;
  }
}

/** Whether the provider's `CallStatus` is final (the call is over). */
export const isFinalStatus = (status: string): boolean => ['completed', 'no-answer', 'canceled', 'busy', 'failed'].includes(status);

/** Whole seconds between two instants, never negative, at most a day. */
export function secondsBetween(from: Date | null, to: Date): number {
  if (!from) return 0;
  return Math.min(86_400, Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)));
}

/**
 * Whether a live dev call has rung out: the customer's phone rang `ringTimeoutSeconds` and nobody
 * answered. Twilio applies the same timeout itself (the Dial's `timeout`).
 */
export function rangOut(call: { status: string; ringing_at: Date | null }, now: Date, ringTimeoutSeconds: number): boolean {
  return call.status === 'ringing' && call.ringing_at !== null && now.getTime() - call.ringing_at.getTime() >= ringTimeoutSeconds * 1000;
}

/** A call the server recorded but never handed to the provider (it stopped in between) is over after this long. */
export const PLACING_GRACE_MS = 60_000;

/**
 * A live call the provider has said nothing about for this long is over (its callbacks were lost,
 * or the dev phone was closed mid-call): it ends as `no_report`, spending no attempt, so the case
 * can be called again.
 */
export const CALL_LOST_MS = 4 * 3600_000;

import type { CallState } from './state.ts';
import type { HandoverBranch, HandoverStatus } from './schema.ts';

/**
 * The rules of a handover record (`ivr_handovers`), pure: where the call was, how the Dial's end
 * moves the record, and what an agent may do with it. `handovers-store.ts` applies them under a
 * row lock; the console's routes (`src/backoffice/handovers/`) call the store.
 */

/** The seed branch the call was in, or `menu` when it had not reached one. */
export const handoverBranch = (state: Pick<CallState, 'context'>): HandoverBranch => state.context.branch ?? 'menu';

// Twilio's DialCallStatus values for a Dial whose called party answered.
const ANSWERED = new Set(['completed', 'answered']);

/** Whether the provider's DialCallStatus means a person answered (anything else: no-answer, busy, failed, canceled). */
export const dialAnswered = (dialStatus: string): boolean => ANSWERED.has(dialStatus);

/** What the record holds that the rules read. */
export interface HandoverFacts {
  status: HandoverStatus;
  takenBy: string | null;
  dialStatus: string | null;
}

export type HandoverCommand =
  /** The provider reports the Dial over (its action URL). */
  | { kind: 'dialEnded'; dialStatus: string }
  /** An agent takes it in the console: the context is theirs to work. */
  | { kind: 'take'; actor: string }
  /** An agent is done with it; `supervises` (a supervisor or an admin) may close another's. */
  | { kind: 'close'; actor: string; supervises: boolean };

export type HandoverRefusal = 'handover_taken' | 'handover_closed' | 'handover_waiting';

export type HandoverDecision =
  | { ok: true; next: Pick<HandoverFacts, 'status' | 'takenBy'>; event: HandoverEvent | null }
  | { ok: false; reason: HandoverRefusal; takenBy?: string };

/** What is recorded (audit action `handover.<event>`); null when nothing changes (a retry, the same agent again). */
export type HandoverEvent = 'answered' | 'unanswered' | 'taken' | 'closed';

/**
 * - The Dial ends once: its first report counts, a retried one changes nothing. Answered, a
 *   waiting record is `taken` (by phone: no agent named); not answered, it is `unanswered`. A
 *   record an agent already took or closed keeps its status.
 * - Taking: a waiting or unanswered record (to call back), or one answered by phone that no agent
 *   has claimed yet; another agent's is refused with who has it; a closed one is refused.
 * - Closing: once taken or unanswered, by whoever took it (or anyone if nobody did), or a supervisor.
 */
export function decideHandover(facts: HandoverFacts, command: HandoverCommand): HandoverDecision {
  const same = { status: facts.status, takenBy: facts.takenBy };
  switch (command.kind) {
    case 'dialEnded': {
      if (facts.dialStatus !== null) return { ok: true, next: same, event: null };
      const answered = dialAnswered(command.dialStatus);
      const status: HandoverStatus = facts.status === 'waiting' ? (answered ? 'taken' : 'unanswered') : facts.status;
      return { ok: true, next: { ...same, status }, event: answered ? 'answered' : 'unanswered' };
    }
    case 'take': {
      if (facts.status === 'closed') return { ok: false, reason: 'handover_closed' };
      if (facts.takenBy === command.actor) return { ok: true, next: same, event: null };
      if (facts.takenBy !== null) return { ok: false, reason: 'handover_taken', takenBy: facts.takenBy };
      return { ok: true, next: { status: 'taken', takenBy: command.actor }, event: 'taken' };
    }
    case 'close': {
      if (facts.status === 'closed') return { ok: true, next: same, event: null };
      if (facts.status === 'waiting') return { ok: false, reason: 'handover_waiting' };
      if (facts.takenBy !== null && facts.takenBy !== command.actor && !command.supervises) return { ok: false, reason: 'handover_taken', takenBy: facts.takenBy };
      return { ok: true, next: { ...same, status: 'closed' }, event: 'closed' };
    }
  }
}

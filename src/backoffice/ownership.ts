/**
 * Who works a piece of work of the back office (a case, a fraud task), without I/O. Work being
 * worked is locked to its owner (issue 13): two people acting on one customer's case at once
 * would call them twice, draw two sets of questions, send two emails. Nobody's work is taken by
 * whoever acts on it first; another's is refused until it is taken over, explicitly and on the
 * record; supervisors and admins may also give it to someone else.
 *
 * Owners and actors are written as stored: `staff:<id>`.
 */
export type WorkCheck = { ok: true; takes: boolean } | { ok: false; owner: string };

/** Whether `actor` may act on work owned by `owner`; `takes` when acting makes it theirs. */
export function checkWork(owner: string | null, actor: string): WorkCheck {
  if (owner === null) return { ok: true, takes: true };
  if (owner === actor) return { ok: true, takes: false };
  return { ok: false, owner };
}

export type TakeDecision =
  /** Nobody had it: the taker becomes its owner. */
  | { kind: 'take' }
  /** The taker has it already: nothing changes. */
  | { kind: 'keep' }
  /** Another had it and the taker asked to take it over: recorded with whom it was taken from. */
  | { kind: 'takeover'; from: string }
  /** Another has it and the taker did not ask to take it over. */
  | { kind: 'refused'; owner: string };

/** What taking work owned by `owner` does for `actor`; taking over another's must be asked for. */
export function decideTake(owner: string | null, actor: string, takeover: boolean): TakeDecision {
  if (owner === null) return { kind: 'take' };
  if (owner === actor) return { kind: 'keep' };
  return takeover ? { kind: 'takeover', from: owner } : { kind: 'refused', owner };
}

/**
 * Whether `actor` may set the owner of work owned by `owner` to anyone (or nobody): a
 * supervisor or an admin always; anyone else only on work that is theirs or nobody's (give it
 * away, put it back, take it), never on another's (that is a takeover).
 */
export function mayReassign(owner: string | null, actor: string, supervises: boolean): boolean {
  return supervises || checkWork(owner, actor).ok;
}

import type { BackofficeReason } from '../errors.ts';
import type { CaseStatus } from '../schema.ts';

/**
 * The rules of a case's life, without I/O: which status may follow which, what each change
 * needs (seed 002: "Pendiente de cliente" carries why the case waits; a case closes only with
 * closing comments), and how free text from agents is cleaned.
 *
 * | from \ to          | new | in_progress | pending_customer | closed |
 * | ------------------ | --- | ----------- | ---------------- | ------ |
 * | `new`              |  =  | yes         | yes (reason)     | yes    |
 * | `in_progress`      |  —  | =           | yes (reason)     | yes    |
 * | `pending_customer` |  —  | yes         | = (new reason)   | yes    |
 * | `closed`           |  —  | reopen only      | —                | =      |
 *
 * `=` changes nothing (closing a closed case again answers it unchanged). A closed case moves
 * only by being reopened (`decideReopen`): a supervisor's act, with its reason, recorded; no
 * status change reopens it. What follows a closed case is otherwise a new case (seed 002 opens a
 * new main case rather than reopening).
 */
export const STATUS_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['in_progress', 'pending_customer', 'closed'],
  in_progress: ['pending_customer', 'closed'],
  pending_customer: ['in_progress', 'closed'],
  closed: ['in_progress'],
};

export const CASE_STATUSES: readonly CaseStatus[] = ['new', 'in_progress', 'pending_customer', 'closed'];

/** Longest comment, closing comment, pending reason or mention text an agent may write. */
export const MAX_TEXT = 4000;

export interface CaseState {
  status: CaseStatus;
  pendingReason: string | null;
}

export type StatusCommand = { to: Exclude<CaseStatus, 'closed'>; pendingReason?: string | null | undefined } | { to: 'closed'; closingComment: string };

export type StatusDecision = { ok: true; next: CaseState; changed: boolean } | { ok: false; reason: Extract<BackofficeReason, 'case_closed' | 'wrong_status' | 'pending_reason_required' | 'closing_comment_required' | 'text_too_long'> };

/**
 * Decides a status change. Texts are cleaned first (`cleanText`); a pending reason is kept only
 * while the case is pending the customer.
 */
export function decideStatus(state: CaseState, command: StatusCommand): StatusDecision {
  if (command.to === 'closed') {
    const comment = cleanText(command.closingComment);
    if (comment === '') return { ok: false, reason: 'closing_comment_required' };
    if (comment.length > MAX_TEXT) return { ok: false, reason: 'text_too_long' };
    if (state.status === 'closed') return { ok: true, next: state, changed: false };
    return { ok: true, next: { status: 'closed', pendingReason: null }, changed: true };
  }
  if (state.status === 'closed') return { ok: false, reason: 'case_closed' };
  let pendingReason: string | null = null;
  if (command.to === 'pending_customer') {
    pendingReason = cleanText(command.pendingReason ?? '');
    if (pendingReason === '') return { ok: false, reason: 'pending_reason_required' };
    if (pendingReason.length > MAX_TEXT) return { ok: false, reason: 'text_too_long' };
  }
  if (command.to === state.status) {
    const changed = pendingReason !== state.pendingReason;
    return { ok: true, next: changed ? { status: state.status, pendingReason } : state, changed };
  }
  if (!STATUS_TRANSITIONS[state.status].includes(command.to)) return { ok: false, reason: 'wrong_status' };
  return { ok: true, next: { status: command.to, pendingReason }, changed: true };
}

/**
 * Free text as an agent may write it: line breaks kept (normalised to `\n`), other control
 * characters turned into spaces, trailing spaces of lines and blank edges dropped.
 */
export function cleanText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, (c) => (c === '\n' ? '\n' : ' '))
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/** A queue name: the contact centre's, or `office:<code>`; undefined for anything else. */
export function parseQueue(queue: string): { kind: 'contact_centre' } | { kind: 'office'; officeCode: string } | undefined {
  if (queue === 'contact_centre') return { kind: 'contact_centre' };
  const m = /^office:([A-Za-z0-9]{1,16})$/.exec(queue);
  return m ? { kind: 'office', officeCode: m[1]! } : undefined;
}

/** An owner as stored: `staff:<id>` with the staff id rules of `access.ts`. */
export const isOwner = (owner: string): boolean => /^staff:[A-Za-z0-9._-]{1,64}$/.test(owner);

export type ReopenDecision = { ok: true; next: CaseState; reason: string } | { ok: false; reason: Extract<BackofficeReason, 'wrong_status' | 'comment_required' | 'text_too_long'> };

/**
 * Reopening a closed case (issue 13: "a closed case can be reopened, recorded, by a supervisor"):
 * back to in progress, with the reason why (cleaned like any agent's text). Only a closed case
 * reopens; who may do it is the route's rule.
 */
export function decideReopen(state: CaseState, reason: string): ReopenDecision {
  if (state.status !== 'closed') return { ok: false, reason: 'wrong_status' };
  const clean = cleanText(reason);
  if (clean === '') return { ok: false, reason: 'comment_required' };
  if (clean.length > MAX_TEXT) return { ok: false, reason: 'text_too_long' };
  const to = STATUS_TRANSITIONS.closed[0]!;
  return { ok: true, next: { status: to, pendingReason: null }, reason: clean };
}

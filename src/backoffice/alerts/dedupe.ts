import type { CaseStatus } from '../schema.ts';

/**
 * Seed 002's dedupe, without I/O: "si se generan varios casos del mismo cliente en un breve
 * periodo de tiempo por diferentes intentos de la misma situación, solo gestionaremos un caso.
 * Sin embargo, si las alertas se generan en un breve periodo de tiempo por distintas operaciones,
 * sí debemos contactar para confirmar cada una de ellas."
 *
 * An incoming alert joins an alert case of the same customer (the caller passes only that
 * customer's cases) when all hold:
 * - the same situation key;
 * - the same operation (both without one counts as the same): a different operation is its own case;
 * - the case is not closed;
 * - the case's newest alert came less than the window before this one (a burst of repeated
 *   attempts keeps joining; exactly the window apart is a new case).
 * Of several such cases, the one with the newest alert wins.
 */
export interface DedupeCandidate {
  caseId: string;
  situation: string | null;
  operationId: string | null;
  status: CaseStatus;
  /** When the newest alert of the case arrived. */
  lastAlertAt: Date;
}

export interface IncomingAlert {
  situation: string;
  operationId: string | null;
  receivedAt: Date;
}

/** Whether `at` falls less than `windowMinutes` after `last` (or before it: alerts may arrive out of order). */
export function withinWindow(last: Date, at: Date, windowMinutes: number): boolean {
  return at.getTime() - last.getTime() < windowMinutes * 60_000;
}

/** The case the alert joins, or null when it opens a case of its own. */
export function dedupeTarget(incoming: IncomingAlert, candidates: readonly DedupeCandidate[], windowMinutes: number): string | null {
  let best: DedupeCandidate | null = null;
  for (const c of candidates) {
    if (c.status === 'closed' || c.situation !== incoming.situation || c.operationId !== incoming.operationId) continue;
    if (!withinWindow(c.lastAlertAt, incoming.receivedAt, windowMinutes)) continue;
    if (!best || c.lastAlertAt.getTime() > best.lastAlertAt.getTime()) best = c;
  }
  return best?.caseId ?? null;
}

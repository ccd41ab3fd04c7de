import { catalogue } from '../../../src/i18n/catalogue.ts';
import type { RecoveryError } from './api.ts';

/** What the recovery page shows: one of the seed's three steps, or how the flow ended. */
export type View =
  | { kind: 'loading' }
  | { kind: 'identify' }
  | { kind: 'code'; expiresAt: string }
  | { kind: 'done'; email: string; mobile: string }
  | { kind: 'visit_branch' }
  | { kind: 'expired' }
  | { kind: 'finished' }
  | { kind: 'too_many' };

/** The stepper position (1..3) of a view; the end pages keep none. */
export function stepNumber(view: View): 1 | 2 | 3 | null {
  switch (view.kind) {
    case 'identify':
      return 1;
    case 'code':
      return 2;
    case 'done':
      return 3;
    default:
      return null;
  }
}

/** The end page a refusal leads to, or null when the page stays where it is and shows the error. */
export function endFor(err: RecoveryError): View | null {
  if (err.reason === 'flow_expired') return { kind: 'expired' };
  if (err.reason === 'too_many_attempts' || err.reason === 'resend_limit') return { kind: 'too_many' };
  if (err.reason === 'wrong_step') return { kind: 'expired' };
  if (err.reason === 'flow_done') return { kind: 'finished' };
  return null;
}

/** A message to show: a catalogue id with its parameters (so a language switch re-renders it), or the server's words. */
export type Message = { id: string; params?: Record<string, string | number> } | { text: string };

/** The words for a refusal: our catalogue's text for a known reason, else what the server said. */
export function errorMessage(err: RecoveryError): Message {
  const id = `recovery.error.${err.reason ?? ''}`;
  return err.reason && id in catalogue ? { id } : { text: err.message };
}

import { reasonErrors, type ErrorCode } from '../../platform/errors.ts';

/**
 * Every refusal of the fraud team's task API: a stable `reason` and the catalogue text
 * `fraud.error.<reason>` (`messages.ts`).
 */
export const FRAUD_REASONS = {
  fraud_task_not_found: 'not_found',
  fraud_task_locked: 'conflict',
  fraud_task_closed: 'conflict',
  fraud_team_only: 'forbidden',
  note_required: 'validation',
  closing_note_required: 'validation',
  invalid_result: 'validation',
  text_too_long: 'validation',
  invalid_owner: 'validation',
} as const satisfies Record<string, ErrorCode>;

export type FraudReason = keyof typeof FRAUD_REASONS;

/** The error for a reason; `detail` is for developers (never a secret), `details` goes to the caller. */
export const fraudError = reasonErrors<FraudReason>('fraud', FRAUD_REASONS);

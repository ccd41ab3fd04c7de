import { AppError, type ErrorCode } from '../platform/errors.ts';

/**
 * The closed set of answers the recovery refuses with: HTTP code, stable `reason`, and the
 * catalogue text `recovery.error.<reason>` the page shows. Detail words never name a secret.
 */
export const REFUSALS = {
  invalid_document: 'validation',
  invalid_pan: 'validation',
  invalid_pin: 'validation',
  captcha: 'validation',
  invalid_code: 'validation',
  expired_code: 'validation',
  wrong_step: 'conflict',
  flow_done: 'conflict',
  flow_expired: 'gone',
  too_many_attempts: 'gone',
  resend_too_soon: 'too_many',
  resend_limit: 'too_many',
} as const satisfies Record<string, ErrorCode>;

export type RefusalReason = keyof typeof REFUSALS;

const DETAIL: Record<RefusalReason, string> = {
  invalid_document: 'the document number is not valid for its type',
  invalid_pan: 'the card number is not valid (Luhn check)',
  invalid_pin: 'a PIN is 4 to 6 digits',
  captcha: 'the captcha is missing, invalid, expired or already used',
  invalid_code: 'the code is not right',
  expired_code: 'the code has expired; ask for a new one',
  wrong_step: 'this step is not the next one of the recovery',
  flow_done: 'this recovery was already completed (perhaps in another tab)',
  flow_expired: 'the recovery has expired; start again',
  too_many_attempts: 'too many wrong codes; start again',
  resend_too_soon: 'wait a little before asking for another code',
  resend_limit: 'no more codes can be sent for this recovery; start again',
};

/** The AppError for a refusal, with `details` (e.g. `{ attemptsLeft }`) sent as they are. */
export function refusal(reason: RefusalReason, details?: Record<string, unknown>): AppError {
  return new AppError(REFUSALS[reason], DETAIL[reason], details, { reason, messageId: `recovery.error.${reason}` });
}

import { reasonErrors, type ErrorCode } from '../../platform/errors.ts';

/**
 * Every refusal of the ways back a person takes in the console: the branch unlock and its
 * approval, the card PIN lift, the customer page. A stable `reason` and the catalogue text
 * `unlock.error.<reason>`.
 */
export const UNLOCK_REASONS = {
  customer_not_found: 'not_found',
  request_not_found: 'not_found',
  card_not_found: 'not_found',
  branch_only: 'forbidden',
  own_request: 'forbidden',
  approval_not_allowed: 'forbidden',
  security_check_required: 'forbidden',
  supervisor_only: 'forbidden',
  document_mismatch: 'validation',
  wrong_case: 'validation',
  case_required: 'validation',
  nothing_to_unlock: 'conflict',
  unlock_pending: 'conflict',
  request_decided: 'conflict',
  pin_not_blocked: 'conflict',
} as const satisfies Record<string, ErrorCode>;

export type UnlockReason = keyof typeof UNLOCK_REASONS;

/** The error for a reason; `detail` is for developers (never a secret), `details` goes to the caller. */
export const unlockError = reasonErrors<UnlockReason>('unlock', UNLOCK_REASONS);

import { reasonErrors, type ErrorCode } from '../platform/errors.ts';

/**
 * Every refusal of the back-office API (alerts and cases): a stable `reason` the console and the
 * fraud engine switch on, and the catalogue text `backoffice.error.<reason>` people read.
 */
export const BACKOFFICE_REASONS = {
  case_not_found: 'not_found',
  mention_not_found: 'not_found',
  case_closed: 'conflict',
  wrong_status: 'conflict',
  stale_version: 'conflict',
  already_linked: 'conflict',
  alert_id_reused: 'conflict',
  owner_must_close: 'conflict',
  case_locked: 'conflict',
  closing_comment_required: 'validation',
  category_required: 'validation',
  pending_reason_required: 'validation',
  comment_required: 'validation',
  text_too_long: 'validation',
  unknown_queue: 'validation',
  other_office_queue: 'validation',
  invalid_owner: 'validation',
  unknown_category: 'validation',
  special_category: 'validation',
  not_main_case: 'validation',
  link_itself: 'validation',
  other_customer: 'validation',
  unknown_mention_target: 'validation',
  unknown_customer: 'validation',
  unknown_operation: 'validation',
  invalid_outcome: 'validation',
  details_too_large: 'validation',
  details_too_deep: 'validation',
  queue_not_allowed: 'forbidden',
  case_read_only: 'forbidden',
  inbox_not_allowed: 'forbidden',
  alert_unauthorized: 'unauthorized',
} as const satisfies Record<string, ErrorCode>;

export type BackofficeReason = keyof typeof BACKOFFICE_REASONS;

/** The error for a reason; `detail` is for developers (never a secret), `details` goes to the caller. */
export const backofficeError = reasonErrors<BackofficeReason>('backoffice', BACKOFFICE_REASONS);

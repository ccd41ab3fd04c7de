import { reasonErrors, type ErrorCode } from '../../platform/errors.ts';

/**
 * Every refusal of the playbook, contact and draft routes: a stable `reason` and the catalogue
 * text `playbook.error.<reason>`. Case-level refusals (unknown case, closed case, closing
 * comments) are the cases module's own (`errors.ts`).
 */
export const PLAYBOOK_REASONS = {
  contact_centre_only: 'forbidden',
  not_alert_case: 'conflict',
  attempt_limit: 'conflict',
  no_phone: 'conflict',
  phone_not_allowed: 'validation',
  answered_by_required: 'validation',
  not_a_representative: 'validation',
  not_the_holder: 'validation',
  no_answered_call: 'conflict',
  check_open: 'conflict',
  check_failed_before: 'conflict',
  already_verified: 'conflict',
  no_questions: 'conflict',
  check_not_found: 'not_found',
  check_answered: 'conflict',
  answers_mismatch: 'validation',
  requirements_not_met: 'conflict',
  outcome_already_set: 'conflict',
  answered_by_mismatch: 'validation',
  run_not_found: 'not_found',
  draft_not_found: 'not_found',
  draft_sent: 'conflict',
  draft_empty: 'validation',
  call_in_progress: 'conflict',
  calls_off: 'conflict',
  no_agent_phone: 'conflict',
  provider_unavailable: 'unavailable',
  call_not_found: 'not_found',
  attempt_not_found: 'not_found',
  nothing_to_confirm: 'conflict',
} as const satisfies Record<string, ErrorCode>;

export type PlaybookReason = keyof typeof PLAYBOOK_REASONS;

/** The error for a reason; `detail` is for developers (never a secret), `details` goes to the caller. */
export const playbookError = reasonErrors<PlaybookReason>('playbook', PLAYBOOK_REASONS);

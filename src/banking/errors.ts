import { reasonErrors, type ErrorCode } from '../platform/errors.ts';

/**
 * Every refusal of the online-banking API: a stable `reason` (what the page switches on) and the
 * catalogue text `banking.error.<reason>` (what the customer reads, es and en). No reason ever
 * tells which element of a login was wrong (PSD2 RTS art. 4(3)(a)).
 */
export const BANKING_REASONS = {
  no_session: 'unauthorized',
  session_expired: 'unauthorized',
  invalid_credentials: 'unauthorized',
  access_blocked: 'unauthorized',
  temporary_expired: 'unauthorized',
  visit_branch: 'forbidden',
  password_change_required: 'forbidden',
  read_only_profile: 'forbidden',
  signature_blocked: 'forbidden',
  wrong_current: 'validation',
  mismatch: 'validation',
  too_short: 'validation',
  too_long: 'validation',
  too_common: 'validation',
  same_as_current: 'validation',
  invalid_code: 'validation',
  expired_code: 'validation',
  too_many: 'validation',
  invalid_iban: 'validation',
  invalid_amount: 'validation',
  invalid_beneficiary: 'validation',
  wrong_status: 'conflict',
  no_mobile: 'conflict',
  operation_not_found: 'not_found',
  device_not_found: 'not_found',
  resend_too_soon: 'too_many',
} as const satisfies Record<string, ErrorCode>;

export type BankingReason = keyof typeof BANKING_REASONS;

/** The error for a reason; `detail` is for developers (never a secret), `details` goes to the caller. */
export const bankingError = reasonErrors<BankingReason>('banking', BANKING_REASONS);

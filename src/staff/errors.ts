import { reasonErrors, type ErrorCode } from '../platform/errors.ts';

/**
 * Every refusal of staff sign-in and sessions: a stable `reason` the console switches on and the
 * catalogue text `staff.error.<reason>`. No reason tells whether the user name exists.
 */
export const STAFF_REASONS = {
  invalid_credentials: 'unauthorized',
  no_session: 'unauthorized',
  session_expired: 'unauthorized',
  locked: 'too_many',
  role_not_allowed: 'forbidden',
  local_login_off: 'forbidden',
  oidc_off: 'not_found',
  oidc_unavailable: 'unavailable',
  oidc_failed: 'unauthorized',
  oidc_expired: 'unauthorized',
  oidc_no_role: 'forbidden',
  oidc_no_office: 'forbidden',
  oidc_disabled: 'forbidden',
  admin_token_not_staff: 'forbidden',
  staff_headers_refused: 'validation',
} as const satisfies Record<string, ErrorCode>;

export type StaffReason = keyof typeof STAFF_REASONS;

export const staffError = reasonErrors<StaffReason>('staff', STAFF_REASONS);

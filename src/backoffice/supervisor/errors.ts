import { reasonErrors, type ErrorCode } from '../../platform/errors.ts';

/** Refusals of the supervisor's view and its notices (`supervisor.error.<reason>`). */
export const SUPERVISOR_REASONS = {
  role_required: 'forbidden',
  notice_not_found: 'not_found',
} as const satisfies Record<string, ErrorCode>;

export const supervisorError = reasonErrors<keyof typeof SUPERVISOR_REASONS>('supervisor', SUPERVISOR_REASONS);

import { reasonErrors, type ErrorCode } from '../../platform/errors.ts';

/**
 * Every refusal of the handover API (the IVR's transfers in the console): a stable `reason` and
 * the catalogue text `handover.error.<reason>` (`messages.ts`).
 */
export const HANDOVER_API_REASONS = {
  handover_not_found: 'not_found',
  handover_taken: 'conflict',
  handover_closed: 'conflict',
  handover_waiting: 'conflict',
  contact_centre_only: 'forbidden',
} as const satisfies Record<string, ErrorCode>;

export type HandoverApiReason = keyof typeof HANDOVER_API_REASONS;

/** The error for a reason; `detail` is for developers (never a secret), `details` goes to the caller. */
export const handoverError = reasonErrors<HandoverApiReason>('handover', HANDOVER_API_REASONS);

import type { OperationStatus } from '../platform/db/schema.ts';

/**
 * The life of an online-banking operation as data: which customer action is allowed in which
 * status and where it leads. Signing, cancelling and unlocking refuse any other status (a
 * signed operation is never signed twice; a held one is signed only after its unlock code).
 */
export type OperationAction = 'sign' | 'resend' | 'cancel' | 'unlock';

const TRANSITIONS: Readonly<Record<OperationAction, Partial<Record<OperationStatus, OperationStatus>>>> = {
  sign: { pending_signature: 'signed' },
  resend: { pending_signature: 'pending_signature' },
  cancel: { pending_signature: 'cancelled', held: 'cancelled' },
  unlock: { held: 'pending_signature' },
};

export const TERMINAL_STATUSES: readonly OperationStatus[] = ['signed', 'cancelled', 'rejected', 'expired'];

/** The status after `action`, or undefined when the action is not allowed in `status`. */
export function nextStatus(status: OperationStatus, action: OperationAction): OperationStatus | undefined {
  return TRANSITIONS[action][status];
}

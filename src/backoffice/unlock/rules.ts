import { validateDocument, type DocumentType } from '../../customers/documents.ts';
import { staffActor, type Staff } from '../access.ts';
import type { UnlockReason } from './errors.ts';

/**
 * The branch unlock's rules, without I/O (seed 002: "las instrucciones que debe seguir la oficina
 * para proceder al desbloqueo del cliente"; DESIGN.md §3: "a branch user on its own customer,
 * after identifying them in person; optional four-eyes").
 */

/** The steps of an unlock, in the order they run, each recorded on its own. */
export const UNLOCK_STEPS = ['lift_cae', 'lift_signature', 'restore_profile'] as const;
export type UnlockStep = (typeof UNLOCK_STEPS)[number];

/** What the contact centre left on the customer that the unlock undoes. */
export interface Restrictions {
  blocks: readonly { target: string; origin: string }[];
  profile: 'full' | 'read_only' | null;
}

/**
 * The steps that have something to do: the CAE block (access, origin contact centre: also the
 * "BLOQUEO DE BANCA ELECTRÓNICA" of "No contesta"), the contact centre's signature block, and the
 * read-only profile. None means there is nothing for a branch to unlock.
 */
export function unlockPlan(r: Restrictions): UnlockStep[] {
  const cc = (target: string) => r.blocks.some((b) => b.target === target && b.origin === 'contact_centre');
  const wanted: Record<UnlockStep, boolean> = { lift_cae: cc('access'), lift_signature: cc('signature'), restore_profile: r.profile === 'read_only' };
  return UNLOCK_STEPS.filter((s) => wanted[s]);
}

/**
 * Whether the document the branch saw is the customer's: the same type, and the same number once
 * written the bank's way (spaces, dots and case do not matter; check characters do).
 */
export function documentMatches(customer: { document_type: DocumentType; document_number: string }, seen: { type: DocumentType; number: string }): boolean {
  if (seen.type !== customer.document_type) return false;
  const checked = validateDocument(seen.type, seen.number);
  return checked.ok && checked.value === customer.document_number;
}

/** A document number as the records keep what was seen: type known, only its last four characters. */
export const maskSeen = (normalised: string): string => `*****${normalised.slice(-4)}`;

/** Whether `staff` may ask a branch unlock of a customer of `officeCode`: a branch user of that office only. */
export function requestRefusal(staff: Staff, officeCode: string): UnlockReason | null {
  if (staff.role !== 'branch') return 'branch_only';
  return staff.officeCode === officeCode ? null : 'customer_not_found';
}

/**
 * Who may approve (or reject) a pending unlock under four-eyes: a branch user of the same office
 * who did not ask for it, or a supervisor. The requester never approves their own.
 */
export function approvalRefusal(staff: Staff, request: { office_code: string; requested_by: string }): UnlockReason | null {
  if (staffActor(staff) === request.requested_by) return 'own_request';
  if (staff.role === 'supervisor') return null;
  if (staff.role === 'branch' && staff.officeCode === request.office_code) return null;
  return 'approval_not_allowed';
}

/** Whether `staff` may see a request at all (the approval queue): its office's branch users, supervisors and admins. */
export function canSeeRequest(staff: Staff, request: { office_code: string }): boolean {
  return staff.role === 'supervisor' || staff.role === 'admin' || (staff.role === 'branch' && staff.officeCode === request.office_code);
}

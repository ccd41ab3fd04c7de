import type { FastifyRequest } from 'fastify';
import { bearerMatches } from '../provisioning/admin-auth.ts';
import { AppError } from '../platform/errors.ts';

/** Roles of the contact centre and the branches (seed 002; the console issue adds their accounts). */
export type StaffRole = 'agent' | 'supervisor' | 'branch' | 'admin';

/** Who is acting on the back office, as every back-office route sees it. */
export interface Staff {
  id: string;
  role: StaffRole;
  /** A branch user's office: it sees and acts on its own office's queue only. */
  officeCode: string | null;
}

/** The actor written in timelines and audit rows. */
export const staffActor = (staff: Pick<Staff, 'id'>): string => `staff:${staff.id}`;

const STAFF_ID = /^[A-Za-z0-9._-]{1,64}$/;
const ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'branch', 'admin'];

/**
 * The staff member behind a back-office request. Until staff accounts and sessions exist (the
 * agent-console issue replaces this function's body, not its callers), the caller is a trusted
 * system holding the admin token that names the person it acts for: `X-Staff-Id`, and optionally
 * `X-Staff-Role` and `X-Staff-Office` (default role `agent`).
 */
export function requireStaff(req: FastifyRequest, adminToken: string): Staff {
  if (!bearerMatches(req.headers.authorization, adminToken)) {
    throw new AppError('unauthorized', 'back-office routes need the admin token (Authorization: Bearer <token>) until staff sign-in exists');
  }
  const id = header(req, 'x-staff-id');
  if (!id || !STAFF_ID.test(id)) throw new AppError('validation', 'X-Staff-Id must name the staff member (letters, digits, . _ -; at most 64)');
  const role = (header(req, 'x-staff-role') ?? 'agent') as StaffRole;
  if (!ROLES.includes(role)) throw new AppError('validation', `X-Staff-Role must be one of ${ROLES.join(', ')}`);
  const officeCode = header(req, 'x-staff-office') ?? null;
  if (role === 'branch' && !officeCode) throw new AppError('validation', 'a branch user needs X-Staff-Office');
  return { id, role, officeCode: role === 'branch' ? officeCode : null };
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The queue of the contact centre, and an office's queue. */
export const CONTACT_CENTRE_QUEUE = 'contact_centre';
export const officeQueue = (officeCode: string): string => `office:${officeCode}`;

/** Whether `staff` may see and act on a case in `queue`: a branch user only on its office's queue. */
export function canWorkQueue(staff: Staff, queue: string): boolean {
  return staff.role !== 'branch' || queue === officeQueue(staff.officeCode ?? '');
}

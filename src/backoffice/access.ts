import type { FastifyRequest } from 'fastify';
import { bearerMatches } from '../provisioning/admin-auth.ts';
import { AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { staffError } from '../staff/errors.ts';
import { checkStaffCsrf, requireStaffSession, staffToken, type StaffAccessDeps } from '../staff/session-access.ts';

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

/** What `requireStaff` needs: the admin token for system callers, the database for staff sessions. */
export type StaffAccess = Pick<Services, 'adminToken' | 'db'> & StaffAccessDeps;

/**
 * The staff member behind a back-office request, in two ways:
 * - a signed-in person: the `cerrojo_staff` session cookie (issue 6), with the CSRF token on
 *   state-changing methods; the role and office come from the account, never from the request;
 * - a trusted system holding the admin token (`Authorization: Bearer`) that names the person it
 *   acts for: `X-Staff-Id`, and optionally `X-Staff-Role` and `X-Staff-Office` (default `agent`).
 * A request with an `Authorization` header is judged by it alone.
 */
export async function requireStaff(req: FastifyRequest, services: StaffAccess): Promise<Staff> {
  if (req.headers.authorization === undefined) {
    const token = staffToken(req);
    if (!token) throw staffError('no_session', 'back-office routes need a staff session (or the admin token for system callers)');
    await checkStaffCsrf(req);
    const { account } = await requireStaffSession(services.db, services, token);
    return { id: account.id, role: account.role, officeCode: account.role === 'branch' ? account.office_code : null };
  }
  if (!bearerMatches(req.headers.authorization, services.adminToken)) {
    throw new AppError('unauthorized', 'back-office routes need a staff session, or the admin token (Authorization: Bearer <token>) for system callers');
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

/** Whether `staff` may put a case in `queue` (open or move it there): a branch user only in its office's queue. */
export function canWorkQueue(staff: Staff, queue: string): boolean {
  return staff.role !== 'branch' || queue === officeQueue(staff.officeCode ?? '');
}

/**
 * Which cases `staff` may see and act on (issue 6): an admin every case; a branch user its
 * office's queue; an agent or a supervisor the contact centre's queue and any case it owns.
 * `alsoOwnedBy` widens `queues` by the cases of that owner; no `queues` means every queue.
 */
export interface CaseScope {
  queues?: string[];
  alsoOwnedBy?: string;
}

export function caseScope(staff: Staff): CaseScope {
  if (staff.role === 'admin') return {};
  if (staff.role === 'branch') return { queues: [officeQueue(staff.officeCode ?? '')] };
  return { queues: [CONTACT_CENTRE_QUEUE], alsoOwnedBy: staffActor(staff) };
}

/** Whether `staff` may see and act on the case; routes answer 404 for one it may not, as for no case. */
export function canSeeCase(staff: Staff, c: { queue: string; owner: string | null }): boolean {
  const scope = caseScope(staff);
  return !scope.queues || scope.queues.includes(c.queue) || (scope.alsoOwnedBy !== undefined && c.owner === scope.alsoOwnedBy);
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/config.ts';
import { bearerMatches } from '../provisioning/admin-auth.ts';
import { AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { staffError } from '../staff/errors.ts';
import { checkStaffCsrf, requireStaffSession, staffToken, type StaffAccessDeps } from '../staff/session-access.ts';

/** Roles of the contact centre, the branches and the fraud team (seed 002; issue 13 adds `fraud`). */
export type StaffRole = 'agent' | 'supervisor' | 'branch' | 'admin' | 'fraud';

/** Who is acting on the back office, as every back-office route sees it. */
export interface Staff {
  id: string;
  role: StaffRole;
  /** A branch user's office: it sees and acts on its own office's queue only. */
  officeCode: string | null;
  /** A configured system acting as itself (`SERVICE_ACCOUNTS`) rather than a signed-in person. */
  kind?: 'staff' | 'service';
}

/** The actor written in timelines and audit rows: `staff:<id>`, or `service:<name>` for a service account. */
export const staffActor = (staff: Pick<Staff, 'id' | 'kind'>): string => `${staff.kind === 'service' ? 'service' : 'staff'}:${staff.id}`;

export const STAFF_ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'branch', 'admin', 'fraud'];

/** What `requireStaff` needs: the database for staff sessions, the service accounts, and the admin token to refuse it. */
export type StaffAccess = Pick<Services, 'adminToken' | 'db'> & StaffAccessDeps & { config: Pick<Config, 'serviceAccounts'> };

/** The headers a system once named a staff member with, beside the admin token: refused now (issue 14, finding 6). */
const STAFF_HEADERS = ['x-staff-id', 'x-staff-role', 'x-staff-office'];

/**
 * The staff member behind a back-office request, in two ways:
 * - a signed-in person: the `cerrojo_staff` session cookie (issue 6), with the CSRF token on
 *   state-changing methods; the role and office come from the account, never from the request;
 * - a configured system (`SERVICE_ACCOUNTS`) with its own token (`Authorization: Bearer`), acting
 *   as itself (`service:<name>`) with the role and office its configuration grants.
 * The admin token provisions (`/api/admin/*`) and is refused here, and nobody names the person it
 * acts for: `X-Staff-*` headers are refused. A request with an `Authorization` header is judged
 * by it alone.
 */
export async function requireStaff(req: FastifyRequest, services: StaffAccess): Promise<Staff> {
  if (req.headers.authorization === undefined) {
    const token = staffToken(req);
    if (!token) throw staffError('no_session', 'back-office routes need a staff session (or a service account\'s token for systems)');
    await checkStaffCsrf(req);
    const { account } = await requireStaffSession(services.db, services, token);
    return { id: account.id, role: account.role, officeCode: account.role === 'branch' ? account.office_code : null };
  }
  if (bearerMatches(req.headers.authorization, services.adminToken)) {
    throw staffError('admin_token_not_staff', 'the admin token provisions (/api/admin/*) and never acts on the back office: a system acting for staff uses its own service account (SERVICE_ACCOUNTS)');
  }
  const account = serviceAccountOf(req.headers.authorization, services.config.serviceAccounts);
  if (!account) throw new AppError('unauthorized', 'back-office routes need a staff session, or a service account\'s token (Authorization: Bearer <token>) for systems');
  if (STAFF_HEADERS.some((name) => req.headers[name] !== undefined)) {
    throw staffError('staff_headers_refused', 'X-Staff-Id, X-Staff-Role and X-Staff-Office are no longer accepted: a service account acts as itself, with the role its configuration grants');
  }
  return { id: account.name, role: account.role, officeCode: account.role === 'branch' ? (account.officeCode ?? null) : null, kind: 'service' };
}

type ServiceAccount = Config['serviceAccounts'][number];

/**
 * The service account whose token the `Authorization: Bearer` header carries. Only hashes are
 * configured: the token's SHA-256 is compared with every account's in constant time.
 */
export function serviceAccountOf(authorization: string | undefined, accounts: readonly ServiceAccount[]): ServiceAccount | undefined {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!given) return undefined;
  const digest = createHash('sha256').update(given).digest();
  let found: ServiceAccount | undefined;
  for (const account of accounts) {
    if (timingSafeEqual(digest, Buffer.from(account.tokenSha256, 'hex'))) found ??= account;
  }
  return found;
}

/** The queue of the contact centre, and an office's queue. */
export const CONTACT_CENTRE_QUEUE = 'contact_centre';
export const officeQueue = (officeCode: string): string => `office:${officeCode}`;

/** Agents, supervisors and admins: the people who answer the IVR's transfers to the agent line (seed 002: the CAE). */
export const answersTransfers = (staff: Staff): boolean => staff.role === 'agent' || staff.role === 'supervisor' || staff.role === 'admin';

/** Whether `staff` may put a case in `queue` (open or move it there): a branch user only in its office's queue. */
export function canWorkQueue(staff: Staff, queue: string): boolean {
  return staff.role !== 'branch' || queue === officeQueue(staff.officeCode ?? '');
}

/**
 * Which cases `staff` may see and act on (issue 6): an admin and a supervisor every case (a
 * supervisor follows the cases sent to the branches too: approves their unlocks under four-eyes,
 * reopens them when closed, issue 13); a branch user its office's queue; an agent the contact
 * centre's queue and any case it owns; the
 * fraud team reads the contact centre's queue, where the cases of its tasks start (it changes no
 * case: `canChangeCases`).
 * `alsoOwnedBy` widens `queues` by the cases of that owner; no `queues` means every queue.
 */
export interface CaseScope {
  queues?: string[];
  alsoOwnedBy?: string;
}

export function caseScope(staff: Staff): CaseScope {
  if (staff.role === 'admin' || staff.role === 'supervisor') return {};
  if (staff.role === 'branch') return { queues: [officeQueue(staff.officeCode ?? '')] };
  if (staff.role === 'fraud') return { queues: [CONTACT_CENTRE_QUEUE] };
  return { queues: [CONTACT_CENTRE_QUEUE], alsoOwnedBy: staffActor(staff) };
}

/** Whether `staff` may see and act on the case; routes answer 404 for one it may not, as for no case. */
export function canSeeCase(staff: Staff, c: { queue: string; owner: string | null }): boolean {
  const scope = caseScope(staff);
  return !scope.queues || scope.queues.includes(c.queue) || (scope.alsoOwnedBy !== undefined && c.owner === scope.alsoOwnedBy);
}

/** Whether `staff` changes cases (the fraud team reads them and works its own tasks). */
export const canChangeCases = (staff: Pick<Staff, 'role'>): boolean => staff.role !== 'fraud';

/** Supervisors and admins may give a case (or a fraud task) to someone else, whoever has it. */
export const canReassign = (staff: Pick<Staff, 'role'>): boolean => staff.role === 'supervisor' || staff.role === 'admin';

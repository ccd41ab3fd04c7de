import type { FastifyRequest } from 'fastify';
import { inTransaction, type ClockDeps } from '../customers/store-support.ts';
import type { Db, Executor, Tx } from '../platform/db/database.ts';
import { canSeeCase, requireStaff, type StaffAccess, type Staff } from './access.ts';
import { getCase } from './cases/store.ts';
import { workOnCase } from './cases/take.ts';
import { backofficeError } from './errors.ts';
import { playbookError } from './playbook/errors.ts';
import type { Case } from './schema.ts';

/**
 * What every staff route of the back office asks first: who is acting, and whether they may
 * see the case. A case outside the queues a person may work answers the same 404 as no case.
 */
export async function visibleCase(ex: Executor, staff: Staff, id: string): Promise<Case> {
  const row = await getCase(ex, id);
  if (!row || !canSeeCase(staff, row)) throw backofficeError('case_not_found', 'no such case');
  return row;
}

/** Calling, judging answers and running the playbook are the contact centre's (seed 002: the CAE). */
export async function contactCentreStaff(req: FastifyRequest, services: StaffAccess): Promise<Staff> {
  const staff = await requireStaff(req, services);
  if (staff.role === 'branch' || staff.role === 'fraud') throw playbookError('contact_centre_only', 'the playbook is run by the contact centre');
  return staff;
}

/**
 * Runs a working action (an attempt, questions, an outcome, the macro's email) on a case in one
 * transaction, after `workOnCase`: the caller's own case, or nobody's (taken now); another
 * person's answers 409 `case_locked` with the owner, until it is taken over.
 */
export function working<T>(services: { db: Db } & ClockDeps, staff: Staff, caseId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(services.db, async (tx) => {
    await workOnCase(tx, services, staff, caseId);
    return fn(tx);
  });
}

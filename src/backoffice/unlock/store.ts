import { randomUUID } from 'node:crypto';
import { isUuid } from '../../customers/store-support.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { unlockError } from './errors.ts';
import { unlockDb, type UnlockRequest, type UnlockStatus } from './schema.ts';

/** The rows of the branch unlock requests; every change runs in the caller's transaction. */
export interface NewRequest {
  customerId: string;
  caseId: string | null;
  officeCode: string;
  documentType: string;
  documentMasked: string;
  note: string | null;
  requestedBy: string;
  at: Date;
}

/**
 * Records a request waiting for approval (four-eyes). One per customer at most: a second one
 * while the first waits answers `unlock_pending`, also when two branch users ask at once
 * (the partial unique index decides).
 */
export async function insertRequest(tx: Tx, input: NewRequest, status: UnlockStatus): Promise<UnlockRequest> {
  const row = await unlockDb(tx)
    .insertInto('unlock_requests')
    .values({
      id: randomUUID(),
      customer_id: input.customerId,
      case_id: input.caseId,
      office_code: input.officeCode,
      document_type: input.documentType,
      document_masked: input.documentMasked,
      note: input.note,
      status,
      requested_by: input.requestedBy,
      requested_at: input.at,
      decided_by: null,
      decided_at: status === 'pending' ? null : input.at,
      decision_reason: null,
      result: '{}',
    })
    .onConflict((oc) => oc.column('customer_id').where('status', '=', 'pending').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw unlockError('unlock_pending', 'an unlock of this customer waits for approval');
  return row;
}

/** The request locked for the rest of the transaction, or `request_not_found`. */
export async function lockRequest(tx: Tx, id: string): Promise<UnlockRequest> {
  const row = isUuid(id) ? await unlockDb(tx).selectFrom('unlock_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!row) throw unlockError('request_not_found', 'no such unlock request');
  return row;
}

/** Ends a request: `done` with what the lift did, or `rejected` with why. */
export function finishRequest(tx: Tx, id: string, end: { status: Exclude<UnlockStatus, 'pending'>; by: string | null; at: Date; reason?: string | null; result?: Record<string, unknown> }): Promise<UnlockRequest> {
  return unlockDb(tx)
    .updateTable('unlock_requests')
    .set({ status: end.status, decided_by: end.by, decided_at: end.at, decision_reason: end.reason ?? null, result: JSON.stringify(end.result ?? {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface RequestFilter {
  /** A branch user's office; none for supervisors and admins. */
  officeCode?: string | undefined;
  status?: UnlockStatus | undefined;
  customerId?: string | undefined;
  id?: string | undefined;
  limit: number;
}

/** Requests with their customer's name and their case's number, oldest first (the order an approval queue is worked in). */
export function listRequests(ex: Executor, filter: RequestFilter) {
  let q = unlockDb(ex)
    .selectFrom('unlock_requests as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .leftJoin('cases as k', 'k.id', 'r.case_id')
    .selectAll('r')
    .select(['c.name as customer_name', 'k.number as case_number'])
    .orderBy('r.requested_at')
    .orderBy('r.id')
    .limit(filter.limit);
  if (filter.officeCode !== undefined) q = q.where('r.office_code', '=', filter.officeCode);
  if (filter.status !== undefined) q = q.where('r.status', '=', filter.status);
  if (filter.customerId !== undefined) q = q.where('r.customer_id', '=', filter.customerId);
  if (filter.id !== undefined) q = q.where('r.id', '=', filter.id);
  return q.execute();
}

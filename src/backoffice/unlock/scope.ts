import { getCustomer } from '../../customers/customers-store.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Customer } from '../../platform/db/schema.ts';
import { canSeeCase, type Staff } from '../access.ts';
import { lockCase } from '../cases/store.ts';
import { backofficeError } from '../errors.ts';
import type { Case } from '../schema.ts';
import { unlockError } from './errors.ts';

/** Whether `staff` may see a customer of `officeCode`: a branch user its own office's; the contact centre and admins any. */
export function canSeeCustomer(staff: Staff, officeCode: string): boolean {
  return staff.role !== 'branch' || staff.officeCode === officeCode;
}

/**
 * The customer, scoped like cases (issue 6): a branch user sees its own office's customers only;
 * another office's answers the same 404 as no customer at all.
 */
export async function visibleCustomer(ex: Executor, staff: Staff, id: string): Promise<Customer> {
  const customer = await getCustomer(ex, id);
  if (!customer || !canSeeCustomer(staff, customer.office_code)) throw unlockError('customer_not_found', 'no such customer');
  return customer;
}

/** The case an action on a customer names: visible to the person, of that customer; locked first, as every case change is. */
export async function namedCase(tx: Tx, staff: Staff, caseId: string, customerId: string): Promise<Case> {
  const row = await lockCase(tx, caseId);
  if (!canSeeCase(staff, row)) throw backofficeError('case_not_found', 'no such case');
  if (row.customer_id !== customerId) throw unlockError('wrong_case', `case ${row.number} is another customer's`);
  return row;
}

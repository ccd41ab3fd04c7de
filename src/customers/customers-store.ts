import type { Executor } from '../platform/db/database.ts';
import type { Customer, DocumentType } from '../platform/db/schema.ts';
import { validateDocument } from './documents.ts';
import { isUuid } from './store-support.ts';

export { contactPhones, isRegisteredPhone } from './contacts.ts';

/**
 * The customer holding this document, the number written as people write it (spaces, dots,
 * lower case); undefined when the number is malformed or nobody holds it, alike.
 */
export async function findCustomerByDocument(ex: Executor, type: DocumentType, number: string): Promise<Customer | undefined> {
  const doc = validateDocument(type, number);
  if (!doc.ok) return undefined;
  return ex.selectFrom('customers').selectAll().where('document_type', '=', type).where('document_number', '=', doc.value).executeTakeFirst();
}

/** The customer with this id; undefined for an unknown or malformed id. */
export async function getCustomer(ex: Executor, id: string): Promise<Customer | undefined> {
  if (!isUuid(id)) return undefined;
  return ex.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The people who represent a legal entity (seed 002: for an entity, the representative confirms). */
export async function representativesOf(ex: Executor, entityId: string): Promise<(Customer & { role: string })[]> {
  if (!isUuid(entityId)) return [];
  return ex
    .selectFrom('representatives')
    .innerJoin('customers', 'customers.id', 'representatives.person_id')
    .selectAll('customers')
    .select('representatives.role')
    .where('representatives.entity_id', '=', entityId)
    .orderBy('customers.name')
    .execute();
}

import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { Block, Customer, DocumentType } from '../platform/db/schema.ts';
import { validateDocument } from './documents.ts';
import { isUuid } from './store-support.ts';

/**
 * What a self-service channel needs to know of a customer before it acts, read in one query:
 * the active blocks (oldest first, as `activeBlocks` gives them) and the online-banking user's
 * profile and user code (null when the customer has no online-banking user).
 */
export interface Standing {
  blocks: Block[];
  onlineBanking: { profile: string; userCode: string } | null;
}

export type CustomerWithStanding = Customer & { standing: Standing };

type JsonBlock = Omit<Block, 'created_at' | 'lifted_at'> & { created_at: string; lifted_at: string | null };
interface StandingColumns {
  standing_blocks: JsonBlock[] | string | null;
  standing_online_banking: { profile: string; userCode: string } | string | null;
}

// Correlated subqueries on a customer id: one round trip for the blocks and the user.
const blocksOf = (id: RawBuilder<unknown>) =>
  sql<JsonBlock[]>`(select coalesce(json_agg(b order by b.created_at, b.id), '[]'::json) from blocks b where b.customer_id = ${id} and b.lifted_at is null)`;
const onlineBankingOf = (id: RawBuilder<unknown>) =>
  sql<{ profile: string; userCode: string } | null>`(select json_build_object('profile', o.profile, 'userCode', o.user_code) from online_banking_users o where o.customer_id = ${id})`;

// JSON comes back parsed by both drivers; a string only if a driver left it as text.
const parsed = <T>(value: T | string | null): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function standingOf(row: StandingColumns): Standing {
  const blocks = (parsed(row.standing_blocks) ?? []).map((b) => ({ ...b, created_at: new Date(b.created_at), lifted_at: b.lifted_at === null ? null : new Date(b.lifted_at) }));
  return { blocks, onlineBanking: parsed(row.standing_online_banking) };
}

function split<R extends StandingColumns>(row: R): Omit<R, keyof StandingColumns> & { standing: Standing } {
  const { standing_blocks, standing_online_banking, ...rest } = row;
  return { ...rest, standing: standingOf({ standing_blocks, standing_online_banking }) };
}

/**
 * The standing's two columns for a customer id (a column reference of the caller's query), and
 * the split of a row carrying them: for a query that reads a customer beside something else.
 */
export const standingColumns = (id: RawBuilder<unknown>) => [blocksOf(id).as('standing_blocks'), onlineBankingOf(id).as('standing_online_banking')] as const;
export const withStanding = <R extends StandingColumns>(row: R) => split(row);

const customersWithStanding = (ex: Executor) =>
  ex
    .selectFrom('customers')
    .selectAll()
    .select([blocksOf(sql.ref('customers.id')).as('standing_blocks'), onlineBankingOf(sql.ref('customers.id')).as('standing_online_banking')]);

/** `findCustomerByDocument` with the customer's standing, in one query. */
export async function findCustomerWithStanding(ex: Executor, type: DocumentType, number: string): Promise<CustomerWithStanding | undefined> {
  const doc = validateDocument(type, number);
  if (!doc.ok) return undefined;
  const row = await customersWithStanding(ex).where('document_type', '=', type).where('document_number', '=', doc.value).executeTakeFirst();
  return row && (split(row) as CustomerWithStanding);
}

/** `getCustomer` with the customer's standing, in one query. */
export async function getCustomerWithStanding(ex: Executor, id: string): Promise<CustomerWithStanding | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await customersWithStanding(ex).where('id', '=', id).executeTakeFirst();
  return row && (split(row) as CustomerWithStanding);
}

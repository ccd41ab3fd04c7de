import { sql } from 'kysely';
import type { Executor, Tx } from '../platform/db/database.ts';
import { RecordError, applyContext, type ApplyContext, type ProvisioningDeps } from './apply-context.ts';
import { applyCustomer } from './apply-customer.ts';
import { applyManager, applyOffice } from './apply-office.ts';
import type { Outcome } from './outcome.ts';
import type { ImportError, ImportInput, ImportSummary } from './schema.ts';
import type { FieldError } from './schema-errors.ts';
import { validateCustomer, type NormalizedCustomer, type Validated } from './validate-customer.ts';
import { validateManager, validateOffice } from './validate-office.ts';

/** One record, checked: either its errors or how to apply it. */
interface Job {
  record: ImportError['record'];
  index: number;
  key: string | undefined;
  errors: FieldError[];
  run?: (ctx: ApplyContext) => Promise<Outcome>;
}

/**
 * Imports offices, then managers, then customers (persons before entities, so an entity can
 * name representatives from the same file). Each record is checked and applied on its own, in
 * its own transaction: a bad record is reported and the good ones land. Importing the same
 * input twice changes nothing the second time.
 */
export async function importRecords(ex: Executor, deps: ProvisioningDeps, input: ImportInput): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, errors: [], skipped: [] };
  const jobs: Job[] = [
    ...(input.offices ?? []).map((raw, index) => job('office', index, keyOf(raw, 'code'), validateOffice(raw), applyOffice)),
    ...(input.managers ?? []).map((raw, index) => job('manager', index, keyOf(raw, 'id'), validateManager(raw), applyManager)),
    ...customerJobs(input.customers ?? []),
  ];
  for (const j of jobs) {
    const fail = (e: FieldError) =>
      summary.errors.push({ record: j.record, index: j.index, ...(j.key ? { externalId: j.key } : {}), ...e });
    const run = j.run;
    if (!run) {
      j.errors.forEach(fail);
      continue;
    }
    try {
      const { outcome, skipped } = await inOwnTransaction(ex, async (tx) => {
        const ctx = applyContext(tx, deps);
        return { outcome: await run(ctx), skipped: ctx.skipped };
      });
      summary[outcome]++;
      for (const s of skipped) summary.skipped.push({ record: j.record, index: j.index, ...(j.key ? { externalId: j.key } : {}), ...s });
    } catch (err) {
      fail(recordFailure(err));
    }
  }
  summary.errors.sort((a, b) => order(a) - order(b) || a.index - b.index);
  summary.skipped.sort((a, b) => order(a) - order(b) || a.index - b.index);
  return summary;
}

function job<T>(
  record: Job['record'],
  index: number,
  key: string | undefined,
  checked: Validated<T>,
  apply: (ctx: ApplyContext, value: T) => Promise<Outcome>,
): Job {
  if (!checked.ok) return { record, index, key, errors: checked.errors };
  const value = checked.value;
  return { record, index, key, errors: [], run: (ctx) => apply(ctx, value) };
}

/** Persons first, then entities; a repeated externalId is refused rather than applied twice. */
function customerJobs(raws: unknown[]): Job[] {
  const seen = new Map<string, number>();
  const jobs = raws.map((raw, index) => {
    const key = keyOf(raw, 'externalId');
    let checked: Validated<NormalizedCustomer> = validateCustomer(raw);
    if (key !== undefined && seen.has(key)) {
      checked = { ok: false, errors: [{ field: 'externalId', message: `repeats the customer at index ${seen.get(key)}` }] };
    } else if (key !== undefined) seen.set(key, index);
    return job('customer', index, key, checked, applyCustomer);
  });
  const isEntity = (raw: unknown) => (raw as { kind?: unknown } | null)?.kind === 'entity';
  return [...jobs.filter((_, i) => !isEntity(raws[i])), ...jobs.filter((_, i) => isEntity(raws[i]))];
}

function keyOf(raw: unknown, name: string): string | undefined {
  const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' && value.length <= 64 ? value : undefined;
}

const SECTION_ORDER = { office: 0, manager: 1, customer: 2 } as const;
const order = (e: Pick<ImportError, 'record'>) => SECTION_ORDER[e.record];

/**
 * A record's own transaction; inside a caller's transaction, a savepoint does the same job so
 * one bad record never undoes the others.
 */
async function inOwnTransaction<T>(ex: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!ex.isTransaction) return ex.transaction().execute(fn);
  const tx = ex as Tx;
  await sql`savepoint provisioning_record`.execute(tx);
  try {
    const result = await fn(tx);
    await sql`release savepoint provisioning_record`.execute(tx);
    return result;
  } catch (err) {
    await sql`rollback to savepoint provisioning_record`.execute(tx);
    throw err;
  }
}

/**
 * What to tell the operator about a record that failed. Constraint and data errors (a race
 * with another import, a value the database refuses) are the record's fault; anything else
 * (the database is down) stops the import.
 */
function recordFailure(err: unknown): FieldError {
  if (err instanceof RecordError) return err.field ? { field: err.field, message: err.message } : { message: err.message };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('23')) return { message: 'conflicts with data stored meanwhile; import it again' };
  if (typeof code === 'string' && code.startsWith('22')) return { message: 'holds a value the database refuses' };
  throw err;
}

import { RecordError, changedFields, type ApplyContext } from './apply-context.ts';
import type { Outcome } from './outcome.ts';
import type { NormalizedManager, NormalizedOffice } from './validate-office.ts';

/** Creates or updates one office by its code; audits only a real change. */
export async function applyOffice(ctx: ApplyContext, o: NormalizedOffice): Promise<Outcome> {
  const { tx } = ctx;
  const existing = await tx.selectFrom('offices').selectAll().where('code', '=', o.code).forUpdate().executeTakeFirst();
  if (!existing) {
    await tx.insertInto('offices').values(o).execute();
    await ctx.audit('office.provisioned', null, `office:${o.code}`, { kind: o.kind });
    return 'created';
  }
  const fields = changedFields(existing, o);
  if (!fields.length) return 'unchanged';
  await tx.updateTable('offices').set(o).where('code', '=', o.code).execute();
  await ctx.audit('office.updated', null, `office:${o.code}`, { fields });
  return 'updated';
}

/** Creates or updates one manager by id; the office must already exist (or come earlier in the import). */
export async function applyManager(ctx: ApplyContext, m: NormalizedManager): Promise<Outcome> {
  const { tx } = ctx;
  const office = await tx.selectFrom('offices').select('code').where('code', '=', m.officeCode).executeTakeFirst();
  if (!office) throw new RecordError('officeCode', `office ${m.officeCode} does not exist`);
  const row = { id: m.id, office_code: m.officeCode, name: m.name, email: m.email };
  const existing = await tx.selectFrom('managers').selectAll().where('id', '=', m.id).forUpdate().executeTakeFirst();
  if (!existing) {
    await tx.insertInto('managers').values(row).execute();
    await ctx.audit('manager.provisioned', null, `manager:${m.id}`, { officeCode: m.officeCode });
    return 'created';
  }
  const fields = changedFields(existing, row);
  if (!fields.length) return 'unchanged';
  await tx.updateTable('managers').set(row).where('id', '=', m.id).execute();
  await ctx.audit('manager.updated', null, `manager:${m.id}`, { fields });
  return 'updated';
}

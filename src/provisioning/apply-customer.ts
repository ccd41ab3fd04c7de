import { randomUUID } from 'node:crypto';
import { RecordError, changedFields, type ApplyContext } from './apply-context.ts';
import { applyAccounts } from './apply-accounts.ts';
import { applyCards } from './apply-cards.ts';
import { applyDevices, applyRepresentatives } from './apply-links.ts';
import { applyOnlineBanking, applyPhoneBanking } from './apply-users.ts';
import type { Outcome } from './outcome.ts';
import type { NormalizedCustomer } from './validate-customer.ts';

/**
 * Creates or updates one customer and everything the record lists, inside the caller's
 * transaction. The master data (name, phones, email, office, manager, locale) is the bank's:
 * an absent phone or email clears it. Throws RecordError for a record that cannot apply.
 */
export async function applyCustomer(ctx: ApplyContext, c: NormalizedCustomer): Promise<Outcome> {
  await checkReferences(ctx, c);
  const { tx } = ctx;
  const row = {
    kind: c.kind,
    document_type: c.documentType,
    document_number: c.documentNumber,
    name: c.name,
    mobile: c.mobile,
    landline: c.landline,
    email: c.email,
    office_code: c.officeCode,
    manager_id: c.managerId,
    locale: c.locale,
  };
  const existing = await tx.selectFrom('customers').selectAll().where('external_id', '=', c.externalId).forUpdate().executeTakeFirst();
  let id: string;
  let changed = false;
  if (!existing) {
    id = randomUUID();
    await tx.insertInto('customers').values({ id, external_id: c.externalId, ...row, created_at: ctx.at, updated_at: ctx.at }).execute();
    await tx.insertInto('signatures').values({ customer_id: id, updated_at: ctx.at }).execute();
    await ctx.audit('customer.provisioned', id, `customer:${id}`, { externalId: c.externalId, kind: c.kind, documentType: c.documentType, officeCode: c.officeCode });
  } else {
    id = existing.id;
    const fields = changedFields(existing, row);
    if (existing.kind !== c.kind) throw new RecordError('kind', 'a customer cannot change between person and entity');
    if (fields.length) {
      await tx.updateTable('customers').set({ ...row, updated_at: ctx.at }).where('id', '=', id).execute();
      await ctx.audit('customer.updated', id, `customer:${id}`, { externalId: c.externalId, fields });
      changed = true;
    }
  }
  const parts = [
    c.representatives ? await applyRepresentatives(ctx, id, c.representatives) : false,
    await applyCards(ctx, id, c.cards),
    c.onlineBanking ? await applyOnlineBanking(ctx, id, c.onlineBanking) : false,
    c.phoneBanking ? await applyPhoneBanking(ctx, id, c.phoneBanking) : false,
    await applyDevices(ctx, id, c.devices),
    await applyAccounts(ctx, id, c.accounts),
  ];
  if (!existing) return 'created';
  return changed || parts.includes(true) ? 'updated' : 'unchanged';
}

/** Office, manager and document: named errors instead of foreign-key or unique violations. */
async function checkReferences(ctx: ApplyContext, c: NormalizedCustomer): Promise<void> {
  const { tx } = ctx;
  const office = await tx.selectFrom('offices').select('code').where('code', '=', c.officeCode).executeTakeFirst();
  if (!office) throw new RecordError('officeCode', `office ${c.officeCode} does not exist`);
  if (c.managerId) {
    const manager = await tx.selectFrom('managers').select('id').where('id', '=', c.managerId).executeTakeFirst();
    if (!manager) throw new RecordError('managerId', `manager ${c.managerId} does not exist`);
  }
  const holder = await tx
    .selectFrom('customers')
    .select('external_id')
    .where('document_type', '=', c.documentType)
    .where('document_number', '=', c.documentNumber)
    .where('external_id', '<>', c.externalId)
    .executeTakeFirst();
  if (holder) throw new RecordError('document.number', `this document already belongs to customer ${holder.external_id}`);
}

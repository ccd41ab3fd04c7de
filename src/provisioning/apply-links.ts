import { randomUUID } from 'node:crypto';
import { RecordError, changedFields, type ApplyContext } from './apply-context.ts';
import type { NormalizedDevice } from './validate-customer.ts';

/**
 * Makes the entity's representatives exactly the listed person customers: who may confirm an
 * operation for a company matters, so a person dropped from the list loses that right.
 */
export async function applyRepresentatives(ctx: ApplyContext, entityId: string, externalIds: string[]): Promise<boolean> {
  const { tx } = ctx;
  const wanted = new Map<string, string>();
  for (const [i, externalId] of externalIds.entries()) {
    const person = await tx.selectFrom('customers').select(['id', 'kind']).where('external_id', '=', externalId).executeTakeFirst();
    if (!person) throw new RecordError(`representatives.${i}`, `customer ${externalId} does not exist`);
    if (person.kind !== 'person') throw new RecordError(`representatives.${i}`, `customer ${externalId} is not a person`);
    wanted.set(person.id, externalId);
  }
  const current = await tx.selectFrom('representatives').select('person_id').where('entity_id', '=', entityId).execute();
  const have = new Set(current.map((r) => r.person_id));
  const added = [...wanted.keys()].filter((id) => !have.has(id));
  const removed = [...have].filter((id) => !wanted.has(id));
  for (const personId of added) {
    await tx.insertInto('representatives').values({ entity_id: entityId, person_id: personId }).execute();
    await ctx.audit('representative.added', entityId, `customer:${personId}`, { externalId: wanted.get(personId) });
  }
  if (removed.length) {
    await tx.deleteFrom('representatives').where('entity_id', '=', entityId).where('person_id', 'in', removed).execute();
    for (const personId of removed) await ctx.audit('representative.removed', entityId, `customer:${personId}`, {});
  }
  return added.length + removed.length > 0;
}

/**
 * Adds or renames linked mobile-signature devices. An existing device keeps its `linkedAt` and
 * stays unlinked if the contact centre unlinked it: a feed repeating yesterday's list must not
 * relink a device taken away during a fraud case.
 */
export async function applyDevices(ctx: ApplyContext, customerId: string, devices: NormalizedDevice[]): Promise<boolean> {
  const { tx } = ctx;
  let changed = false;
  for (const d of devices) {
    const existing = await tx
      .selectFrom('devices')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('external_id', '=', d.externalId)
      .forUpdate()
      .executeTakeFirst();
    if (!existing) {
      const id = randomUUID();
      await tx
        .insertInto('devices')
        .values({ id, customer_id: customerId, external_id: d.externalId, name: d.name, platform: d.platform, linked_at: d.linkedAt })
        .execute();
      await ctx.audit('device.provisioned', customerId, `device:${id}`, { externalId: d.externalId, name: d.name, platform: d.platform, linkedAt: d.linkedAt.toISOString() });
      changed = true;
      continue;
    }
    const fields = changedFields(existing, { name: d.name, platform: d.platform });
    if (!fields.length) continue;
    await tx.updateTable('devices').set({ name: d.name, platform: d.platform }).where('id', '=', existing.id).execute();
    await ctx.audit('device.updated', customerId, `device:${existing.id}`, { externalId: d.externalId, fields });
    changed = true;
  }
  return changed;
}

import { Type, type Static, type TSchema } from 'typebox';
import type { Executor } from '../platform/db/database.ts';
import { maskEmail, maskPhone } from '../customers/mask.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** What the admin API shows of a customer: masked contact data, card last four, no secret at all. */
export const CustomerView = Type.Object({
  externalId: Type.String(),
  kind: Type.String(),
  document: Type.Object({ type: Type.String(), number: Type.String({ description: 'masked' }) }),
  name: Type.String(),
  mobile: Nullable(Type.String()),
  landline: Nullable(Type.String()),
  email: Nullable(Type.String()),
  officeCode: Type.String(),
  managerId: Nullable(Type.String()),
  locale: Type.String(),
  representatives: Type.Array(Type.String(), { description: 'externalIds of the representatives (entities)' }),
  represents: Type.Array(Type.String(), { description: 'externalIds of the entities this person represents' }),
  cards: Type.Array(Type.Object({ last4: Type.String(), brand: Type.String(), kind: Type.String(), failedPinAttempts: Type.Integer(), pinBlocked: Type.Boolean() })),
  onlineBanking: Nullable(Type.Object({ userCode: Type.String(), hasPassword: Type.Boolean(), temporary: Type.Boolean(), profile: Type.String(), failedLogins: Type.Integer() })),
  phoneBanking: Nullable(Type.Object({ userCode: Type.String(), hasPin: Type.Boolean() })),
  devices: Type.Array(Type.Object({ externalId: Type.String(), name: Type.String(), platform: Type.String(), linkedAt: Type.String(), unlinkedAt: Nullable(Type.String()) })),
  activeBlocks: Type.Array(Type.Object({ target: Type.String(), origin: Type.String(), reason: Type.String(), createdAt: Type.String() })),
});
export type CustomerView = Static<typeof CustomerView>;

const iso = (d: Date | string) => new Date(d).toISOString();
const masked = (value: string | null, mask: (v: string) => string) => (value === null ? null : mask(value));

/** Only the last three characters of an identity document. */
export function maskDocument(number: string): string {
  return `${'*'.repeat(Math.max(number.length - 3, 0))}${number.slice(-3)}`;
}

/** The masked view of one customer by the bank's id, or undefined. */
export async function customerView(ex: Executor, externalId: string): Promise<CustomerView | undefined> {
  const c = await ex.selectFrom('customers').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  if (!c) return undefined;
  const [reps, represents, cards, ob, pb, devices, blocks] = await Promise.all([
    ex.selectFrom('representatives as r').innerJoin('customers as p', 'p.id', 'r.person_id').select('p.external_id').where('r.entity_id', '=', c.id).orderBy('p.external_id').execute(),
    ex.selectFrom('representatives as r').innerJoin('customers as e', 'e.id', 'r.entity_id').select('e.external_id').where('r.person_id', '=', c.id).orderBy('e.external_id').execute(),
    ex.selectFrom('cards').selectAll().where('customer_id', '=', c.id).orderBy('created_at').orderBy('last4').execute(),
    ex.selectFrom('online_banking_users').selectAll().where('customer_id', '=', c.id).executeTakeFirst(),
    ex.selectFrom('phone_banking_users').selectAll().where('customer_id', '=', c.id).executeTakeFirst(),
    ex.selectFrom('devices').selectAll().where('customer_id', '=', c.id).orderBy('linked_at').execute(),
    ex.selectFrom('blocks').selectAll().where('customer_id', '=', c.id).where('lifted_at', 'is', null).orderBy('created_at').execute(),
  ]);
  return {
    externalId: c.external_id,
    kind: c.kind,
    document: { type: c.document_type, number: maskDocument(c.document_number) },
    name: c.name,
    mobile: masked(c.mobile, maskPhone),
    landline: masked(c.landline, maskPhone),
    email: masked(c.email, maskEmail),
    officeCode: c.office_code,
    managerId: c.manager_id,
    locale: c.locale,
    representatives: reps.map((r) => r.external_id),
    represents: represents.map((r) => r.external_id),
    cards: cards.map((k) => ({ last4: k.last4, brand: k.brand, kind: k.kind, failedPinAttempts: k.failed_pin_attempts, pinBlocked: k.pin_blocked_at !== null })),
    onlineBanking: ob
      ? { userCode: ob.user_code, hasPassword: ob.password_hash !== null, temporary: ob.password_temporary, profile: ob.profile, failedLogins: ob.failed_logins }
      : null,
    phoneBanking: pb ? { userCode: pb.user_code, hasPin: pb.pin_hash !== null } : null,
    devices: devices.map((d) => ({ externalId: d.external_id, name: d.name, platform: d.platform, linkedAt: iso(d.linked_at), unlinkedAt: d.unlinked_at ? iso(d.unlinked_at) : null })),
    activeBlocks: blocks.map((b) => ({ target: b.target, origin: b.origin, reason: b.reason, createdAt: iso(b.created_at) })),
  };
}

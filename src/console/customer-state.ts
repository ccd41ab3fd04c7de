import { Type, type Static } from 'typebox';
import { caseScope, type Staff } from '../backoffice/access.ts';
import { Nullable } from '../backoffice/cases/views.ts';
import type { BackofficeTables } from '../backoffice/schema.ts';
import { customerActions, CustomerActions } from './customer-actions.ts';
import { maskDocument } from './customer-panel.ts';
import { activeBlocks } from '../customers/blocks-store.ts';
import { maskEmail, maskPhone } from '../customers/mask.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Customer } from '../platform/db/schema.ts';
import type { Services } from '../platform/services.ts';

/**
 * The customer page of the console (`/console/customer?id=`): the customer's state — every
 * block in force with its target, origin and who set it when, the cards with their PIN state,
 * the online-banking profile and who set it, the devices — with the open cases the person may
 * see and the actions their role allows (`customer-actions.ts`). Contact data masked; no secret.
 */
const Iso = Type.String({ format: 'date-time' });
export const CustomerState = Type.Object({
  customer: Type.Object({
    id: Type.String(),
    externalId: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    document: Type.Object({ type: Type.String(), masked: Type.String() }),
    email: Nullable(Type.String({ description: 'Masked' })),
    mobile: Nullable(Type.String({ description: 'Masked' })),
    locale: Type.String(),
    officeCode: Type.String(),
    officeName: Nullable(Type.String()),
  }),
  onlineBanking: Nullable(Type.Object({ userCode: Type.String(), profile: Type.String(), profileOrigin: Nullable(Type.String()), failedLogins: Type.Integer(), lastLoginAt: Nullable(Iso) })),
  blocks: Type.Array(
    Type.Object({ id: Type.String(), target: Type.String(), subject: Nullable(Type.String({ description: 'The card’s last four or the operation’s reference' })), origin: Type.String(), reason: Type.String(), by: Type.String(), at: Iso }),
  ),
  cards: Type.Array(Type.Object({ id: Type.String(), last4: Type.String(), brand: Type.String(), kind: Type.String(), pinBlocked: Type.Boolean(), pinBlockedAt: Nullable(Iso), failedPinAttempts: Type.Integer() })),
  devices: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), platform: Type.String(), linkedAt: Iso, unlinkedAt: Nullable(Iso), unlinkedReason: Nullable(Type.String()) })),
  openCases: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), kind: Type.String(), status: Type.String(), queue: Type.String() }), { description: 'The customer’s open cases the person may see' }),
  actions: CustomerActions,
});
export type CustomerState = Static<typeof CustomerState>;

const iso = (d: Date | string) => new Date(d).toISOString();

/** The open cases of the customer within the person's case scope (as `GET /api/cases`). */
function openCases(ex: Executor, staff: Staff, customerId: string) {
  const scope = caseScope(staff);
  let q = ex.withTables<BackofficeTables>().selectFrom('cases').select(['id', 'number', 'kind', 'status', 'queue', 'owner']).where('customer_id', '=', customerId).where('status', '<>', 'closed').orderBy('opened_at');
  if (scope.queues) {
    const { queues, alsoOwnedBy } = scope;
    q = q.where((eb) => eb.or([...(queues.length > 0 ? [eb('queue', 'in', queues)] : []), ...(alsoOwnedBy ? [eb('owner', '=', alsoOwnedBy)] : [])]));
  }
  return q.execute();
}

/** The state of a customer the person may see (the route checks that first). */
export async function customerState(ex: Executor, services: Pick<Services, 'clock' | 'config'>, staff: Staff, c: Customer): Promise<CustomerState> {
  const [office, user, blocks, cards, devices, ops, cases] = await Promise.all([
    ex.selectFrom('offices').select('name').where('code', '=', c.office_code).executeTakeFirst(),
    ex.selectFrom('online_banking_users').select(['user_code', 'profile', 'profile_origin', 'failed_logins', 'last_login_at']).where('customer_id', '=', c.id).executeTakeFirst(),
    activeBlocks(ex, c.id),
    ex.selectFrom('cards').selectAll().where('customer_id', '=', c.id).orderBy('created_at').orderBy('id').execute(),
    ex.selectFrom('devices').selectAll().where('customer_id', '=', c.id).orderBy('linked_at', 'desc').execute(),
    ex.selectFrom('operations').select(['id', 'reference']).where('customer_id', '=', c.id).execute(),
    openCases(ex, staff, c.id),
  ]);
  const subject = (b: { target: string; subject_id: string | null }) =>
    b.subject_id === null ? null : b.target === 'card_pin' ? (cards.find((k) => k.id === b.subject_id)?.last4 ?? null) : (ops.find((o) => o.id === b.subject_id)?.reference ?? null);
  return {
    customer: {
      id: c.id,
      externalId: c.external_id,
      name: c.name,
      kind: c.kind,
      document: { type: c.document_type, masked: maskDocument(c.document_number) },
      email: c.email ? maskEmail(c.email) : null,
      mobile: c.mobile ? maskPhone(c.mobile) : null,
      locale: c.locale,
      officeCode: c.office_code,
      officeName: office?.name ?? null,
    },
    onlineBanking: user ? { userCode: user.user_code, profile: user.profile, profileOrigin: user.profile_origin, failedLogins: user.failed_logins, lastLoginAt: user.last_login_at ? iso(user.last_login_at) : null } : null,
    blocks: blocks.map((b) => ({ id: b.id, target: b.target, subject: subject(b), origin: b.origin, reason: b.reason, by: b.created_by, at: iso(b.created_at) })),
    cards: cards.map((k) => ({ id: k.id, last4: k.last4, brand: k.brand, kind: k.kind, pinBlocked: k.pin_blocked_at !== null, pinBlockedAt: k.pin_blocked_at ? iso(k.pin_blocked_at) : null, failedPinAttempts: k.failed_pin_attempts })),
    devices: devices.map((d) => ({ id: d.id, name: d.name, platform: d.platform, linkedAt: iso(d.linked_at), unlinkedAt: d.unlinked_at ? iso(d.unlinked_at) : null, unlinkedReason: d.unlinked_reason })),
    openCases: cases.map((k) => ({ id: k.id, number: Number(k.number), kind: k.kind, status: k.status, queue: k.queue })),
    actions: await customerActions(ex, services, staff, c, { blocks, profile: user?.profile ?? null, caseIds: cases.map((k) => k.id) }),
  };
}

import { phoneText } from '../customers/phone-format.ts';
import { Type, type Static } from 'typebox';
import { Nullable } from '../backoffice/cases/views.ts';
import { phoneOptions } from '../backoffice/contact/rules.ts';
import { backofficeError } from '../backoffice/errors.ts';
import type { BackofficeTables, Case } from '../backoffice/schema.ts';
import { activeBlocks } from '../customers/blocks-store.ts';
import { getCustomer, representativesOf } from '../customers/customers-store.ts';
import { maskEmail } from '../customers/mask.ts';
import type { Executor } from '../platform/db/database.ts';

/**
 * The customer panel of a case (issue 6): what the agent needs on screen during the call, with
 * the identity document and email masked, and the phones in full because the agent dials them.
 */
const Iso = Type.String({ format: 'date-time' });
export const CustomerPanel = Type.Object({
  caseId: Type.String(),
  customer: Type.Object({
    id: Type.String(),
    externalId: Type.String(),
    name: Type.String(),
    kind: Type.Union([Type.Literal('person'), Type.Literal('entity')]),
    document: Type.Object({ type: Type.String(), masked: Type.String({ description: 'Only the last four characters shown' }) }),
    email: Nullable(Type.String({ description: 'Masked' })),
    locale: Type.String(),
  }),
  phones: Type.Array(
    Type.Object({ kind: Type.Union([Type.Literal('landline'), Type.Literal('mobile')]), number: Type.String({ description: 'E.164' }), dial: Type.String({ description: 'As the agent dials it from Spain' }) }),
    { description: 'In the order to call them: the landline first' },
  ),
  office: Nullable(Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), phone: Nullable(Type.String()), email: Type.String() })),
  manager: Nullable(Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })),
  devices: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      platform: Type.String(),
      linkedAt: Iso,
      unlinkedAt: Nullable(Iso),
      recent: Type.Boolean({ description: 'Linked within `backoffice.recentDeviceDays` before the case’s first alert' }),
    }),
  ),
  recentSince: Iso,
  blocks: Type.Array(Type.Object({ id: Type.String(), target: Type.String(), subjectId: Nullable(Type.String()), origin: Type.String(), reason: Type.String(), since: Iso })),
  onlineBanking: Nullable(Type.Object({ userCode: Type.String(), profile: Type.String(), temporaryPassword: Type.Boolean(), lastLoginAt: Nullable(Iso) })),
  representatives: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() }), { description: 'For a legal entity: who may answer and confirm' }),
});
export type CustomerPanel = Static<typeof CustomerPanel>;

/** `12345678Z` → `*****678Z`: a fixed number of stars, so the mask does not tell the length. */
export const maskDocument = (document: string): string => `*****${document.slice(-4)}`;

/** A number as dialled from Spain: the national format for Spanish numbers, international otherwise (the console's one format). */
export const dialFormat = (e164: string): string => phoneText(e164);

export async function customerPanel(ex: Executor, row: Case, recentDeviceDays: number): Promise<CustomerPanel> {
  const customer = await getCustomer(ex, row.customer_id);
  if (!customer) throw backofficeError('case_not_found', 'the case has no customer');
  const [office, manager, devices, blocks, user, reps, first] = await Promise.all([
    ex.selectFrom('offices').selectAll().where('code', '=', customer.office_code).executeTakeFirst(),
    customer.manager_id ? ex.selectFrom('managers').selectAll().where('id', '=', customer.manager_id).executeTakeFirst() : undefined,
    ex.selectFrom('devices').selectAll().where('customer_id', '=', customer.id).orderBy('linked_at', 'desc').execute(),
    activeBlocks(ex, customer.id),
    ex.selectFrom('online_banking_users').select(['user_code', 'profile', 'password_temporary', 'last_login_at']).where('customer_id', '=', customer.id).executeTakeFirst(),
    customer.kind === 'entity' ? representativesOf(ex, customer.id) : [],
    ex.withTables<BackofficeTables>().selectFrom('alerts').select((eb) => eb.fn.min('received_at').as('at')).where('case_id', '=', row.id).executeTakeFirst(),
  ]);
  // "Recent" counts back from the case's first alert, as the playbook's unlinking does.
  const alertAt = first?.at ? new Date(first.at) : row.opened_at;
  const since = new Date(alertAt.getTime() - recentDeviceDays * 86_400_000);
  return {
    caseId: row.id,
    customer: {
      id: customer.id,
      externalId: customer.external_id,
      name: customer.name,
      kind: customer.kind,
      document: { type: customer.document_type, masked: maskDocument(customer.document_number) },
      email: customer.email ? maskEmail(customer.email) : null,
      locale: customer.locale,
    },
    phones: phoneOptions(customer).map((p) => ({ kind: p.kind, number: p.number, dial: dialFormat(p.number) })),
    office: office ? { code: office.code, name: office.name, kind: office.kind, phone: office.phone, email: office.email } : null,
    manager: manager ? { id: manager.id, name: manager.name, email: manager.email } : null,
    devices: devices.map((d) => ({
      id: d.id,
      name: d.name,
      platform: d.platform,
      linkedAt: d.linked_at.toISOString(),
      unlinkedAt: d.unlinked_at ? d.unlinked_at.toISOString() : null,
      recent: d.linked_at.getTime() >= since.getTime(),
    })),
    recentSince: since.toISOString(),
    blocks: blocks.map((b) => ({ id: b.id, target: b.target, subjectId: b.subject_id, origin: b.origin, reason: b.reason, since: b.created_at.toISOString() })),
    onlineBanking: user ? { userCode: user.user_code, profile: user.profile, temporaryPassword: user.password_temporary, lastLoginAt: user.last_login_at ? user.last_login_at.toISOString() : null } : null,
    representatives: reps.map((r) => ({ id: r.id, name: r.name, role: r.role })),
  };
}

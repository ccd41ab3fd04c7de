import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.ts';
import { createBlock } from '../customers/blocks-store.ts';
import { setProfile } from '../customers/credentials-store.ts';
import { holdOperation } from '../customers/operations-store.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { ProvisioningDeps } from '../provisioning/apply-context.ts';
import { importRecords } from '../provisioning/import.ts';
import type { ImportSummary } from '../provisioning/schema.ts';
import { raiseDemoAlerts } from './demo-alerts.ts';
import { loadDemoStaff } from './demo-staff.ts';
import { DEMO_CAE_BLOCK, DEMO_HELD_OPERATION, DEMO_PENDING_OPERATION, DEMO_SIGNED_TRANSFER, demoData } from './demo-data.ts';

export interface DemoLoadResult {
  summary: ImportSummary;
  /** State the provisioning format does not carry (a held operation, a CAE block) added this time. */
  extrasCreated: number;
  /** Fraud alerts of the back office (`demo-alerts.ts`) raised this time. */
  alertsRaised: number;
  /** Console users of each role (`demo-staff.ts`) created this time. */
  staffCreated: number;
}

/**
 * Loads the demo bank: the provisioning import, then the operations (held, pending, signed) and
 * the contact-centre block that only other flows create. Idempotent: a second load changes nothing and writes no
 * audit row, and what a demo user has since released or lifted is not put back.
 */
export async function loadDemoData(db: Db, deps: ProvisioningDeps): Promise<DemoLoadResult> {
  const summary = await importRecords(db, deps, demoData(deps.clock.now()));
  let extrasCreated = 0;
  await db.transaction().execute(async (tx) => {
    if (await addOperation(tx, deps, DEMO_HELD_OPERATION)) extrasCreated++;
    if (await addOperation(tx, deps, DEMO_PENDING_OPERATION)) extrasCreated++;
    if (await addOperation(tx, deps, DEMO_SIGNED_TRANSFER)) extrasCreated++;
    if (await addContactCentreBlock(tx, deps)) extrasCreated++;
  });
  const alertsRaised = await raiseDemoAlerts(db, deps);
  const staffCreated = await loadDemoStaff(db, deps);
  return { summary, extrasCreated, alertsRaised, staffCreated };
}

const customerId = async (tx: Tx, externalId: string) =>
  (await tx.selectFrom('customers').select('id').where('external_id', '=', externalId).executeTakeFirst())?.id;

interface DemoOperation {
  customerExternalId: string;
  reference: string;
  description: string;
  iban: string;
  concept: string;
  amountCents: number;
  currency: string;
  beneficiary: string;
  heldReason?: string;
  /** Already signed (a beneficiary paid before), `ageDays` ago. */
  signed?: boolean;
  ageDays?: number;
}

/**
 * A demo transfer with the fixed reference docs/demo.md gives (the operations store draws a
 * random one); a held one is then held through the store so it carries the same `operation`
 * block as any other.
 */
async function addOperation(tx: Tx, deps: ProvisioningDeps, op: DemoOperation): Promise<boolean> {
  const owner = await customerId(tx, op.customerExternalId);
  const exists = await tx.selectFrom('operations').select('id').where('reference', '=', op.reference).executeTakeFirst();
  if (!owner || exists) return false;
  const id = randomUUID();
  const at = new Date(deps.clock.now().getTime() - (op.ageDays ? op.ageDays * 86_400_000 : 20 * 60_000));
  const status = op.signed ? 'signed' : 'pending_signature';
  await tx
    .insertInto('operations')
    .values({
      id,
      reference: op.reference,
      customer_id: owner,
      kind: 'transfer',
      description: op.description,
      details: JSON.stringify({ iban: op.iban, concept: op.concept }),
      amount_cents: op.amountCents,
      currency: op.currency,
      beneficiary: op.beneficiary,
      status,
      held_reason: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await appendAudit(tx, { at, actor: deps.actor, action: 'operation.created', customerId: owner, subject: `operation:${id}`, details: { reference: op.reference, kind: 'transfer', status } });
  if (op.heldReason) await holdOperation(tx, deps, { operationId: id, reason: op.heldReason, by: deps.actor });
  return true;
}

async function addContactCentreBlock(tx: Tx, deps: ProvisioningDeps): Promise<boolean> {
  const owner = await customerId(tx, DEMO_CAE_BLOCK.customerExternalId);
  if (!owner) return false;
  // Any CAE block, lifted or not: a demo user who lifted it at a branch keeps it lifted.
  const any = await tx.selectFrom('blocks').select('id').where('customer_id', '=', owner).where('origin', '=', 'contact_centre').executeTakeFirst();
  if (any) return false;
  await createBlock(tx, deps, { customerId: owner, target: 'access', origin: 'contact_centre', reason: DEMO_CAE_BLOCK.reason, by: deps.actor });
  // The read-only profile goes with it, as the contact centre's: a feed never restores it, a branch does.
  await setProfile(tx, deps, owner, 'read_only', deps.actor, 'contact_centre');
  return true;
}

import { raiseAlert } from '../backoffice/alerts/alerts.ts';
import { DEV_ALERT_SOURCE } from '../backoffice/alerts/auth.ts';
import type { Db } from '../platform/db/database.ts';
import type { ProvisioningDeps } from '../provisioning/apply-context.ts';
import { DEMO_PENDING_OPERATION } from './demo-data.ts';

/**
 * The fraud alerts of the demo (seed 002), one per customer the playbook's variants need, posted
 * through the same ingestion as the fraud engine's (`raiseAlert`) as the dev source would post
 * them. docs/backoffice.md says which outcome to try on each. Idempotent by their alert ids.
 */
export interface DemoAlert {
  sourceAlertId: string;
  customerExternalId: string;
  /** The demo operation the alert is about, by reference. */
  operationReference?: string;
  situation: string;
  details: (now: Date, ctx: { deviceLinkedAt?: string }) => Record<string, unknown>;
}

export const DEMO_ALERTS: readonly DemoAlert[] = [
  {
    // A branch customer (0123) with a landline: the landline is called first.
    sourceAlertId: 'DEMO-FE-0001',
    customerExternalId: 'DEMO-C001',
    operationReference: DEMO_PENDING_OPERATION.reference,
    situation: 'transfer_unusual_access',
    details: () => ({ summary: 'Transferencia firmada desde una conexión no habitual', ip: '185.220.101.7', country: 'NL', reference: DEMO_PENDING_OPERATION.reference }),
  },
  {
    // A customer of the virtual office 8732 (Wefferent) with a manager (W8732-01).
    sourceAlertId: 'DEMO-FE-0002',
    customerExternalId: 'DEMO-C004',
    situation: 'login_new_location',
    details: () => ({ summary: 'Acceso a banca electrónica desde un país nuevo', ip: '89.36.78.12', country: 'RO' }),
  },
  {
    // A legal entity: its representative (Antonio) answers and confirms.
    sourceAlertId: 'DEMO-FE-0003',
    customerExternalId: 'DEMO-E001',
    situation: 'beneficiary_added',
    details: () => ({ summary: 'Alta de un beneficiario nuevo seguida de un intento de transferencia', beneficiary: 'Global Trade Partners LTD', iban: 'GB33BUKB20201555555555' }),
  },
  {
    // A device linked two hours before the load that David did not have: "no answer" unlinks it.
    sourceAlertId: 'DEMO-FE-0004',
    customerExternalId: 'DEMO-C007',
    situation: 'device_linked_then_access',
    details: (_now, ctx) => ({ summary: 'Dispositivo de firma vinculado y acceso inmediato', device: 'SM-A546B', deviceLinkedAt: ctx.deviceLinkedAt ?? null }),
  },
];

/** Raises the demo alerts that are not there yet; answers how many it raised. */
export async function raiseDemoAlerts(db: Db, deps: ProvisioningDeps): Promise<number> {
  // Each demo alert is a different customer's, so the dedupe window plays no part here.
  const alertDeps = { clock: deps.clock, config: { backoffice: { dedupeWindowMinutes: 30 } } };
  let raised = 0;
  for (const alert of DEMO_ALERTS) {
    await db.transaction().execute(async (tx) => {
      const customer = await tx.selectFrom('customers').select('id').where('external_id', '=', alert.customerExternalId).executeTakeFirst();
      if (!customer) return;
      const op = alert.operationReference ? await tx.selectFrom('operations').select('id').where('reference', '=', alert.operationReference).where('customer_id', '=', customer.id).executeTakeFirst() : undefined;
      if (alert.operationReference && !op) return;
      const device = await tx.selectFrom('devices').select('linked_at').where('customer_id', '=', customer.id).where('unlinked_at', 'is', null).orderBy('linked_at', 'desc').limit(1).executeTakeFirst();
      const details = alert.details(deps.clock.now(), device ? { deviceLinkedAt: new Date(device.linked_at).toISOString() } : {});
      const result = await raiseAlert(tx, alertDeps, { source: DEV_ALERT_SOURCE.id, sourceAlertId: alert.sourceAlertId, customerId: customer.id, operationId: op?.id ?? null, situation: alert.situation, details, actor: `alert-source:${DEV_ALERT_SOURCE.id}` });
      if (result.created) raised++;
    });
  }
  return raised;
}

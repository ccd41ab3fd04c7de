import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verify.ts';
import { sealAudit } from '../audit/sealer.ts';
import type { BackofficeTables } from '../backoffice/schema.ts';
import { testDeps } from '../provisioning/test-support.ts';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { DEMO_ALERTS } from './demo-alerts.ts';
import { DEMO_PENDING_OPERATION } from './demo-data.ts';
import { loadDemoData } from './load.ts';

describeEachDatabase('demo alerts', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend);
  });
  afterEach(() => database.drop());

  it('opens one alert case for María, Lucía, Invernaderos del Poniente and David, once', async () => {
    const deps = testDeps();
    const first = await loadDemoData(database.db, deps);
    expect(first.alertsRaised).toBe(DEMO_ALERTS.length);
    await sealAudit(database.db);
    const audit = await verifyAuditChain(database.db);
    deps.clock.advance(3_600_000);
    expect((await loadDemoData(database.db, deps)).alertsRaised).toBe(0);
    await sealAudit(database.db);
    expect(await verifyAuditChain(database.db)).toEqual(audit);

    const bo = database.db.withTables<BackofficeTables>();
    const rows = await bo
      .selectFrom('cases as c')
      .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
      .leftJoin('operations as o', 'o.id', 'c.operation_id')
      .innerJoin('alerts as a', 'a.case_id', 'c.id')
      .select(['cu.external_id', 'cu.office_code', 'c.kind', 'c.status', 'c.queue', 'o.reference', 'a.source', 'a.details'])
      .orderBy('c.number')
      .execute();
    expect(rows.map((r) => [r.external_id, r.office_code, r.kind, r.status, r.queue, r.reference, r.source])).toEqual([
      ['DEMO-C001', '0123', 'alert', 'new', 'contact_centre', DEMO_PENDING_OPERATION.reference, 'fraud-engine'],
      ['DEMO-C004', '8732', 'alert', 'new', 'contact_centre', null, 'fraud-engine'],
      ['DEMO-E001', '0123', 'alert', 'new', 'contact_centre', null, 'fraud-engine'],
      ['DEMO-C007', '8683', 'alert', 'new', 'contact_centre', null, 'fraud-engine'],
    ]);
    // David's alert names the unknown device linked two hours before the load.
    const david = rows[3]!.details as { deviceLinkedAt: string };
    expect(new Date(david.deviceLinkedAt).getTime()).toBe(deps.clock.now().getTime() - 3_600_000 - 2 * 3_600_000);
  });
});

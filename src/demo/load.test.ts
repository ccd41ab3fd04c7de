import { pino } from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verify.ts';
import { sealAudit } from '../audit/sealer.ts';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { loadDemoDataOnFirstStart } from './background.ts';
import { testDeps } from '../provisioning/test-support.ts';
import { DEMO_HELD_OPERATION, DEMO_PENDING_OPERATION, DEMO_SIGNED_TRANSFER, demoData } from './demo-data.ts';
import { loadDemoData } from './load.ts';
import { DEMO_STAFF } from './demo-staff.ts';
import { staffDb } from '../staff/schema.ts';

describeEachDatabase('demo data', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend);
  });
  afterEach(() => database.drop());
  const db = () => database.db;

  it('loads every office and customer with no error, and a second load changes nothing', async () => {
    const deps = testDeps();
    const data = demoData(deps.clock.now());
    const first = await loadDemoData(db(), deps);
    expect(first.summary.errors).toEqual([]);
    expect(first.summary.created).toBe(data.offices.length + data.managers.length + data.customers.length);
    expect(first.extrasCreated).toBe(4);
    expect(first.staffCreated).toBe(DEMO_STAFF.length);
    await sealAudit(db());
    const audit = await verifyAuditChain(db());
    deps.clock.advance(3_600_000); // a later start: device times move, stored ones must not
    const second = await loadDemoData(db(), deps);
    expect(second.summary).toEqual({ created: 0, updated: 0, unchanged: first.summary.created, errors: [], skipped: [] });
    expect(second.extrasCreated).toBe(0);
    expect(second.staffCreated).toBe(0);
    await sealAudit(db());
    expect(await verifyAuditChain(db())).toEqual(audit);
  });

  it('sets up the state each flow needs', async () => {
    const deps = testDeps();
    await loadDemoData(db(), deps);
    const byExt = async (ext: string) => (await db().selectFrom('customers').selectAll().where('external_id', '=', ext).executeTakeFirstOrThrow());
    const held = await db().selectFrom('operations').selectAll().where('reference', '=', DEMO_HELD_OPERATION.reference).executeTakeFirstOrThrow();
    expect(held).toMatchObject({ status: 'held', customer_id: (await byExt('DEMO-C006')).id, amount_cents: 185_000, currency: 'EUR' });
    const opBlock = await db().selectFrom('blocks').selectAll().where('subject_id', '=', held.id).execute();
    expect(opBlock).toMatchObject([{ target: 'operation', origin: 'fraud_rule', lifted_at: null }]);
    const pending = await db().selectFrom('operations').selectAll().where('reference', '=', DEMO_PENDING_OPERATION.reference).executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ status: 'pending_signature', customer_id: (await byExt('DEMO-C001')).id, beneficiary: DEMO_PENDING_OPERATION.beneficiary });
    expect(await db().selectFrom('blocks').selectAll().where('subject_id', '=', pending.id).execute()).toEqual([]);
    const signed = await db().selectFrom('operations').selectAll().where('reference', '=', DEMO_SIGNED_TRANSFER.reference).executeTakeFirstOrThrow();
    expect(signed).toMatchObject({ status: 'signed', customer_id: pending.customer_id, details: { iban: DEMO_PENDING_OPERATION.iban } });
    const cae = await db().selectFrom('blocks').selectAll().where('customer_id', '=', (await byExt('DEMO-C005')).id).execute();
    expect(cae).toMatchObject([{ target: 'access', origin: 'contact_centre', lifted_at: null }]);
    const javier = await db().selectFrom('online_banking_users').select(['profile', 'profile_origin']).where('customer_id', '=', (await byExt('DEMO-C005')).id).executeTakeFirstOrThrow();
    expect(javier).toEqual({ profile: 'read_only', profile_origin: 'contact_centre' });
    const devices = await db().selectFrom('devices').select(['name', 'linked_at']).where('customer_id', '=', (await byExt('DEMO-C007')).id).orderBy('linked_at').execute();
    expect(devices.map((d) => deps.clock.now().getTime() - new Date(d.linked_at).getTime())).toEqual([400 * 86_400_000, 2 * 3_600_000]);
    const wefferent = await byExt('DEMO-C004');
    expect(wefferent).toMatchObject({ office_code: '8732', manager_id: 'W8732-01' });
    const office = await db().selectFrom('offices').selectAll().where('code', '=', '8732').executeTakeFirstOrThrow();
    expect(office).toMatchObject({ kind: 'virtual', email: 'oficina8732@grupocajamar.com' });
    const reps = await db().selectFrom('representatives').selectAll().where('entity_id', '=', (await byExt('DEMO-E001')).id).execute();
    expect(reps).toEqual([expect.objectContaining({ person_id: (await byExt('DEMO-C003')).id })]);
    expect((await byExt('DEMO-C008')).document_type).toBe('PASSPORT');
    expect((await byExt('DEMO-C002')).document_type).toBe('NIE');
    expect(await db().selectFrom('phone_banking_users').select('user_code').execute()).toEqual([{ user_code: 'FJIMENEZ09' }]);
  });

  it('does not put back a CAE block an agent has lifted', async () => {
    const deps = testDeps();
    await loadDemoData(db(), deps);
    await db().updateTable('blocks').set({ lifted_at: new Date(), lifted_by: 'office:8683', lifted_channel: 'office' }).execute();
    const again = await loadDemoData(db(), deps);
    expect(again.extrasCreated).toBe(0);
    expect(await db().selectFrom('blocks').select('id').where('lifted_at', 'is', null).execute()).toEqual([]);
  });
});

describeEachDatabase('demo data on first start', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend);
  });
  afterEach(() => database.drop());
  const log = pino({ enabled: false });
  const customers = async () => (await database.db.selectFrom('customers').select('id').execute()).length;

  it('loads into an empty database in dev mode only', async () => {
    const services = testServices(database);
    await loadDemoDataOnFirstStart({ ...services, config: { ...services.config, dev: false } }, log);
    expect(await customers()).toBe(0);
    await loadDemoDataOnFirstStart(services, log);
    expect(await customers()).toBe(demoData(services.clock.now()).customers.length);
  });

  it('loads once when two instances start together on one empty database', async () => {
    const services = testServices(database);
    await Promise.all([loadDemoDataOnFirstStart(services, log), loadDemoDataOnFirstStart({ ...services }, log)]);
    expect(await customers()).toBe(demoData(services.clock.now()).customers.length);
    await sealAudit(database.db);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('leaves a database that already has customers alone', async () => {
    const services = testServices(database);
    await loadDemoDataOnFirstStart(services, log);
    await database.db.deleteFrom('customers').where('external_id', '=', 'DEMO-C002').execute();
    await sealAudit(database.db);
    const rows = (await verifyAuditChain(database.db)).rows;
    await loadDemoDataOnFirstStart(services, log);
    expect(await customers()).toBe(demoData(services.clock.now()).customers.length - 1);
    await sealAudit(database.db);
    expect((await verifyAuditChain(database.db)).rows).toBe(rows);
  });

  it('gives a dev database from before the console its demo console users, once', async () => {
    const services = testServices(database);
    await loadDemoDataOnFirstStart(services, log);
    await staffDb(database.db).deleteFrom('staff_accounts').execute();
    await loadDemoDataOnFirstStart(services, log);
    expect((await staffDb(database.db).selectFrom('staff_accounts').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(DEMO_STAFF.map((s) => s.username).sort());
    await sealAudit(database.db);
    const rows = (await verifyAuditChain(database.db)).rows;
    await loadDemoDataOnFirstStart(services, log);
    await sealAudit(database.db);
    expect((await verifyAuditChain(database.db)).rows).toBe(rows);
  });
});

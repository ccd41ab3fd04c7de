import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verify.ts';
import { sealAudit } from '../audit/sealer.ts';
import { panHash } from '../customers/pin-verifier.ts';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { importRecords } from './import.ts';
import { CIF, MANAGER, OFFICE, otherPerson, person, testDeps } from './test-support.ts';

describeEachDatabase('provisioning import', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend);
  });
  afterEach(() => database.drop());
  const db = () => database.db;
  const auditCount = async () => (await db().selectFrom('audit_log').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('reports each bad record with its field while the good ones land', async () => {
    const deps = testDeps();
    const summary = await importRecords(db(), deps, {
      offices: [OFFICE],
      managers: [MANAGER],
      customers: [
        person('GOOD-1'),
        otherPerson('BAD-DNI', { document: { type: 'DNI', number: '45123987Z' } }),
        otherPerson('BAD-PHONE', { mobile: '12345' }),
        otherPerson('BAD-OFFICE', { officeCode: '9999' }),
        otherPerson('BAD-LUHN', { cards: [{ pan: '4517812000087657', pin: '3690' }] }),
        otherPerson('BAD-MISSING', { name: undefined }),
        otherPerson('GOOD-2'),
      ],
    });
    expect(summary).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    const byId = Object.fromEntries(summary.errors.map((e) => [e.externalId, e]));
    expect(byId['BAD-DNI']).toMatchObject({ record: 'customer', index: 1, field: 'document.number' });
    expect(byId['BAD-PHONE']).toMatchObject({ index: 2, field: 'mobile' });
    expect(byId['BAD-OFFICE']).toMatchObject({ index: 3, field: 'officeCode', message: 'office 9999 does not exist' });
    expect(byId['BAD-LUHN']).toMatchObject({ index: 4, field: 'cards.0.pan', message: expect.stringMatching(/Luhn/) });
    expect(byId['BAD-MISSING']).toMatchObject({ index: 5, field: 'name', message: 'is required' });
    expect(summary.errors).toHaveLength(5);
    const stored = await db().selectFrom('customers').select('external_id').orderBy('external_id').execute();
    expect(stored.map((r) => r.external_id)).toEqual(['GOOD-1', 'GOOD-2']);
    expect(JSON.stringify(summary)).not.toMatch(/4517812000087657|3690/);
  });

  it('stores no secret in clear and normalises contact data', async () => {
    const deps = testDeps();
    await importRecords(db(), deps, { offices: [OFFICE], managers: [MANAGER], customers: [person('C1')] });
    const c = await db().selectFrom('customers').selectAll().executeTakeFirstOrThrow();
    expect(c).toMatchObject({ mobile: '+34612345331', landline: '+34950123456', email: 'maria.garcia@example.com', document_number: '45123987B' });
    const card = await db().selectFrom('cards').selectAll().executeTakeFirstOrThrow();
    expect(card.last4).toBe('2340');
    expect(card.pan_hash).toBe(panHash(deps.hasher, '4517812000012340'));
    expect(await deps.pinVerifier.verify(card.pan_hash, '2468', card.pin_ref)).toBe(true);
    const ob = await db().selectFrom('online_banking_users').selectAll().executeTakeFirstOrThrow();
    expect(ob.password_hash).toMatch(/^\$argon2id\$/);
    const everything = JSON.stringify([
      await db().selectFrom('cards').selectAll().execute(),
      await db().selectFrom('phone_banking_users').selectAll().execute(),
      await db().selectFrom('online_banking_users').selectAll().execute(),
      await db().selectFrom('audit_log').selectAll().execute(),
    ]);
    for (const secret of ['4517812000012340', '2468', 'Maria.Demo2026', '4071']) expect(everything).not.toContain(secret);
    expect(await db().selectFrom('signatures').selectAll().execute()).toHaveLength(1);
  });

  it('changes nothing and audits nothing when the same input is imported again', async () => {
    const input = { offices: [OFFICE], managers: [MANAGER], customers: [person('C1'), otherPerson('C2')] };
    const first = await importRecords(db(), testDeps(), input);
    expect(first).toMatchObject({ created: 4, errors: [] });
    const rows = await auditCount();
    const before = await db().selectFrom('online_banking_users').select('password_hash').orderBy('user_code').execute();
    const second = await importRecords(db(), testDeps(), input);
    expect(second).toEqual({ created: 0, updated: 0, unchanged: 4, errors: [], skipped: [] });
    expect(await auditCount()).toBe(rows);
    expect(await db().selectFrom('online_banking_users').select('password_hash').orderBy('user_code').execute()).toEqual(before);
    await sealAudit(db());
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, rows, problems: [] });
  });

  it('audits an update by field names, never values', async () => {
    const deps = testDeps();
    await importRecords(db(), deps, { offices: [OFFICE], managers: [MANAGER], customers: [person('C1')] });
    const changed = person('C1', {
      mobile: '699 111 222',
      onlineBanking: { userCode: 'MGARCIA01', password: 'Otra.Clave2026', temporary: true },
      cards: [{ pan: '4517 8120 0001 2340', pin: '1111' }],
    });
    const summary = await importRecords(db(), deps, { customers: [changed] });
    expect(summary).toMatchObject({ updated: 1, errors: [] });
    const events = await db().selectFrom('audit_log').select(['action', 'details']).where('action', 'like', '%.updated').orderBy('id').execute();
    expect(events).toEqual([
      { action: 'customer.updated', details: { externalId: 'C1', fields: ['mobile'] } },
      { action: 'card.updated', details: { last4: '2340', fields: ['pin'] } },
      { action: 'online_banking.updated', details: { fields: ['password', 'password_temporary'] } },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/699111222|Otra\.Clave|1111/);
    const ob = await db().selectFrom('online_banking_users').selectAll().executeTakeFirstOrThrow();
    expect(ob.password_temporary).toBe(true);
  });

  it('clears master data the record no longer carries but keeps cards and users it omits', async () => {
    await importRecords(db(), testDeps(), { offices: [OFFICE], managers: [MANAGER], customers: [person('C1')] });
    const summary = await importRecords(db(), testDeps(), {
      customers: [person('C1', { landline: undefined, cards: undefined, onlineBanking: undefined, phoneBanking: undefined, devices: undefined })],
    });
    expect(summary).toMatchObject({ updated: 1, errors: [] });
    expect((await db().selectFrom('customers').select('landline').executeTakeFirstOrThrow()).landline).toBeNull();
    expect(await db().selectFrom('cards').select('id').execute()).toHaveLength(1);
    expect(await db().selectFrom('online_banking_users').select('user_code').execute()).toHaveLength(1);
  });

  it('links representatives from the same import, whatever the order, and replaces the list', async () => {
    const entity = (reps: string[]) => ({
      externalId: 'E1', kind: 'entity', document: { type: 'CIF', number: CIF }, name: 'Invernaderos del Poniente S.L.', officeCode: '0123', representatives: reps,
    });
    const first = await importRecords(db(), testDeps(), { offices: [OFFICE], managers: [MANAGER], customers: [entity(['C1', 'C2']), person('C1'), otherPerson('C2')] });
    expect(first).toMatchObject({ created: 5, errors: [] });
    expect(await db().selectFrom('representatives').select('person_id').execute()).toHaveLength(2);
    const second = await importRecords(db(), testDeps(), { customers: [entity(['C2'])] });
    expect(second).toMatchObject({ updated: 1, errors: [] });
    const reps = await db().selectFrom('representatives as r').innerJoin('customers as p', 'p.id', 'r.person_id').select('p.external_id').execute();
    expect(reps).toEqual([{ external_id: 'C2' }]);
    const bad = await importRecords(db(), testDeps(), { customers: [entity(['NOPE'])] });
    expect(bad.errors).toEqual([{ record: 'customer', index: 0, externalId: 'E1', field: 'representatives.0', message: 'customer NOPE does not exist' }]);
  });

  it('refuses what belongs to another customer and repeated ids', async () => {
    await importRecords(db(), testDeps(), { offices: [OFFICE], managers: [MANAGER], customers: [person('C1')] });
    const summary = await importRecords(db(), testDeps(), {
      customers: [
        otherPerson('C2', { document: { type: 'DNI', number: '45123987B' } }),
        otherPerson('C3', { cards: [{ pan: '4517812000012340', pin: '1234' }] }),
        otherPerson('C4', { onlineBanking: { userCode: 'MGARCIA01' } }),
        otherPerson('C5'),
        otherPerson('C5'),
      ],
    });
    expect(summary.errors.map((e) => [e.externalId, e.field, e.message])).toEqual([
      ['C2', 'document.number', 'this document already belongs to customer C1'],
      ['C3', 'cards.0.pan', 'this card already belongs to another customer'],
      ['C4', 'onlineBanking.userCode', 'this user code already belongs to another customer'],
      ['C5', 'externalId', 'repeats the customer at index 3'],
    ]);
    expect(summary.created).toBe(1);
    // The failed records left nothing behind: C3's customer row rolled back with its card.
    expect(await db().selectFrom('customers').select('external_id').orderBy('external_id').execute()).toEqual([{ external_id: 'C1' }, { external_id: 'C5' }]);
  });

  it('keeps a device unlinked and its linking time when the feed repeats it', async () => {
    const deps = testDeps();
    await importRecords(db(), deps, { offices: [OFFICE], managers: [MANAGER], customers: [person('C1')] });
    await db().updateTable('devices').set({ unlinked_at: new Date(), unlinked_reason: 'fraud' }).execute();
    const summary = await importRecords(db(), deps, {
      customers: [person('C1', { devices: [{ externalId: 'dev-1', name: 'iPhone', platform: 'ios', linkedAt: '2026-01-15T09:59:00Z' }] })],
    });
    expect(summary).toMatchObject({ unchanged: 1 });
    const device = await db().selectFrom('devices').selectAll().executeTakeFirstOrThrow();
    expect(device.unlinked_at).not.toBeNull();
    expect(new Date(device.linked_at).toISOString()).toBe('2026-01-15T08:00:00.000Z');
  });

  it('applies inside a caller transaction with one savepoint per record', async () => {
    const summary = await db().transaction().execute((tx) =>
      importRecords(tx, testDeps(), { offices: [OFFICE], managers: [MANAGER], customers: [person('C1'), otherPerson('C2', { officeCode: '7777' })] }),
    );
    expect(summary).toMatchObject({ created: 3, errors: [{ externalId: 'C2', field: 'officeCode' }] });
    expect(await db().selectFrom('customers').select('external_id').execute()).toEqual([{ external_id: 'C1' }]);
  });
});

describe('import of offices and managers', () => {
  it('reports a bad office and a manager of an unknown office without a database write', async () => {
    const database = await freshDatabase({ name: 'pglite' });
    try {
      const summary = await importRecords(database.db, testDeps(), {
        offices: [{ ...OFFICE, email: 'not-an-email' }, { ...OFFICE, code: '12' }],
        managers: [MANAGER],
      });
      expect(summary.errors).toEqual([
        { record: 'office', index: 0, externalId: '0123', field: 'email', message: 'is not a valid email address' },
        { record: 'office', index: 1, externalId: '12', field: 'code', message: 'has an invalid format (four-digit office code, e.g. 0123)' },
        { record: 'manager', index: 0, externalId: 'G1', field: 'officeCode', message: 'office 0123 does not exist' },
      ]);
      expect(await database.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});

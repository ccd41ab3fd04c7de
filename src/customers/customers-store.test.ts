import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { findCustomerByDocument, getCustomer, representativesOf } from './customers-store.ts';
import { insertCustomer } from './test-fixtures.ts';

describeEachDatabase('customers store', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.drop());

  it('finds a customer by document as people type it, and nothing for a malformed one', async () => {
    const c = await insertCustomer(database.db, { document_number: '12345678Z' });
    expect((await findCustomerByDocument(database.db, 'DNI', '12.345.678-z'))?.id).toBe(c.id);
    expect(await findCustomerByDocument(database.db, 'NIE', '12345678Z')).toBeUndefined();
    expect(await findCustomerByDocument(database.db, 'DNI', '12345678A')).toBeUndefined();
  });

  it('gets a customer by id, and nothing for an unknown or malformed id', async () => {
    const c = await insertCustomer(database.db);
    expect((await getCustomer(database.db, c.id))?.name).toBe(c.name);
    expect(await getCustomer(database.db, crypto.randomUUID())).toBeUndefined();
    expect(await getCustomer(database.db, 'not-a-uuid')).toBeUndefined();
  });

  it('lists the representatives of a legal entity', async () => {
    const entity = await insertCustomer(database.db, { kind: 'entity', document_type: 'CIF', document_number: 'B12345674', name: 'Almacenes SL' });
    const rep = await insertCustomer(database.db, { name: 'Ana Gómez' });
    await insertCustomer(database.db, { name: 'Not a representative' });
    await database.db.insertInto('representatives').values({ entity_id: entity.id, person_id: rep.id }).execute();
    expect((await representativesOf(database.db, entity.id)).map((r) => [r.name, r.role])).toEqual([['Ana Gómez', 'representative']]);
    expect(await representativesOf(database.db, 'junk')).toEqual([]);
  });
});

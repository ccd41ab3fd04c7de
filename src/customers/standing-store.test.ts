import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { activeBlocks, createBlock } from './blocks-store.ts';
import { findCustomerByDocument, getCustomer } from './customers-store.ts';
import { findCustomerWithStanding, getCustomerWithStanding } from './standing-store.ts';
import { insertCustomer } from './test-fixtures.ts';

const clock = { clock: { now: () => new Date() } };

describeEachDatabase('standing store', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.drop());

  it('reads the customer with the active blocks and the online-banking user, as the separate reads give them', async () => {
    const c = await insertCustomer(database.db, { document_number: '12345678Z' });
    await createBlock(database.db, clock, { customerId: c.id, target: 'access', origin: 'failed_attempts', reason: 'password attempts', by: 'system' });
    await createBlock(database.db, clock, { customerId: c.id, target: 'signature', origin: 'contact_centre', reason: 'CAE', by: 'agent:1' });
    const user = await database.db.selectFrom('online_banking_users').select(['profile', 'user_code']).where('customer_id', '=', c.id).executeTakeFirstOrThrow();
    const expected = { ...(await findCustomerByDocument(database.db, 'DNI', '12345678Z'))!, standing: { blocks: await activeBlocks(database.db, c.id), onlineBanking: { profile: user.profile, userCode: user.user_code } } };
    expect(expected.standing.blocks).toHaveLength(2);
    expect(await findCustomerWithStanding(database.db, 'DNI', '12.345.678-z')).toEqual(expected);
    expect(await getCustomerWithStanding(database.db, c.id)).toEqual(expected);
  });

  it('gives no blocks and no user when there are none, and nothing for an unknown customer', async () => {
    const c = await insertCustomer(database.db);
    await database.db.deleteFrom('online_banking_users').where('customer_id', '=', c.id).execute();
    expect(await getCustomerWithStanding(database.db, c.id)).toEqual({ ...(await getCustomer(database.db, c.id))!, standing: { blocks: [], onlineBanking: null } });
    expect(await getCustomerWithStanding(database.db, crypto.randomUUID())).toBeUndefined();
    expect(await getCustomerWithStanding(database.db, 'not-a-uuid')).toBeUndefined();
    expect(await findCustomerWithStanding(database.db, 'DNI', '12345678A')).toBeUndefined();
  });
});

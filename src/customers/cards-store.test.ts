import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { activeBlocks } from './blocks-store.ts';
import { checkCardPin, findCardByPan, unblockCardPin } from './cards-store.ts';
import { keyedHashPinVerifier, type PinVerifier } from './pin-verifier.ts';
import { insertCard, insertCustomer, randomPan } from './test-fixtures.ts';

describeEachDatabase('cards and PIN store', (backend) => {
  let database: TestDatabase;
  let deps: ReturnType<typeof testServices> & { pinVerifier: PinVerifier };
  beforeAll(async () => {
    database = await freshDatabase(backend);
    const services = testServices(database);
    deps = Object.assign(services, { pinVerifier: keyedHashPinVerifier(services.hasher) });
  });
  afterAll(() => database.drop());

  const card = (id: string) => database.db.selectFrom('cards').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('blocks the PIN at the limit, like an ATM, with a card_pin block', async () => {
    const c = await insertCustomer(database.db);
    const id = await insertCard(database.db, deps.hasher, c.id, randomPan('1881'), '1234');
    const limit = deps.config.limits.pinAttempts;
    const results = [];
    for (let i = 0; i < limit; i++) results.push(await checkCardPin(database.db, deps, { customerId: c.id, last4: '1881', pin: '0000', by: 'ivr' }));
    expect(results).toEqual([...Array<string>(limit - 1).fill('wrong'), 'blocked']);
    expect((await card(id)).pin_blocked_at).not.toBeNull();
    const blocks = await activeBlocks(database.db, c.id);
    expect(blocks).toMatchObject([{ target: 'card_pin', subject_id: id, origin: 'failed_attempts' }]);
    // Once blocked, even the right PIN is refused.
    expect(await checkCardPin(database.db, deps, { customerId: c.id, last4: '1881', pin: '1234' })).toBe('blocked');
    // The customer is told, with the number to call if it was not them.
    const sms = await database.db.selectFrom('outbox').select(['template', 'recipient']).where('customer_id', '=', c.id).execute();
    expect(sms).toEqual([{ template: 'sms.card_pin_blocked', recipient: c.mobile }]);
    // Self-service never lifts the PIN it failed on; a branch does, and the count starts again.
    expect(await unblockCardPin(database.db, deps, { customerId: c.id, cardId: id, channel: 'ivr', by: 'ivr' })).toBe(false);
    expect(await checkCardPin(database.db, deps, { customerId: c.id, last4: '1881', pin: '1234' })).toBe('blocked');
    expect(await unblockCardPin(database.db, deps, { customerId: c.id, cardId: id, channel: 'office', by: 'staff:olga' })).toBe(true);
    expect(await checkCardPin(database.db, deps, { customerId: c.id, last4: '1881', pin: '1234' })).toBe('ok');
  });

  it('resets the failure count on success', async () => {
    const c = await insertCustomer(database.db);
    const id = await insertCard(database.db, deps.hasher, c.id, randomPan('1881'), '4321');
    for (let i = 0; i < deps.config.limits.pinAttempts - 1; i++) await checkCardPin(database.db, deps, { customerId: c.id, last4: '1881', pin: '0000' });
    expect((await card(id)).failed_pin_attempts).toBe(deps.config.limits.pinAttempts - 1);
    expect(await checkCardPin(database.db, deps, { customerId: c.id, last4: '1881', pin: '4321' })).toBe('ok');
    expect((await card(id)).failed_pin_attempts).toBe(0);
    expect(await checkCardPin(database.db, deps, { customerId: c.id, last4: '1881', pin: '0000' })).toBe('wrong');
  });

  it('accepts the PIN of any card with those last four and counts a wrong one against each', async () => {
    const c = await insertCustomer(database.db);
    const a = await insertCard(database.db, deps.hasher, c.id, randomPan('1111'), '1111');
    const b = await insertCard(database.db, deps.hasher, c.id, randomPan('1111'), '2222');
    expect(await checkCardPin(database.db, deps, { customerId: c.id, last4: '1111', pin: '9999' })).toBe('wrong');
    expect([(await card(a)).failed_pin_attempts, (await card(b)).failed_pin_attempts]).toEqual([1, 1]);
    expect(await checkCardPin(database.db, deps, { customerId: c.id, last4: '1111', pin: '2222' })).toBe('ok');
    expect([(await card(a)).failed_pin_attempts, (await card(b)).failed_pin_attempts]).toEqual([1, 0]);
    expect(await checkCardPin(database.db, deps, { customerId: c.id, last4: '1111', pin: '2222', cardId: a })).toBe('wrong');
  });

  it('answers wrong for unknown last four or another customer, still asking the verifier', async () => {
    const c = await insertCustomer(database.db);
    const other = await insertCustomer(database.db);
    await insertCard(database.db, deps.hasher, c.id, randomPan('1881'), '1234');
    let calls = 0;
    const counting: PinVerifier = { enroll: deps.pinVerifier.enroll, verify: async (...args) => (calls++, deps.pinVerifier.verify(...args)) };
    const d = { ...deps, pinVerifier: counting };
    expect(await checkCardPin(database.db, d, { customerId: c.id, last4: '9999', pin: '1234' })).toBe('wrong');
    expect(await checkCardPin(database.db, d, { customerId: other.id, last4: '1881', pin: '1234' })).toBe('wrong');
    expect(calls).toBe(2);
  });

  it('finds a card by its number without storing the number', async () => {
    const c = await insertCustomer(database.db);
    const pan = randomPan('0002');
    const id = await insertCard(database.db, deps.hasher, c.id, pan, '1234');
    const printed = pan.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect((await findCardByPan(database.db, deps.hasher, printed))?.id).toBe(id);
    expect(await findCardByPan(database.db, deps.hasher, randomPan('0010'))).toBeUndefined();
    expect(JSON.stringify(await card(id))).not.toContain(pan);
  });
});

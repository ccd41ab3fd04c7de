import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Services } from '../platform/services.ts';
import type { ManualClock } from '../platform/clock.ts';
import { deliverDue } from './deliver.ts';
import { enqueueMessage, type NewMessage } from './outbox.ts';
import { insertCustomer, testDeliveryDeps } from './test-support.ts';

const recoverySms = (to: string, customerId?: string): NewMessage => {
  const base = { channel: 'sms' as const, to, template: 'sms.code.recovery' as const, params: { code: '904512', minutes: 10 } };
  return customerId ? { ...base, customer: { id: customerId, locale: 'es' } } : { ...base, locale: 'es' };
};

describeEachDatabase('notification outbox', (backend) => {
  let database: TestDatabase;
  let services: Services & { clock: ManualClock };
  const enqueue = (message: NewMessage) => services.db.transaction().execute((tx: Tx) => enqueueMessage(tx, services, message));

  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    services = testServices(database, { 'limits.smsPerCustomerPerHour': 3 });
    await services.db.deleteFrom('dev_messages').execute();
    await services.db.deleteFrom('outbox').execute();
  });

  it('a message enqueued in a transaction that rolls back is never sent', async () => {
    await expect(
      services.db.transaction().execute(async (tx) => {
        await enqueueMessage(tx, services, recoverySms('+34600111222'));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await services.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
    expect((await deliverDue(testDeliveryDeps(services))).claimed).toBe(0);
    expect(await services.db.selectFrom('dev_messages').selectAll().execute()).toEqual([]);
  });

  it('keeps the body sealed in the outbox and drops it once delivered', async () => {
    const { id } = await enqueue(recoverySms('600 111 222'));
    const stored = await services.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('904512');
    expect(stored.body).toMatch(/^v1:/);
    expect(services.sealer.open(stored.body!)).toContain('904512 es tu código');
    expect(stored).toMatchObject({ recipient: '+34600111222', template: 'sms.code.recovery', status: 'pending', subject: null });

    await deliverDue(testDeliveryDeps(services));
    const sent = await services.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', body: null, recipient: '+34600111222', template: 'sms.code.recovery', provider_id: `dev-${id}` });
    expect(sent.sent_at).toEqual(services.clock.now());
    const [delivered] = await services.db.selectFrom('dev_messages').selectAll().execute();
    expect(delivered).toMatchObject({ outbox_id: id, channel: 'sms', recipient: '+34600111222' });
    expect(delivered!.body).toContain('904512');
  });

  it('stores the subject of an email in clear and refuses a template of the other channel', async () => {
    const { id } = await enqueue({ channel: 'email', to: 'ana@example.test', template: 'email.user_code', locale: 'en', params: { name: 'Ana', userCode: 'AB12345' } });
    const row = await services.db.selectFrom('outbox').select(['subject', 'body']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.subject).toBe('Your online banking user code');
    expect(row.body).not.toContain('AB12345');
    await expect(enqueue({ ...recoverySms('+34600111222'), channel: 'email' })).rejects.toThrow(/not a email template/);
    await expect(enqueue(recoverySms('12345'))).rejects.toMatchObject({ code: 'validation' });
  });

  it('limits SMS per customer and per phone in any rolling hour', async () => {
    const customer = await insertCustomer(services.db);
    const neighbour = await insertCustomer(services.db);
    for (let i = 0; i < 3; i++) await enqueue(recoverySms(i % 2 ? '+34600111222' : '600 111 222', customer));
    // Same customer on another phone, and another customer on the same phone: both refused.
    await expect(enqueue(recoverySms('+34600999888', customer))).rejects.toMatchObject({ code: 'too_many', status: 429 });
    await expect(enqueue(recoverySms('+34600111222', neighbour))).rejects.toMatchObject({ code: 'too_many' });
    await expect(enqueue(recoverySms('+34600111222'))).rejects.toMatchObject({ code: 'too_many' });
    // Emails are not SMS, and other phones of other customers are not affected.
    await enqueue({ channel: 'email', to: 'ana@example.test', template: 'email.security_advice', params: { name: 'Ana' }, customer: { id: customer, locale: 'es' } });
    await enqueue(recoverySms('+34600999888', neighbour));

    services.clock.advance(3_600_000 - 1);
    await expect(enqueue(recoverySms('+34600111222', customer))).rejects.toMatchObject({ code: 'too_many' });
    services.clock.advance(1);
    await enqueue(recoverySms('+34600111222', customer));
  });

  it('holds the limit when requests for one phone arrive at the same time', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => enqueue(recoverySms('+34600555444'))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'too_many' });
    const count = await services.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });
});

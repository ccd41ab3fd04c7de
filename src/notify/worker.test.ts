import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, openTestDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import type { ManualClock } from '../platform/clock.ts';
import type { Services } from '../platform/services.ts';
import { PermanentDeliveryError } from './channel.ts';
import { devSinkChannel, devSinkChannels } from './channels/dev-sink.ts';
import type { Channels } from './channel.ts';
import { deliverDue } from './deliver.ts';
import { claimDue, markSent, markSentMany } from './delivery-store.ts';
import { enqueueMessage } from './outbox.ts';
import { countingChannel, recordingLog, testDeliveryDeps } from './test-support.ts';
import { runDeliveryLoop, startNotificationWorker } from './worker.ts';

const CODE = '731904';

describeEachDatabase('notification worker', (backend) => {
  let database: TestDatabase;
  let services: Services & { clock: ManualClock };

  const enqueueSms = (to = '+34600111222') =>
    services.db.transaction().execute((tx) =>
      enqueueMessage(tx, services, { channel: 'sms', to, template: 'sms.unlock_code', locale: 'en', params: { code: CODE, reference: '40012345', minutes: 10 } }),
    );
  const row = (id: number) => services.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const devCount = async () => (await services.db.selectFrom('dev_messages').select('outbox_id').execute()).length;

  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    services = testServices(database, {
      'limits.smsPerCustomerPerHour': 100,
      'notify.maxAttempts': 3,
      'notify.backoffBaseMs': 1000,
      'notify.backoffMaxMs': 1500,
      'notify.leaseMs': 60_000,
    });
    await services.db.deleteFrom('dev_messages').execute();
    await services.db.deleteFrom('outbox').execute();
  });

  it('delivers a round of SMS and email through the shared dev sink in one call, each row with its channel, all recorded sent', async () => {
    const a = await enqueueSms('+34600111333');
    const b = await enqueueSms('+34600111444');
    const email = await services.db.transaction().execute((tx) =>
      enqueueMessage(tx, services, { channel: 'email', to: 'ana@example.test', template: 'email.user_code', locale: 'en', params: { name: 'Ana', userCode: 'U1' } }),
    );
    const dev = devSinkChannels(services.db, services.clock);
    let calls = 0;
    const batched = async (messages: Parameters<NonNullable<Channels['sms']['sendMany']>>[0]) => {
      calls++;
      return dev.sms.sendMany!(messages);
    };
    const channels: Channels = { sms: { ...dev.sms, sendMany: batched }, email: { ...dev.email, sendMany: batched } };
    expect(await deliverDue(testDeliveryDeps(services, channels))).toMatchObject({ claimed: 3, outcomes: { sent: 3 } });
    expect(calls).toBe(1);
    const rows = await services.db.selectFrom('dev_messages').select(['outbox_id', 'channel']).orderBy('outbox_id').execute();
    expect(rows).toEqual([
      { outbox_id: a.id, channel: 'sms' },
      { outbox_id: b.id, channel: 'sms' },
      { outbox_id: email.id, channel: 'email' },
    ]);
    for (const id of [a.id, b.id, email.id]) expect(await row(id)).toMatchObject({ status: 'sent', provider_id: `dev-${id}`, body: null });
  });

  it('a batch the channel refuses is put back, every message of it, for another attempt', async () => {
    const a = await enqueueSms('+34600111555');
    const b = await enqueueSms('+34600111666');
    const refusing = async () => {
      throw new Error('provider down');
    };
    const dev = devSinkChannels(services.db, services.clock);
    const channels: Channels = { sms: { ...dev.sms, sendMany: refusing }, email: { ...dev.email, sendMany: refusing } };
    expect((await deliverDue(testDeliveryDeps(services, channels))).outcomes).toMatchObject({ retry: 2, sent: 0 });
    for (const id of [a.id, b.id]) expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: provider down' });
    expect(await devCount()).toBe(0);
  });

  it('records sent, in one statement, only the messages whose lease the worker still holds', async () => {
    const a = await enqueueSms('+34600111777');
    const s = services.config.notify;
    const [stale] = await claimDue(services.db, services.clock.now(), s.leaseMs, s.maxAttempts, 10);
    services.clock.advance(s.leaseMs);
    const [fresh] = await claimDue(services.db, services.clock.now(), s.leaseMs, s.maxAttempts, 10);
    const recorded = await markSentMany(services.db, [{ message: stale!, providerId: 'stale' }, { message: fresh!, providerId: 'fresh' }], services.clock.now());
    expect([...recorded]).toEqual([a.id]);
    expect(await row(a.id)).toMatchObject({ status: 'sent', provider_id: 'fresh', attempts: 2 });
    expect(await markSentMany(services.db, [{ message: stale!, providerId: 'stale' }], services.clock.now())).toEqual(new Set());
  });

  it('a worker killed between claim and send loses nothing: after the lease another delivers it, once', async () => {
    const { id } = await enqueueSms();
    const s = services.config.notify;
    const [zombie] = await claimDue(services.db, services.clock.now(), s.leaseMs, s.maxAttempts, 10);
    expect(zombie).toMatchObject({ id, status: 'sending', attempts: 1 });

    const sink = countingChannel(devSinkChannel(services.db, services.clock, 'sms'));
    const deps = testDeliveryDeps(services, { sms: sink });
    expect((await deliverDue(deps)).claimed).toBe(0); // the lease still holds
    services.clock.advance(s.leaseMs - 1);
    expect((await deliverDue(deps)).claimed).toBe(0);
    services.clock.advance(1);
    expect(await deliverDue(deps)).toMatchObject({ claimed: 1, outcomes: { sent: 1 } });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, body: null });
    expect(sink.calls).toHaveLength(1);

    // The first worker wakes up and finishes its stale claim: its outcome is refused and the
    // dev sink's unique outbox id keeps the message single.
    await devSinkChannel(services.db, services.clock, 'sms').send({ id, to: zombie!.recipient, subject: null, body: 'late' });
    expect(await markSent(services.db, zombie!, 'zombie', services.clock.now())).toBe(false);
    expect(await devCount()).toBe(1);
    expect((await row(id)).provider_id).toBe(`dev-${id}`);
    expect((await deliverDue(deps)).claimed).toBe(0);
  });

  it('retries with exponential backoff after channel failures, then delivers', async () => {
    const { id } = await enqueueSms();
    const flaky = countingChannel(devSinkChannel(services.db, services.clock, 'sms'), 2);
    const deps = testDeliveryDeps(services, { sms: flaky });
    const start = services.clock.now().getTime();

    expect((await deliverDue(deps)).outcomes.retry).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: provider down (call 1)' });
    expect((await row(id)).next_attempt_at.getTime()).toBe(start + 1000);
    services.clock.advance(999);
    expect((await deliverDue(deps)).claimed).toBe(0);
    services.clock.advance(1);
    expect((await deliverDue(deps)).outcomes.retry).toBe(1);
    expect((await row(id)).next_attempt_at.getTime()).toBe(start + 1000 + 1500); // 2000, capped at 1500
    services.clock.advance(1500);
    expect((await deliverDue(deps)).outcomes.sent).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null, body: null });
    expect(flaky.calls).toHaveLength(3);
  });

  it('gives up after maxAttempts, drops the body and logs no body', async () => {
    const { id } = await enqueueSms();
    const down = countingChannel(devSinkChannel(services.db, services.clock, 'sms'), 99);
    const log = recordingLog();
    const deps = { ...testDeliveryDeps(services, { sms: down }, log), random: () => 0 };
    for (let i = 0; i < 3; i++) {
      await deliverDue(deps);
      services.clock.advance(1500);
    }
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 3, body: null, last_error: 'Error: provider down (call 3)' });
    services.clock.advance(3_600_000);
    expect((await deliverDue(deps)).claimed).toBe(0);
    expect(down.calls).toHaveLength(3);
    expect(log.lines.join('\n')).toContain('giving up');
    expect(log.lines.join('\n')).not.toContain(CODE);
    expect(log.lines.join('\n')).not.toContain('+34600111222');
  });

  it('gives up at once when the provider refuses the message for good', async () => {
    const { id } = await enqueueSms();
    const refusing = { send: async () => Promise.reject(new PermanentDeliveryError('Twilio 400 code 21211')) };
    expect((await deliverDue(testDeliveryDeps(services, { sms: refusing }))).outcomes.failed).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, body: null, last_error: 'PermanentDeliveryError: Twilio 400 code 21211' });
  });

  it('a lease that runs out on the last attempt ends the message as failed, without another send', async () => {
    const { id } = await enqueueSms();
    await services.db.updateTable('outbox').set({ attempts: 2 }).where('id', '=', id).execute();
    await claimDue(services.db, services.clock.now(), 60_000, 3, 10);
    services.clock.advance(60_000);
    const sink = countingChannel(devSinkChannel(services.db, services.clock, 'sms'));
    expect((await deliverDue(testDeliveryDeps(services, { sms: sink }))).claimed).toBe(0);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 3, body: null, last_error: 'no attempts left' });
    expect(sink.calls).toHaveLength(0);
  });

  it('a body that does not open (another key, altered) fails the message without sending', async () => {
    const { id } = await enqueueSms();
    await services.db.updateTable('outbox').set({ body: 'v1:AAAA:BBBB:CCCC' }).where('id', '=', id).execute();
    const sink = countingChannel(devSinkChannel(services.db, services.clock, 'sms'));
    expect((await deliverDue(testDeliveryDeps(services, { sms: sink }))).outcomes.failed).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'failed', body: null, last_error: 'sealed body cannot be opened' });
    expect(sink.calls).toHaveLength(0);
  });

  it('two workers in parallel deliver each of 100 messages exactly once', async () => {
    const ids = new Set<number>();
    for (let i = 0; i < 100; i++) ids.add((await enqueueSms(`+346000${String(i).padStart(5, '0')}`)).id);
    // The second worker has its own connection pool, as a second process would.
    const other = backend.url ? await openTestDatabase({ url: database.url!, poolSize: 5 }) : undefined;
    const workers = [services, other ? { ...services, database: other, db: other.db } : services].map((s) => {
      const sink = countingChannel(devSinkChannel(s.db, s.clock, 'sms'), 0, 5);
      return { sink, deps: { ...testDeliveryDeps(s, { sms: sink }), settings: { ...testDeliveryDeps(s).settings, batchSize: 7 } } };
    });
    try {
      await Promise.all(
        workers.map(async ({ deps }) => {
          while ((await deliverDue(deps)).claimed > 0);
        }),
      );
    } finally {
      await other?.close();
    }
    const calls = workers.flatMap((w) => w.sink.calls.map((c) => c.id));
    expect(calls).toHaveLength(100);
    expect(new Set(calls)).toEqual(ids);
    if (backend.name === 'postgres') for (const w of workers) expect(w.sink.calls.length).toBeGreaterThan(0);
    expect(await devCount()).toBe(100);
    const statuses = await services.db.selectFrom('outbox').select(['status', 'attempts']).execute();
    expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
  });

  it('the background loop delivers on its own and stop() waits for the batch in flight', async () => {
    const { id } = await enqueueSms();
    const slow = countingChannel(devSinkChannel(services.db, services.clock, 'sms'), 0, 200);
    const loop = runDeliveryLoop(testDeliveryDeps(services, { sms: slow }), 50);
    while (slow.calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    await loop.stop();
    expect(await row(id)).toMatchObject({ status: 'sent' });
  });

  it('starts with the server only when notify.runWorker is on', async () => {
    const log = recordingLog() as never;
    expect(await startNotificationWorker(testServices(database, { 'notify.runWorker': false }), log)).toBeUndefined();
    const { id } = await enqueueSms();
    const work = await startNotificationWorker(testServices(database, { 'notify.workerIntervalMs': 50 }, services.clock), log);
    try {
      while ((await row(id)).status !== 'sent') await new Promise((r) => setTimeout(r, 10));
    } finally {
      await work?.stop();
    }
    expect(await devCount()).toBe(1);
  });
});

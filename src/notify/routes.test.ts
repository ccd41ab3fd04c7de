import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { deliverDue } from './deliver.ts';
import { enqueueComposedEmail, enqueueMessage, type NewMessage } from './outbox.ts';
import { testDeliveryDeps } from './test-support.ts';

describeEachDatabase('dev messages route', (backend) => {
  let database: TestDatabase;
  let app: App;
  let services: ReturnType<typeof testServices>;
  const ids: number[] = [];

  beforeAll(async () => {
    database = await freshDatabase(backend);
    services = testServices(database);
    const messages: NewMessage[] = [
      { channel: 'sms', to: '+34600111222', template: 'sms.code.recovery', locale: 'es', params: { code: '100001', minutes: 10 } },
      { channel: 'email', to: 'ana@example.test', template: 'email.user_code', locale: 'en', params: { name: 'Ana', userCode: 'AB12345' } },
      { channel: 'sms', to: '+34600999888', template: 'sms.password_changed', locale: 'en', params: {} },
    ];
    for (const m of messages) {
      ids.push((await services.db.transaction().execute((tx) => enqueueMessage(tx, services, m))).id);
      await deliverDue(testDeliveryDeps(services));
      services.clock.advance(1000);
    }
    app = await buildApp(services, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const list = async (query = '') => {
    const res = await app.inject({ method: 'GET', url: `/api/dev/messages${query}` });
    return { status: res.statusCode, body: res.json() as { messages: Array<Record<string, unknown>> } };
  };

  it('lists delivered messages newest first in dev mode', async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body.messages.map((m) => m.template)).toEqual(['sms.password_changed', 'email.user_code', 'sms.code.recovery']);
    expect(body.messages[1]).toEqual({
      id: expect.any(Number),
      channel: 'email',
      recipient: 'ana@example.test',
      cc: [],
      subject: 'Your online banking user code',
      body: expect.stringContaining('AB12345'),
      template: 'email.user_code',
      deliveredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(body.messages[2]).toMatchObject({ channel: 'sms', subject: null, body: expect.stringContaining('100001') });
  });

  it('filters by recipient (a phone in any shape, even with its + decoded as a space), channel, newer-than id and limit', async () => {
    for (const to of ['%2B34600111222', '+34600111222', '600%20111%20222']) {
      const { body } = await list(`?to=${to}`);
      expect(body.messages.map((m) => m.template), to).toEqual(['sms.code.recovery']);
    }
    expect((await list('?channel=email')).body.messages.map((m) => m.recipient)).toEqual(['ana@example.test']);
    expect((await list('?to=ana@EXAMPLE.test')).body.messages.map((m) => m.template)).toEqual(['email.user_code']);
    expect((await list('?to=nobody')).body.messages).toEqual([]);
    const newest = (await list('?limit=1')).body.messages;
    expect(newest.map((m) => m.template)).toEqual(['sms.password_changed']);
    const first = (await list('?channel=sms')).body.messages.at(-1)!;
    expect((await list(`?since=${String(first.id)}&channel=sms`)).body.messages.map((m) => m.template)).toEqual(['sms.password_changed']);
  });

  it('shows the copies of an email, and finds it by a copied address too', async () => {
    const email = { to: 'cliente@example.test', cc: ['oficina0123@example.test'], subject: 'Medidas de seguridad', body: 'Hola', locale: 'es' as const, source: 'macro.test' };
    await services.db.transaction().execute((tx) => enqueueComposedEmail(tx, services, email));
    await deliverDue(testDeliveryDeps(services));
    const [byCopy] = (await list('?to=oficina0123@example.test')).body.messages;
    expect(byCopy).toMatchObject({ recipient: 'cliente@example.test', cc: ['oficina0123@example.test'], subject: 'Medidas de seguridad' });
    expect((await list('?to=cliente@example.test')).body.messages).toHaveLength(1);
    expect((await list('?to=ana@example.test')).body.messages[0]).toMatchObject({ cc: [] });
  });

  it('answers 400 to a bad query', async () => {
    for (const q of ['?limit=0', '?limit=1000', '?channel=fax', '?since=-1']) expect((await list(q)).status, q).toBe(400);
  });

  it('is documented under the dev tag', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { get: { tags: string[] } }> };
    expect(spec.paths['/api/dev/messages']!.get.tags).toEqual(['dev']);
  });

  it('answers 404 outside dev mode', async () => {
    const production = {
      dev: false,
      publicBaseUrl: 'https://cerrojo.example-bank.es',
      'notify.email': 'smtp',
      'notify.smtpUrl': 'smtp://127.0.0.1:2525',
      'notify.sms': 'twilio',
      'notify.twilioAccountSid': 'AC0123456789abcdef0123456789abcdef',
      'notify.twilioAuthToken': 'token-0123456789',
      'notify.twilioFrom': '+34950000000',
    };
    const prod = await buildApp(testServices(database, production), { logger: false });
    try {
      const res = await prod.inject({ method: 'GET', url: '/api/dev/messages' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
      expect(res.body).not.toContain('100001');
    } finally {
      await prod.close();
    }
  });
});

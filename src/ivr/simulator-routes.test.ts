import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { ivrText } from './text.ts';
import { PRODUCTION_MODE } from '../../test/helpers/web.ts';
import { UNLOCK, seedCaller } from './test-fixtures.ts';

type Heard = { says: { text: string; language: string }[]; listening: boolean; numDigits?: number; ended: boolean; transferredTo?: string };

/** The web phone's simulator API, in process: calls placed and walked without signing anything. */
describeEachDatabase('phone simulator API', (backend) => {
  let database: TestDatabase;
  let ivr: { app: App; services: ReturnType<typeof testServices> };
  beforeAll(async () => {
    database = await freshDatabase(backend);
    // No public base URL: the simulator must sign for the origin the routes see.
    const services = testServices(database);
    ivr = { app: await buildApp(services, { logger: false }), services };
  });
  afterAll(async () => {
    await ivr.app.close();
    await database.drop();
  });

  const post = (url: string, payload?: object) => ivr.app.inject({ method: 'POST', url, ...(payload ? { payload } : {}) });
  const keys = async (callId: string, digits: string) => {
    const res = await post(`/api/dev/phone/calls/${callId}/keys`, { digits });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ heard: Heard }>().heard;
  };

  it('walks branch 3.1 from the unlock line: the signature unlocked, then hangs up', async () => {
    const c = await seedCaller(ivr.services);
    const national = `${c.mobile.slice(3, 6)} ${c.mobile.slice(6, 9)} ${c.mobile.slice(9)}`;
    const start = await post('/api/dev/phone/calls', { from: national, to: '950 183 313' });
    expect(start.statusCode, start.body).toBe(201);
    const { callId, heard } = start.json<{ callId: string; heard: Heard }>();
    expect(heard).toMatchObject({ listening: true, numDigits: 1, ended: false });
    expect(heard.says[0]!.text).toBe(ivrText('ivr.language.greeting', 'es'));
    for (const d of ['1', '3', '1', '1', c.dniKeys, c.last4]) expect((await keys(callId, d)).listening).toBe(true);
    const done = await keys(callId, c.pin);
    expect(done.says.map((s) => s.text)).toContain(ivrText('ivr.signature.done', 'es'));
    expect(done).toMatchObject({ listening: false, ended: true });
    // The call is over: more keys are a conflict, hanging up closes the record.
    expect((await post(`/api/dev/phone/calls/${callId}/keys`, { digits: '1' })).statusCode).toBe(409);
    expect((await post(`/api/dev/phone/calls/${callId}/hangup`)).statusCode).toBe(204);
    const row = await ivr.services.db.withTables<{ ivr_calls: { call_sid: string; from_number: string; to_number: string; outcome: string; branch: string; provider_status: string } }>()
      .selectFrom('ivr_calls').selectAll().where('call_sid', '=', callId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ from_number: c.mobile, to_number: UNLOCK, outcome: 'resolved', branch: '3.1', provider_status: 'completed' });
  });

  it('follows the silence: the line asks again, then a direct line in English', async () => {
    const start = await post('/api/dev/phone/calls', { from: '+34612000001', to: '+34950979971', lang: 'en' });
    const { callId, heard } = start.json<{ callId: string; heard: Heard }>();
    expect(heard.says.every((s) => s.language === 'en-GB')).toBe(true);
    const silent = await post(`/api/dev/phone/calls/${callId}/silence`);
    expect(silent.statusCode, silent.body).toBe(200);
    expect(silent.json<{ heard: Heard }>().heard.says.map((s) => s.text)).toContain(ivrText('ivr.reprompt.noInput', 'en'));
  });

  it('lists the lines of the flow and the demo callers', async () => {
    const res = await ivr.app.inject({ method: 'GET', url: '/api/dev/phone/directory' });
    const body = res.json<{ lines: { key: string; number: string }[]; callers: { name: string; phone: string }[] }>();
    expect(body.lines).toContainEqual(expect.objectContaining({ key: 'unlock', number: UNLOCK }));
    expect(body.lines.map((l) => l.number)).toEqual(expect.arrayContaining(['+34950210191', '+34950979968', '+34950979972']));
    expect(body.callers).toContainEqual({ name: 'María García López', phone: '+34612345331', kind: 'mobile' });
  });

  it('answers bad input with 400 and an unknown call with 404', async () => {
    expect((await post('/api/dev/phone/calls', { from: 'abc', to: '950 183 313' })).statusCode).toBe(400);
    expect((await post('/api/dev/phone/calls', { from: '612345331' })).statusCode).toBe(400);
    expect((await post('/api/dev/phone/calls', { from: '612345331', to: '950183313', lang: 'fr' })).statusCode).toBe(400);
    expect((await post('/api/dev/phone/calls/not-a-call/keys', { digits: '1' })).statusCode).toBe(400);
    expect((await post(`/api/dev/phone/calls/CA${'0'.repeat(32)}/keys`, { digits: '12a' })).statusCode).toBe(400);
    expect((await post(`/api/dev/phone/calls/CA${'0'.repeat(32)}/keys`, { digits: '1' })).statusCode).toBe(404);
    expect((await post(`/api/dev/phone/calls/CA${'0'.repeat(32)}/silence`)).statusCode).toBe(404);
  });

  it('does not exist outside dev mode', async () => {
    let prod: App | undefined;
    try {
      prod = await buildApp(testServices(database, PRODUCTION_MODE), { logger: false });
      for (const url of ['/api/dev/phone/calls', `/api/dev/phone/calls/CA${'0'.repeat(32)}/hangup`]) {
        const res = await prod.inject({ method: 'POST', url, payload: url.endsWith('calls') ? { from: '612345331', to: '950183313' } : {} });
        expect(res.statusCode, url).toBe(404);
      }
      expect((await prod.inject({ method: 'GET', url: '/api/dev/phone/directory' })).statusCode).toBe(404);
      const calls = await ivr.services.db.withTables<{ ivr_calls: { to_number: string } }>().selectFrom('ivr_calls').select('to_number').where('to_number', '=', '+34950183313').execute();
      expect(calls.length).toBe(1);
    } finally {
      await prod?.close();
    }
  });
});

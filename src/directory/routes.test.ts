import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { freshDatabase, testServices, TEST_ADMIN_TOKEN, type TestDatabase } from '../../test/helpers/db.ts';
import { staffHeaders } from '../../test/helpers/staff.ts';

// The directory reads no table: one backend is enough to prove the route.
describe('GET /api/directory', () => {
  let database: TestDatabase;
  let app: App;
  let services: ReturnType<typeof testServices>;
  beforeAll(async () => {
    database = await freshDatabase({ name: 'pglite' });
    services = testServices(database);
    app = await buildApp(services, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });
  const agent = () => staffHeaders(app, services, 'ana', 'agent');
  const get = async (query: string, headers: Record<string, string> | Promise<Record<string, string>> = agent()) => app.inject({ method: 'GET', url: `/api/directory${query}`, headers: await headers });

  it('needs the back-office identity', async () => {
    expect((await get('', {})).statusCode).toBe(401);
    // The admin token provisions only (issue 14, finding 6).
    expect((await get('', { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).json()).toMatchObject({ error: 'forbidden', reason: 'admin_token_not_staff' });
  });

  it('lists every entry for any staff role, with names, numbers, hours and the internal mark', async () => {
    const branch = staffHeaders(app, services, 'olga', 'branch', '0123');
    const res = await get('', branch);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.timeZone).toBe('Europe/Madrid');
    expect(body.entries).toHaveLength(35);
    expect(body.entries[0]).toEqual({
      id: 'customer-service',
      group: 'online-banking',
      groupName: 'Banca electrónica',
      name: 'Atención al cliente',
      internal: false,
      numbers: [
        { display: '901 511 000', e164: '+34901511000', free: false },
        { display: '+34 950 21 01 91', e164: '+34950210191', free: false },
      ],
      channel: 'phone',
      hours: { kind: 'always' },
      hoursText: '24 horas',
      openNow: true,
      links: [],
      note: null,
      seed: 'Atención al cliente: 901 511 000 / +34 950 21 01 91 (24H)',
      agentLine: false,
    });
    const internal = body.entries.filter((e: { internal: boolean }) => e.internal).map((e: { id: string }) => e.id);
    expect(internal).toEqual(['atm-support', 'branch-incidents', 'atu', 'debt-recovery', 'contact-centre-agents']);
    expect(body.entries.at(-1)).toMatchObject({ id: 'contact-centre-agents', seed: null, agentLine: true, numbers: [{ e164: '+34950210199' }] });
  });

  it('searches by number as typed, a "+" in the query string included, and by name in English', async () => {
    for (const q of ['950%2097%2099%2068', '+34950979968', '%2B34%20950%2097%2099%2068']) {
      const res = await get(`?q=${q}`);
      expect(res.json().entries.map((e: { id: string }) => e.id), q).toEqual(['direct-online-banking-user']);
    }
    const en = (await get('?q=foreign%20exchange&lang=en')).json();
    expect(en.entries).toMatchObject([{ id: 'currency-desk', name: 'Foreign exchange desk', hoursText: 'Monday to Friday, 08:30 to 15:00' }]);
  });

  it('keeps only the numbers open now with openNow=true, on a Saturday and on a weekday night', async () => {
    services.clock.set(new Date('2026-01-17T11:00:00Z')); // Saturday 12:00 in Madrid
    const saturday = (await get('?openNow=true')).json();
    const open = saturday.entries.map((e: { id: string }) => e.id);
    expect(open).toContain('customer-service');
    expect(open).toContain('cajamar-consumer-finance');
    expect(open).not.toContain('online-banking-support');
    expect(open).not.toContain('card-report'); // no stated hours: not known to be open
    expect(saturday.entries.every((e: { openNow: boolean }) => e.openNow === true)).toBe(true);
    expect(saturday.at).toBe('2026-01-17T11:00:00.000Z');

    services.clock.set(new Date('2026-01-14T20:30:00Z')); // Wednesday 21:30
    const night = (await get('?q=soporte%20banca&openNow=true')).json();
    expect(night.entries.map((e: { id: string }) => e.id)).toEqual(['online-banking-support', 'phone-banking-support']);
    const all = (await get('?q=oficina&openNow=false')).json();
    expect(all.entries.find((e: { id: string }) => e.id === 'office-8732')).toMatchObject({ openNow: false, note: expect.stringMatching(/Wefferent/) });
  });

  it('answers 400 for a query too long or an openNow that is not a boolean', async () => {
    expect((await get(`?q=${'9'.repeat(101)}`)).statusCode).toBe(400);
    expect((await get('?openNow=maybe')).statusCode).toBe(400);
  });

  it('documents the route under the backoffice tag', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/api/directory'].get.tags).toEqual(['backoffice']);
  });
});

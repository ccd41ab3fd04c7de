import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { describeEachDatabase, freshDatabase, testServices, TEST_ADMIN_TOKEN, type TestDatabase } from '../../test/helpers/db.ts';
import { MANAGER, OFFICE, otherPerson, person } from './test-support.ts';

describeEachDatabase('admin provisioning API', (backend) => {
  let database: TestDatabase;
  let app: App;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    app = await buildApp(testServices(database), { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });
  const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const body = { offices: [OFFICE], managers: [MANAGER], customers: [person('C1'), otherPerson('C2', { mobile: '12' })] };

  it('refuses a request without the token or with a wrong one, before touching anything', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789abcdef' }, { authorization: TEST_ADMIN_TOKEN }, { authorization: 'Bearer ' }]) {
      const res = await app.inject({ method: 'POST', url: '/api/admin/import', headers, payload: body });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: 'unauthorized' });
      const view = await app.inject({ method: 'GET', url: '/api/admin/customers/C1', headers });
      expect(view.statusCode).toBe(401);
    }
    expect(await database.db.selectFrom('offices').selectAll().execute()).toEqual([]);
  });

  it('imports over HTTP, reporting the bad record and landing the good ones', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/import', headers: auth, payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ created: 3, updated: 0, unchanged: 0, errors: [{ record: 'customer', index: 1, externalId: 'C2', field: 'mobile' }] });
    const again = await app.inject({ method: 'POST', url: '/api/admin/import', headers: auth, payload: body });
    expect(again.json()).toMatchObject({ created: 0, unchanged: 3 });
  });

  it('imports a CSV body', async () => {
    const csv = 'externalId,kind,documentType,documentNumber,name,mobile,email,officeCode,cardPan,cardPin\nC9,person,NIE,X4172839H,James O\'Connor,622481907,james@example.com,0123,4517812000056784,8024\n';
    const res = await app.inject({ method: 'POST', url: '/api/admin/import', headers: { ...auth, 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 1, updated: 0, unchanged: 0, errors: [], skipped: [] });
  });

  it('answers 400 for a body that is not the import envelope', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/import', headers: auth, payload: { clients: [] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/unknown sections: clients/);
    const big = await app.inject({ method: 'POST', url: '/api/admin/import', headers: auth, payload: { customers: Array.from({ length: 1001 }, () => ({})) } });
    expect(big.statusCode).toBe(400);
    expect(big.json().detail).toMatch(/at most 1000 records per request/);
  });

  it('shows a masked customer with no secret, and 404 for an unknown one', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/customers/C1', headers: auth });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      externalId: 'C1',
      document: { type: 'DNI', number: '******87B' },
      mobile: '+34 - 6*****331',
      landline: '+34 - 9*****456',
      email: 'ma*****@example.com',
      cards: [{ last4: '2340', brand: 'visa', kind: 'debit', pinBlocked: false }],
      onlineBanking: { userCode: 'MGARCIA01', hasPassword: true, temporary: false, profile: 'full' },
      phoneBanking: { userCode: 'MGARCIAT1', hasPin: true },
      devices: [{ externalId: 'dev-1', linkedAt: '2026-01-15T08:00:00.000Z', unlinkedAt: null }],
    });
    expect(JSON.stringify(view)).not.toMatch(/4517812000012340|2468|Maria\.Demo|argon2|45123987|pan_hash|pin_ref/);
    const missing = await app.inject({ method: 'GET', url: '/api/admin/customers/NOPE', headers: auth });
    expect(missing.statusCode).toBe(404);
  });

  it('documents the admin routes in OpenAPI with the bearer scheme', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    const post = doc.paths['/api/admin/import'].post;
    expect(post.tags).toEqual(['admin']);
    expect(post.security).toEqual([{ admin: [] }]);
    expect(post.requestBody.content['application/json'].schema.properties.customers.items.properties.cards).toBeDefined();
    expect(doc.paths['/api/admin/customers/{externalId}'].get.security).toEqual([{ admin: [] }]);
  });
});

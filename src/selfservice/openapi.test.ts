import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { recoveryApp, type RecoveryTestApp } from './test-support.ts';

describe('recovery API in the OpenAPI document', () => {
  let database: TestDatabase;
  let r: RecoveryTestApp;
  beforeAll(async () => {
    database = await freshDatabase({ name: 'pglite' });
    r = await recoveryApp(database);
  });
  afterAll(async () => {
    await r?.close();
    await database?.drop();
  });

  it('lists every recovery route under the selfservice tag', async () => {
    const doc = (await r.app.inject('/docs/json')).json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>();
    const routes = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/recovery/'));
    expect(routes.map(([path]) => path).sort()).toEqual(['/api/recovery/captcha', '/api/recovery/confirm', '/api/recovery/flow', '/api/recovery/resend', '/api/recovery/start']);
    for (const [, methods] of routes) for (const op of Object.values(methods)) expect(op.tags).toEqual(['selfservice']);
  });
});

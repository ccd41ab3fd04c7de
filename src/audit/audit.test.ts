import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { appendAudit, canonicalRow, chainHash, GENESIS_HASH } from './audit.ts';

describeEachDatabase('audit append', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.drop());

  it('chains each row to the one before, from the genesis hash', async () => {
    const at = new Date('2026-03-01T12:00:00.123Z');
    await appendAudit(database.db, { at, actor: 'system', action: 'test.first', details: { b: 1, a: [2, { z: 1, y: 2 }] } });
    await appendAudit(database.db, { at, actor: 'ivr', action: 'test.second', subject: 'card:1234' });
    const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    for (const row of rows) expect(row.hash).toBe(chainHash(row.prev_hash, canonicalRow(row)));
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction().execute((tx) => appendAudit(tx, { at: new Date(), actor: `worker:${i % 4}`, action: 'test.concurrent' })),
      ),
    );
    const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(42);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    const before = await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(
      database.db.transaction().execute(async (tx) => {
        await appendAudit(tx, { at: new Date(), actor: 'system', action: 'test.rolled_back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const after = await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

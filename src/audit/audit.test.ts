import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, TEST_AUDIT_KEY, type TestDatabase } from '../../test/helpers/db.ts';
import { sql } from 'kysely';
import { transactionWithRetry } from '../platform/db/retry.ts';
import { appendAudit, canonicalRow, GENESIS_HASH, keyedHash, rowMac } from './audit.ts';
import { createAuditKeyring } from './keys.ts';
import { sealAudit } from './sealer.ts';
import { verifyAuditChain } from './verify.ts';

describeEachDatabase('audit append', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.drop());

  it('writes each row unchained with its own MAC; the sealer chains each to the one before, from the genesis hash', async () => {
    const at = new Date('2026-03-01T12:00:00.123Z');
    await appendAudit(database.db, { at, actor: 'system', action: 'test.first', details: { b: 1, a: [2, { z: 1, y: 2 }] } });
    await appendAudit(database.db, { at, actor: 'ivr', action: 'test.second', subject: 'card:1234' });
    const key = createAuditKeyring(TEST_AUDIT_KEY).current;
    const unsealed = await database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    for (const row of unsealed) {
      expect([row.seq, row.prev_hash, row.hash, row.key_id, row.row_key_id]).toEqual([null, null, null, null, key.id]);
      expect(row.row_mac).toBe(rowMac(key, canonicalRow({ ...row, at: new Date(row.at) })));
    }
    expect(await sealAudit(database.db)).toEqual({ sealed: 2, forged: [], busy: false });
    const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows.map((r) => [Number(r.seq), r.key_id])).toEqual([
      [1, key.id],
      [2, key.id],
    ]);
    for (const row of rows) expect(row.hash).toBe(keyedHash(key, Number(row.seq), row.prev_hash!, canonicalRow(row)));
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction().execute((tx) => appendAudit(tx, { at: new Date(), actor: `worker:${i % 4}`, action: 'test.concurrent' })),
      ),
    );
    await sealAudit(database.db);
    const rows = await database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows).toHaveLength(42);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('in a transactionWithRetry, writes the events last, in their order, in one insert, and takes no lock for them', async () => {
    const lockHeld = () =>
      // pg_locks shows the whole server: only this test's database counts (other test files share the server).
      sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`.execute(database.db);
    const statements: string[] = [];
    const counted = database.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'InsertQueryNode') statements.push('insert');
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
    const before = await database.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
    let heldMidway = -1;
    let visibleMidway = -1;
    await transactionWithRetry(counted, async (tx) => {
      await appendAudit(tx, { at: new Date(), actor: 'system', action: 'test.deferred.1' });
      await appendAudit(tx, { at: new Date(), actor: 'system', action: 'test.deferred.2', details: { n: 2 } });
      visibleMidway = (await tx.selectFrom('audit_log').select('id').where('action', 'like', 'test.deferred.%').execute()).length;
      // PGlite has one connection: the lock view would wait for this transaction; PostgreSQL answers from another.
      if (backend.name === 'postgres') heldMidway = (await lockHeld()).rows[0]!.n;
      await appendAudit(tx, { at: new Date(), actor: 'system', action: 'test.deferred.3' });
      if (backend.name === 'postgres') heldMidway += (await lockHeld()).rows[0]!.n;
    });
    expect(statements).toEqual(['insert']);
    expect(visibleMidway).toBe(0);
    if (backend.name === 'postgres') expect(heldMidway).toBe(0);
    const rows = await database.db.selectFrom('audit_log').select(['action']).where('id', '>', before?.id ?? 0).orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(['test.deferred.1', 'test.deferred.2', 'test.deferred.3']);
    await sealAudit(database.db);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('keeps one unbroken chain when deferred and immediate appends race', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? transactionWithRetry(database.db, async (tx) => {
              await appendAudit(tx, { at: new Date(), actor: `worker:${i}`, action: 'test.race.a' });
              await appendAudit(tx, { at: new Date(), actor: `worker:${i}`, action: 'test.race.b' });
            })
          : database.db.transaction().execute((tx) => appendAudit(tx, { at: new Date(), actor: `worker:${i}`, action: 'test.race.now' })),
      ),
    );
    await sealAudit(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, unsealed: { rows: 0 } });
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

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, freshDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { isRetryableConflict, transactionWithRetry } from './retry.ts';

describe('isRetryableConflict', () => {
  it('knows a deadlock and a serialization failure, and nothing else', () => {
    expect(isRetryableConflict({ code: '40P01' })).toBe(true);
    expect(isRetryableConflict({ code: '40001' })).toBe(true);
    expect(isRetryableConflict({ code: '23505' })).toBe(false);
    expect(isRetryableConflict(new Error('40P01'))).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
  });
});

for (const backend of backends()) {
  describe(`transactionWithRetry [${backend.name}]`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await freshDatabase(backend);
      await sql`create table retry_probe (id int primary key, n int not null)`.execute(database.db);
      await sql`insert into retry_probe values (1, 0), (2, 0)`.execute(database.db);
    });
    afterAll(() => database?.drop());

    it('throws any other failure at once, after one try, with nothing committed', async () => {
      let tries = 0;
      const failing = transactionWithRetry(database.db, async (tx) => {
        tries++;
        await sql`update retry_probe set n = n + 100 where id = 1`.execute(tx);
        await sql`select 1/0`.execute(tx);
      });
      await expect(failing).rejects.toThrow(/division by zero/);
      expect(tries).toBe(1);
      const row = await sql<{ n: number }>`select n from retry_probe where id = 1`.execute(database.db);
      expect(row.rows[0]!.n).toBe(0);
    });

    // PGlite has one connection, so it cannot deadlock: this one is PostgreSQL's alone.
    if (backend.name !== 'postgres') return;
    it('runs the deadlock victim again, so both sides commit once', async () => {
      // Two transactions take the same two rows in opposite orders, each waiting for the other
      // at a barrier: PostgreSQL detects the deadlock and aborts one; the retry completes it.
      let arrived = 0;
      let release!: () => void;
      const barrier = new Promise<void>((resolve) => (release = resolve));
      const tries = { a: 0, b: 0 };
      const side = (name: 'a' | 'b', first: number, second: number) =>
        transactionWithRetry(database.db, async (tx) => {
          tries[name]++;
          await sql`update retry_probe set n = n + 1 where id = ${first}`.execute(tx);
          if (tries[name] === 1) {
            if (++arrived === 2) release();
            await barrier;
          }
          await sql`update retry_probe set n = n + 1 where id = ${second}`.execute(tx);
        });
      await Promise.all([side('a', 1, 2), side('b', 2, 1)]);
      expect(tries.a + tries.b).toBe(3);
      const rows = await sql<{ id: number; n: number }>`select id, n from retry_probe order by id`.execute(database.db);
      expect(rows.rows).toEqual([
        { id: 1, n: 2 },
        { id: 2, n: 2 },
      ]);
    });
  });
}

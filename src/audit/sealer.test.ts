import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { describeEachDatabase, freshDatabase, openTestDatabase, TEST_AUDIT_KEY, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import type { Db } from '../platform/db/database.ts';
import { appendAudit, unsealedRows, type AuditEvent } from './audit.ts';
import { createAuditKeyring } from './keys.ts';
import { sealAudit, sealBatch, startAuditSealer } from './sealer.ts';
import { verifyAuditChain } from './verify.ts';

const event = (i: number): AuditEvent => ({ at: new Date(Date.UTC(2026, 4, 1, 8, 0, 0, i)), actor: `worker:${i % 3}`, action: 'test.sealed', subject: `s${i}`, details: { i } });

/** Every row sealed exactly once: numbered 1..n without gaps or repeats, one row per id. */
async function sealedOnce(db: Db): Promise<{ ids: number[]; seqs: number[] }> {
  const rows = await db.selectFrom('audit_log').select(['id', 'seq']).orderBy('seq').execute();
  return { ids: rows.map((r) => Number(r.id)).sort((a, b) => a - b), seqs: rows.map((r) => Number(r.seq)) };
}
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describeEachDatabase('audit sealer', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend);
  });
  afterEach(() => database.drop());

  const append = async (from: number, to: number) => {
    for (let i = from; i <= to; i++) await appendAudit(database.db, event(i));
  };

  it('killed in the middle of a batch, keeps nothing of that batch, and the next seal chains each row once', async () => {
    await append(1, 10);
    // The sealer dies while its UPDATE is at the 5th row (the second batch of 3): PostgreSQL
    // loses the sealer's connection, PGlite the statement.
    const kill =
      backend.name === 'postgres'
        ? 'perform pg_terminate_backend(pg_backend_pid()); perform pg_sleep(10);'
        : "raise exception 'the sealer died mid-batch';";
    await sql
      .raw(`create function test_kill_sealer() returns trigger language plpgsql as $$ begin if new.seq = 5 then ${kill} end if; return new; end $$`)
      .execute(database.db);
    await sql`create trigger test_kill_sealer before update on audit_log for each row execute function test_kill_sealer()`.execute(database.db);
    await expect(sealAudit(database.db, { batchSize: 3 })).rejects.toThrow();
    const kept = await database.db.selectFrom('audit_log').select('seq').where('seq', 'is not', null).orderBy('seq').execute();
    expect(kept.map((r) => Number(r.seq))).toEqual([1, 2, 3]); // the first batch committed; nothing of the second
    const unsealed = await database.db.selectFrom('audit_log').select('id').where('hash', 'is', null).execute();
    expect(unsealed).toHaveLength(7);
    await sql`drop trigger test_kill_sealer on audit_log`.execute(database.db);
    expect(await sealAudit(database.db, { batchSize: 3 })).toEqual({ sealed: 7, forged: [], busy: false });
    const after = await sealedOnce(database.db);
    expect(after.seqs).toEqual(oneTo(10));
    expect(new Set(after.ids).size).toBe(10);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 10, unsealed: { rows: 0 } });
  });

  it('two sealers at once, while requests write, make one valid chain with every row once', async () => {
    const other = backend.name === 'postgres' ? await openTestDatabase({ url: database.url!, poolSize: 4 }) : undefined;
    try {
      const second = other?.db ?? database.db;
      const writers = Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 10; i++) await database.db.transaction().execute((tx) => appendAudit(tx, event(w * 100 + i)));
        })(),
      );
      const sealers = [database.db, second].map(async (db) => {
        for (let round = 0; round < 15; round++) {
          await sealBatch(db, { batchSize: 4, wait: round % 2 === 0 });
        }
      });
      await Promise.all([...writers, ...sealers]);
      await Promise.all([sealAudit(database.db), sealAudit(second)]);
      const all = await sealedOnce(database.db);
      expect(all.seqs).toEqual(oneTo(80));
      expect(new Set(all.ids).size).toBe(80);
      expect(await verifyAuditChain(second)).toMatchObject({ ok: true, rows: 80, problems: [], unsealed: { rows: 0 } });
    } finally {
      await other?.close();
    }
  });

  if (backend.name === 'postgres') {
    it('a row that commits after rows with higher ids were sealed is chained by a later batch, not skipped', async () => {
      let commit!: () => void;
      const gate = new Promise<void>((resolve) => (commit = resolve));
      let inserted!: () => void;
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
      const late = database.db.transaction().execute(async (tx) => {
        await appendAudit(tx, event(1)); // takes its id now, commits later
        inserted();
        await gate;
      });
      await insertedYet;
      await append(2, 4);
      expect(await sealAudit(database.db)).toMatchObject({ sealed: 3 });
      commit();
      await late;
      expect(await sealAudit(database.db)).toMatchObject({ sealed: 1 });
      const rows = await database.db.selectFrom('audit_log').select(['id', 'seq', 'subject']).orderBy('seq').execute();
      expect(rows.map((r) => r.subject)).toEqual(['s2', 's3', 's4', 's1']);
      expect(Number(rows[3]!.id)).toBeLessThan(Number(rows[0]!.id));
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 4 });
    });
  }

  it('property: over interleaved inserts, out-of-order commits, aborts and seals, the chain stays intact and each committed row is sealed once', async () => {
    const key = createAuditKeyring(TEST_AUDIT_KEY).current;
    let committed = 0;
    let n = 0;
    const step = fc.oneof(
      fc.record({ t: fc.constant('begin' as const), rows: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ t: fc.constant('commit' as const), pick: fc.nat() }),
      fc.record({ t: fc.constant('abort' as const), pick: fc.nat() }),
      fc.record({ t: fc.constant('seal' as const), batch: fc.integer({ min: 1, max: 4 }) }),
      fc.constant({ t: 'verify' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        // A transaction takes its ids when it inserts, and may commit after later ones: here the
        // ids are taken at `begin` and the rows land with them at `commit`, in any order.
        const open: { ids: number[]; events: AuditEvent[] }[] = [];
        const land = async (tx: { ids: number[]; events: AuditEvent[] }) => {
          await database.db
            .insertInto('audit_log')
            .values(unsealedRows(key, tx.events).map((row, k) => ({ ...row, id: tx.ids[k]! })))
            .execute();
          committed += tx.ids.length;
        };
        for (const s of steps) {
          if (s.t === 'begin') {
            const ids = await sql<{ id: string }>`select nextval('audit_log_id_seq') as id from generate_series(1, ${s.rows})`.execute(database.db);
            open.push({ ids: ids.rows.map((r) => Number(r.id)), events: ids.rows.map(() => event(++n)) });
          } else if (s.t === 'commit' || s.t === 'abort') {
            if (open.length === 0) continue;
            const [tx] = open.splice(s.pick % open.length, 1);
            if (s.t === 'commit') await land(tx!);
          } else if (s.t === 'seal') {
            await sealBatch(database.db, { batchSize: s.batch });
          } else {
            const v = await verifyAuditChain(database.db);
            expect(v.ok).toBe(true);
            expect(v.rows + v.unsealed.rows).toBe(committed);
          }
        }
        for (const tx of open) await land(tx);
        await sealAudit(database.db, { batchSize: 3 });
        const all = await sealedOnce(database.db);
        expect(all.seqs).toEqual(oneTo(committed));
        expect(new Set(all.ids).size).toBe(committed);
        expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: committed, unsealed: { rows: 0 } });
      }),
      { numRuns: 15 },
    );
  });

  it('the background task seals what requests write, and what is left at stop', async () => {
    const services = testServices(database, { 'audit.sealIntervalMs': 10, 'audit.sealBatchSize': 2 });
    const log = { warn: () => undefined, info: () => undefined } as never;
    const work = await startAuditSealer(services, log);
    await append(1, 5);
    await vi.waitFor(async () => expect((await verifyAuditChain(database.db)).rows).toBe(5), { timeout: 20_000, interval: 50 });
    await append(6, 7);
    await work!.stop();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 7, unsealed: { rows: 0 } });
  });
});

import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asDatabaseOperator, describeEachDatabase, freshDatabase, TEST_AUDIT_KEY, type TestDatabase } from '../../test/helpers/db.ts';
import { migrate } from '../platform/db/database.ts';
import { appendAudit, canonicalRow, chainHash, GENESIS_HASH, keyedHash } from './audit.ts';
import { createAuditKeyring, withAuditKeys } from './keys.ts';
import { sealAudit } from './sealer.ts';
import { checkRowHash, verifyAuditChain, type ChainRow } from './verify.ts';

const event = (i: number) => ({
  at: new Date(Date.UTC(2026, 0, 15, 10, 0, i, 123)),
  actor: 'system',
  action: 'test.event',
  subject: `s${i}`,
  details: { n: i, nested: { z: 1, a: [i, 'x'] }, text: 'ñandú €' },
});

describe('checkRowHash', () => {
  const ring = createAuditKeyring(TEST_AUDIT_KEY);
  const fields = { at: new Date('2026-01-01T00:00:00Z'), actor: 'system', action: 'x', customer_id: null, subject: null, details: { a: 1 } };
  const keyed = (over: Partial<ChainRow> = {}): ChainRow => {
    const row = { ...fields, seq: 1, key_id: ring.current.id, prev_hash: GENESIS_HASH, hash: '' };
    return { ...row, hash: keyedHash(ring.current, 1, GENESIS_HASH, canonicalRow(row)), ...over };
  };

  it('accepts a keyed row, and refuses it moved to another place, edited or named under another key', () => {
    expect(checkRowHash(ring, keyed(), false)).toBeNull();
    expect(checkRowHash(ring, keyed({ seq: 2 }), false)?.kind).toBe('edited');
    expect(checkRowHash(ring, keyed({ actor: 'x' }), false)?.kind).toBe('edited');
    expect(checkRowHash(ring, keyed({ key_id: 'feedfeedfeedfeed' }), false)?.kind).toBe('unknown_key');
  });

  it('accepts an unkeyed row only before the keyed chain began', () => {
    const legacy = { ...fields, seq: 1, key_id: null, prev_hash: GENESIS_HASH, hash: chainHash(GENESIS_HASH, canonicalRow(fields)) };
    expect(checkRowHash(ring, legacy, false)).toBeNull();
    expect(checkRowHash(ring, legacy, true)?.kind).toBe('downgraded');
    expect(checkRowHash(ring, { ...legacy, actor: 'x' }, false)?.kind).toBe('edited');
  });
});

describeEachDatabase('audit chain verification', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend);
  });
  afterEach(() => database.drop());

  const append = async (n: number, db = database.db) => {
    for (let i = 1; i <= n; i++) await appendAudit(db, event(i));
    await sealAudit(db);
  };
  const noneUnsealed = { rows: 0, oldestAt: null, oldestAgeSeconds: null };

  it('reports an empty log as intact', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 0, legacyRows: 0, head: null, checkpoints: 0, problems: [], unsealed: noneUnsealed });
  });

  it('reports an intact chain across several pages, numbered 1, 2, 3 ... and keyed', async () => {
    await append(7);
    const rows = await database.db.selectFrom('audit_log').select(['seq', 'key_id', 'hash']).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(rows.map((r) => r.key_id))).toEqual(new Set([createAuditKeyring(TEST_AUDIT_KEY).current.id]));
    expect(await verifyAuditChain(database.db, { pageSize: 3 })).toEqual({ ok: true, rows: 7, legacyRows: 0, head: { seq: 7, hash: rows[6]!.hash! }, checkpoints: 0, problems: [], unsealed: noneUnsealed });
  });

  it('does not write a row through a handle without an audit key', async () => {
    const bare = { ...database, db: database.db.withoutPlugins() };
    await expect(appendAudit(bare.db, event(1))).rejects.toThrow(/no audit key/);
    await expect(sealAudit(bare.db)).rejects.toThrow(/no audit key/);
  });

  it('verifies rows of a retired key while it is among the previous keys, and names them when it is not', async () => {
    const oldKey = 'd4'.repeat(32);
    await append(2, withAuditKeys(database, createAuditKeyring(oldKey)).db);
    const rotated = withAuditKeys(database, createAuditKeyring(TEST_AUDIT_KEY, [oldKey])).db;
    await append(2, rotated);
    expect(await verifyAuditChain(rotated)).toMatchObject({ ok: true, rows: 4 });
    const forgotten = await verifyAuditChain(database.db);
    expect(forgotten.problems.map((p) => [p.kind, p.seq])).toEqual([
      ['unknown_key', 1],
      ['unknown_key', 2],
    ]);
  });

  it('finds the deletion of the first rows', async () => {
    await append(3);
    await asDatabaseOperator(database.db, (tx) => tx.deleteFrom('audit_log').where('seq', '=', 1).execute());
    expect((await verifyAuditChain(database.db)).problems).toEqual([{ kind: 'deleted', seq: 1, reason: 'row 1 is missing: deleted' }]);
  });

  it('finds several breaks, each at its row', async () => {
    await append(8);
    await asDatabaseOperator(database.db, async (tx) => {
      await tx.updateTable('audit_log').set({ action: 'x' }).where('seq', 'in', [2, 7]).execute();
      await sql`update audit_log set details = jsonb_set(details, '{n}', '99') where seq = 4`.execute(tx);
    });
    expect((await verifyAuditChain(database.db)).problems.map((p) => [p.kind, p.seq])).toEqual([
      ['edited', 2],
      ['edited', 4],
      ['edited', 7],
    ]);
  });
});

describeEachDatabase('audit chain across migration 0017', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend, { upTo: '0016_ivr_handovers' });
  });
  afterEach(() => database.drop());

  /** Rows as the code before 0017 wrote them: unkeyed SHA-256, no seq, and one id skipped (a rollback). */
  const writeLegacyRows = async (n: number) => {
    let prev = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const e = event(i);
      const row = { at: e.at, actor: e.actor, action: e.action, customer_id: null, subject: e.subject, details: e.details };
      const hash = chainHash(prev, canonicalRow(row));
      const id = i < 3 ? i : i + 1;
      await sql`insert into audit_log (id, at, actor, action, customer_id, subject, details, prev_hash, hash) values (${id}, ${row.at}, ${row.actor}, ${row.action}, null, ${row.subject}, ${JSON.stringify(row.details)}, ${prev}, ${hash})`.execute(database.db);
      prev = hash;
    }
    await sql`select setval('audit_log_id_seq', ${n + 1})`.execute(database.db);
  };

  it('numbers the old rows, leaves them unkeyed, and goes on with the keyed chain from their last hash', async () => {
    await writeLegacyRows(4);
    await migrate(database.db);
    await appendAudit(database.db, event(5));
    await appendAudit(database.db, event(6));
    await sealAudit(database.db);
    const rows = await database.db.selectFrom('audit_log').select(['id', 'seq', 'key_id', 'prev_hash', 'hash']).orderBy('seq').execute();
    expect(rows.map((r) => [r.id, Number(r.seq), r.key_id === null])).toEqual([
      [1, 1, true],
      [2, 2, true],
      [4, 3, true],
      [5, 4, true],
      [6, 5, false],
      [7, 6, false],
    ]);
    expect(rows[4]!.prev_hash).toBe(rows[3]!.hash);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 6, legacyRows: 4, problems: [] });
  });

  it('names an old row edited and re-hashed in SHA-256 at the first keyed row, which no one can re-link without the key', async () => {
    await writeLegacyRows(3);
    await migrate(database.db);
    await appendAudit(database.db, event(4));
    await sealAudit(database.db);
    await asDatabaseOperator(database.db, async (tx) => {
      const row = await tx.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
      const forged = { ...row, at: new Date(row.at), actor: 'attacker' };
      await tx.updateTable('audit_log').set({ actor: 'attacker', hash: chainHash(row.prev_hash!, canonicalRow(forged)) }).where('seq', '=', 3).execute();
    });
    expect((await verifyAuditChain(database.db)).problems.map((p) => [p.kind, p.seq])).toEqual([['relinked', 4]]);
  });

  it('names a keyed row turned into an unkeyed one', async () => {
    await writeLegacyRows(2);
    await migrate(database.db);
    await appendAudit(database.db, event(3));
    await appendAudit(database.db, event(4));
    await sealAudit(database.db);
    await asDatabaseOperator(database.db, async (tx) => {
      const row = await tx.selectFrom('audit_log').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
      await tx.updateTable('audit_log').set({ key_id: null, hash: chainHash(row.prev_hash!, canonicalRow({ ...row, at: new Date(row.at) })) }).where('seq', '=', 4).execute();
    });
    expect((await verifyAuditChain(database.db)).problems.map((p) => [p.kind, p.seq])).toEqual([['downgraded', 4]]);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { appendAudit, canonicalRow, chainHash, keyedHash } from '../../src/audit/audit.ts';
import { startAuditCheckpoints } from '../../src/audit/checkpoint-task.ts';
import { parseCheckpoints, signCheckpoint, takeCheckpoint, type AuditCheckpoint } from '../../src/audit/checkpoints.ts';
import { createAuditKeyring, withAuditKeys, type AuditKey } from '../../src/audit/keys.ts';
import { sealAudit } from '../../src/audit/sealer.ts';
import { verifyAuditChain, type AuditVerification } from '../../src/audit/verify.ts';
import { migrate, openDatabase, type Tx } from '../../src/platform/db/database.ts';
import { asDatabaseOperator, describeEachDatabase, freshDatabase, TEST_AUDIT_KEY as TEST_KEY, testServices, type TestDatabase } from '../helpers/db.ts';

/**
 * Issue 14, finding 3: the audit chain was an unkeyed SHA-256, so whoever could write the
 * database could edit a row and re-hash the rest, or cut the tail, and `cerrojo audit verify`
 * still said "intact". Here the database's operator does exactly that (with the table's
 * append-only triggers off, as its owner can), and verification names each tampering, at its row.
 */
describeEachDatabase('security: the audit log against its own database operator (issue 14, finding 3)', (backend) => {
  let database: TestDatabase;
  let dir: string;
  const quiet = { info: () => undefined, warn: () => undefined };
  beforeEach(async () => {
    database = await freshDatabase(backend);
    dir = mkdtempSync(join(tmpdir(), 'cerrojo-audit-'));
  });
  afterEach(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = async (n: number) => {
    for (let i = 1; i <= n; i++) {
      await appendAudit(database.db, { at: new Date(Date.UTC(2026, 2, 1, 9, 0, i)), actor: 'agent:7', action: 'block.lifted', subject: `card:${1000 + i}`, details: { i } });
    }
    await sealAudit(database.db);
  };
  /** A signed checkpoint of the head as the background task takes it. */
  const checkpoint = async () => (await takeCheckpoint(database.db, createAuditKeyring(TEST_KEY), new Date(), {}, quiet))!;
  const found = (result: AuditVerification) => result.problems.map((p) => [p.kind, p.seq]);

  /** The attacker's rewrite: every row from `from` on re-hashed with `hashOf`, each linked to the one before. */
  const rechain = (from: number, hashOf: (row: Row, prev: string) => string, edit: (tx: Tx) => Promise<unknown>) =>
    asDatabaseOperator(database.db, async (tx) => {
      await edit(tx);
      const rows = await tx.selectFrom('audit_log').selectAll().where('seq', '>=', from - 1).orderBy('seq').execute();
      let prev = rows[0]!.hash!;
      for (const row of rows.slice(1)) {
        const hash = hashOf({ ...row, seq: Number(row.seq), at: new Date(row.at), hash: row.hash! }, prev);
        await tx.updateTable('audit_log').set({ prev_hash: prev, hash }).where('id', '=', row.id).execute();
        prev = hash;
      }
    });
  const editActor = (seq: number) => (tx: Tx) => tx.updateTable('audit_log').set({ actor: 'agent:9' }).where('seq', '=', seq).execute();

  it('the app cannot UPDATE, DELETE or TRUNCATE the audit log: the table refuses them', async () => {
    await append(3);
    await expect(database.db.updateTable('audit_log').set({ actor: 'x' }).where('seq', '=', 2).execute()).rejects.toThrow(/audit_log is append-only: UPDATE refused/);
    await expect(database.db.deleteFrom('audit_log').where('seq', '=', 3).execute()).rejects.toThrow(/audit_log is append-only: DELETE refused/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/audit_log is append-only: TRUNCATE refused/);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 3 });
  });

  it('the table lets the sealer set the chain columns of an unsealed row, and nothing else', async () => {
    await appendAudit(database.db, { at: new Date(), actor: 'agent:7', action: 'block.lifted' });
    const link = { seq: 1, prev_hash: '0'.repeat(64), hash: 'a'.repeat(64), key_id: 'k' };
    await expect(database.db.updateTable('audit_log').set({ ...link, actor: 'x' }).execute()).rejects.toThrow(/audit_log is append-only: UPDATE refused/);
    await expect(database.db.updateTable('audit_log').set({ row_mac: 'b'.repeat(64) }).execute()).rejects.toThrow(/audit_log is append-only: UPDATE refused/);
    await database.db.updateTable('audit_log').set(link).execute();
    await expect(database.db.updateTable('audit_log').set({ ...link, hash: 'c'.repeat(64) }).execute()).rejects.toThrow(/audit_log is append-only: UPDATE refused/);
  });

  it('a row edited before it is sealed is named forged, before and after the sealer chains it', async () => {
    await append(2);
    await appendAudit(database.db, { at: new Date(Date.UTC(2026, 2, 1, 9, 1)), actor: 'agent:7', action: 'block.lifted', subject: 'card:2000' });
    await appendAudit(database.db, { at: new Date(Date.UTC(2026, 2, 1, 9, 2)), actor: 'agent:7', action: 'block.lifted', subject: 'card:2001' });
    const [edited] = await database.db.selectFrom('audit_log').select('id').where('subject', '=', 'card:2001').execute();
    await asDatabaseOperator(database.db, (tx) => tx.updateTable('audit_log').set({ actor: 'agent:9' }).where('id', '=', edited!.id).execute());
    const before = await verifyAuditChain(database.db);
    expect(before.problems).toEqual([{ kind: 'forged', seq: null, id: Number(edited!.id), reason: `unsealed row (id ${edited!.id}): the row does not match its own MAC: it was edited before it was sealed` }]);
    expect(before).toMatchObject({ ok: false, rows: 2, unsealed: { rows: 2, oldestAt: '2026-03-01T09:01:00.000Z' } });
    expect(await sealAudit(database.db)).toEqual({ sealed: 2, forged: [Number(edited!.id)], busy: false });
    const after = await verifyAuditChain(database.db);
    expect(found(after)).toEqual([['forged', 4]]);
    expect(after.unsealed).toEqual({ rows: 0, oldestAt: null, oldestAgeSeconds: null });
  });

  it('an edited row is named at its row', async () => {
    await append(6);
    await asDatabaseOperator(database.db, editActor(4));
    const result = await verifyAuditChain(database.db);
    expect(found(result)).toEqual([['edited', 4]]);
    expect(result.problems[0]!.reason).toBe('the row does not match its HMAC: the row was edited');
  });

  it('an edit re-chained with plain SHA-256, as the old chain allowed, is named from its row', async () => {
    await append(6);
    await rechain(3, (row, prev) => chainHash(prev, canonicalRow(row)), editActor(3));
    const result = await verifyAuditChain(database.db);
    expect(found(result)).toEqual([['rechained', 3]]);
    expect(result.problems[0]!.reason).toBe('rows 3 to 6 link to each other but fail their HMAC: the chain was rewritten from row 3 and re-hashed with plain SHA-256');
  });

  it('an edit re-chained under a key of the attacker\'s own is named from its row, and by every checkpoint after it', async () => {
    await append(3);
    const before = await checkpoint();
    await append(3);
    const atHead = await checkpoint();
    const guessed = createAuditKeyring('ee'.repeat(32)).current;
    const own: AuditKey = { id: createAuditKeyring(TEST_KEY).current.id, mac: guessed.mac };
    await rechain(2, (row, prev) => keyedHash(own, row.seq, prev, canonicalRow(row)), editActor(2));
    const result = await verifyAuditChain(database.db, { checkpoints: [before, atHead] });
    expect(found(result)).toEqual([
      ['rechained', 2],
      ['checkpoint_mismatch', 3],
      ['checkpoint_mismatch', 6],
    ]);
    expect(result.problems[0]!.reason).toBe('rows 2 to 6 link to each other but fail their HMAC: the chain was rewritten from row 2 and re-hashed without the audit key');
    expect(result.problems[1]!.reason).toBe(`the checkpoint of ${before.at} names another row 3: the row was rewritten after it`);
  });

  it('a deleted tail is named by the checkpoint of the old head, and a checkpoint forged for the new head is refused', async () => {
    await append(8);
    const atHead = await checkpoint();
    await asDatabaseOperator(database.db, (tx) => tx.deleteFrom('audit_log').where('seq', '>', 5).execute());
    // The chain alone cannot tell a cut tail from a log that ended there: that is what checkpoints are for.
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, rows: 5 });
    const head = await database.db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', 5).executeTakeFirstOrThrow();
    const forged: AuditCheckpoint = { ...signCheckpoint(createAuditKeyring('ee'.repeat(32)).current, { seq: 5, hash: head.hash! }, new Date()), keyId: atHead.keyId };
    const result = await verifyAuditChain(database.db, { checkpoints: [atHead, forged] });
    expect(found(result)).toEqual([
      ['checkpoint_forged', 5],
      ['truncated', 8],
    ]);
    expect(result.problems[1]!.reason).toBe(`the checkpoint of ${atHead.at} names row 8, but the log ends at row 5: rows 6 to 8 are gone (the tail was deleted)`);
    expect(result.problems[0]!.reason).toMatch(/its signature does not match: it was not written by cerrojo, or it was altered/);
  });

  it('deleted rows in the middle are named by the numbers missing, and renumbering them fails the HMAC', async () => {
    await append(7);
    await asDatabaseOperator(database.db, (tx) => tx.deleteFrom('audit_log').where('seq', 'in', [3, 4]).execute());
    const gap = await verifyAuditChain(database.db);
    expect(found(gap)).toEqual([['deleted', 3]]);
    expect(gap.problems[0]!.reason).toBe('rows 3 to 4 are missing: deleted');
    // Closing the gap (renumbering and re-linking) moves rows to places their HMAC does not cover.
    await rechain(3, (row) => row.hash, (tx) => sql`update audit_log set seq = seq - 2 where seq > 4`.execute(tx));
    expect(found(await verifyAuditChain(database.db))).toEqual([['rechained', 3]]);
  });

  it('the background task publishes signed checkpoints to the log, the file and the webhook, and they pin the chain', async () => {
    const posted: unknown[] = [];
    const hook: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posted.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const file = join(dir, 'checkpoints.jsonl');
      const services = testServices(database, {
        'audit.checkpointFile': file,
        'audit.checkpointUrl': `http://127.0.0.1:${(hook.address() as AddressInfo).port}/checkpoints`,
      });
      const logged: unknown[] = [];
      const log = { info: (obj: unknown) => logged.push(obj), warn: () => undefined, debug: () => undefined } as never;
      await append(4);
      const work = await startAuditCheckpoints(services, log);
      await vi.waitFor(() => expect(posted).toHaveLength(1)); // the checkpoint at start
      await append(2);
      await work!.stop(); // a last checkpoint at stop
      const written = parseCheckpoints(readFileSync(file, 'utf8'));
      expect(written.map((cp) => cp.seq)).toEqual([4, 6]);
      expect(posted).toEqual(written);
      expect(logged).toEqual(written.map((cp) => ({ auditCheckpoint: cp })));
      // The JSON log itself is a checkpoint file too.
      const logFile = logged.map((obj) => JSON.stringify({ level: 30, service: 'cerrojo', msg: 'audit checkpoint', ...(obj as object) })).join('\n');
      expect(parseCheckpoints(`not json\n{"msg":"request"}\n${logFile}\n`)).toEqual(written);
      expect(await verifyAuditChain(database.db, { checkpoints: written })).toMatchObject({ ok: true, checkpoints: 2 });
      await asDatabaseOperator(database.db, (tx) => tx.deleteFrom('audit_log').where('seq', '=', 6).execute());
      expect(found(await verifyAuditChain(database.db, { checkpoints: written }))).toEqual([['truncated', 6]]);
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  if (backend.name === 'postgres') {
    it('the app role of docs/operations.md inserts and reads the audit log, and can neither change it nor turn its triggers off', async () => {
      const role = `cerrojo_app_${Math.random().toString(16).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        // The grants of docs/operations.md, "Audit log integrity".
        await admin.query(`create role ${role} login`);
        await admin.query(`grant usage on schema public to ${role}`);
        await admin.query(`grant select, insert, update, delete on all tables in schema public to ${role}`);
        await admin.query(`grant usage, select on all sequences in schema public to ${role}`);
        await admin.query(`revoke update, delete, truncate on audit_log from ${role}`);
        await admin.query(`grant update (seq, prev_hash, hash, key_id) on audit_log to ${role}`);
        const url = new URL(database.url!);
        url.username = role;
        const app = withAuditKeys(await openDatabase({ url: url.toString(), poolSize: 2 }), createAuditKeyring(TEST_KEY));
        try {
          expect(await migrate(app.db)).toEqual([]); // serve starts: nothing to apply
          await appendAudit(app.db, { at: new Date(), actor: 'system', action: 'test.app_role' });
          expect(await sealAudit(app.db)).toMatchObject({ sealed: 1 });
          await expect(app.db.updateTable('audit_log').set({ actor: 'x' }).execute()).rejects.toThrow(/permission denied/);
          // The sealing columns it may update, but only to seal an unsealed row: a sealed one is refused.
          await expect(app.db.updateTable('audit_log').set({ hash: 'f'.repeat(64) }).execute()).rejects.toThrow(/audit_log is append-only: UPDATE refused/);
          await expect(app.db.deleteFrom('audit_log').execute()).rejects.toThrow(/permission denied/);
          await expect(sql`truncate audit_log`.execute(app.db)).rejects.toThrow(/permission denied/);
          await expect(sql`alter table audit_log disable trigger user`.execute(app.db)).rejects.toThrow(/must be owner/);
          expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true, rows: 1 });
        } finally {
          await app.close();
        }
      } finally {
        await admin.query(`drop owned by ${role}`);
        await admin.query(`drop role ${role}`);
        await admin.end();
      }
    });
  }
});

type Row = Parameters<typeof canonicalRow>[0] & { seq: number; hash: string };

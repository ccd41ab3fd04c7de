import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { appendAudit, canonicalRow, chainHash } from './audit.ts';
import { verifyAuditChain } from './verify.ts';

describeEachDatabase('audit chain verification', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend);
  });
  afterEach(() => database.drop());

  const append = async (n: number) => {
    for (let i = 1; i <= n; i++) {
      await appendAudit(database.db, {
        at: new Date(Date.UTC(2026, 0, 15, 10, 0, i, 123)),
        actor: 'system',
        action: 'test.event',
        subject: `s${i}`,
        details: { n: i, nested: { z: 1, a: [i, 'x'] }, text: 'ñandú €' },
      });
    }
  };
  const ids = async () => (await database.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);

  it('reports an empty log as intact', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 0 });
  });

  it('reports an intact chain across several pages', async () => {
    await append(7);
    expect(await verifyAuditChain(database.db, 3)).toEqual({ ok: true, rows: 7 });
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 7 });
  });

  it('finds an edited row by its hash', async () => {
    await append(6);
    const target = (await ids())[3]!;
    await database.db.updateTable('audit_log').set({ actor: 'attacker' }).where('id', '=', target).execute();
    const result = await verifyAuditChain(database.db, 2);
    expect(result).toMatchObject({ ok: false, rows: 3, firstBrokenId: target });
    expect(!result.ok && result.reason).toMatch(/edited/);
  });

  it('finds an edit to the details json', async () => {
    await append(3);
    const target = (await ids())[0]!;
    await sql`update audit_log set details = jsonb_set(details, '{n}', '99') where id = ${target}`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, rows: 0, firstBrokenId: target });
  });

  it('finds a deleted row at the row after it', async () => {
    await append(5);
    const all = await ids();
    await database.db.deleteFrom('audit_log').where('id', '=', all[2]!).execute();
    const result = await verifyAuditChain(database.db, 2);
    expect(result).toMatchObject({ ok: false, rows: 2, firstBrokenId: all[3] });
    expect(!result.ok && result.reason).toMatch(/deleted/);
  });

  it('finds the deletion of the first rows', async () => {
    await append(3);
    const all = await ids();
    await database.db.deleteFrom('audit_log').where('id', '=', all[0]!).execute();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, rows: 0, firstBrokenId: all[1] });
  });

  it('finds an edited row whose hash was recomputed, at the next row', async () => {
    await append(4);
    const all = await ids();
    const row = await database.db.selectFrom('audit_log').selectAll().where('id', '=', all[1]!).executeTakeFirstOrThrow();
    const forged = { ...row, at: new Date(row.at), actor: 'attacker' };
    await database.db
      .updateTable('audit_log')
      .set({ actor: 'attacker', hash: chainHash(row.prev_hash, canonicalRow(forged)) })
      .where('id', '=', row.id)
      .execute();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, rows: 2, firstBrokenId: all[2] });
  });

  it('reports the first of several breaks', async () => {
    await append(6);
    const all = await ids();
    await database.db.updateTable('audit_log').set({ action: 'x' }).where('id', 'in', [all[1]!, all[4]!]).execute();
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, firstBrokenId: all[1] });
  });
});

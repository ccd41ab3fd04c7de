import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../src/platform/db/database.ts';
import { migrations } from '../src/platform/db/migrations/index.ts';
import { describeEachDatabase, freshDatabase, type TestDatabase } from './helpers/db.ts';

describeEachDatabase('migrations', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(backend);
  });
  afterAll(() => database.drop());

  it('creates every table and records each migration once', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(database.db);
    const names = tables.rows.map((r) => r.table_name);
    for (const t of ['customers', 'cards', 'one_time_codes', 'blocks', 'outbox', 'audit_log', 'kysely_migration']) {
      expect(names).toContain(t);
    }
  });

  it('leaves the number of contact attempts to the playbook: the table only wants it positive', async () => {
    const checks = await sql<{ def: string }>`
      select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'contact_attempts_attempt_no_check'`.execute(database.db);
    expect(checks.rows.map((r) => r.def)).toEqual(['CHECK ((attempt_no >= 1))']);
  });

  it('is a no-op when applied again', async () => {
    expect(await migrate(database.db)).toEqual([]);
  });
});

describeEachDatabase('a migration that lands after a higher-numbered one', (backend) => {
  it('is applied on a database that already has the later one', async () => {
    const database = await freshDatabase(backend, { upTo: '0016_ivr_handovers' });
    try {
      // The database as a release without 0017 left it: 0019 to 0024 applied (0025 builds on 0017, so it came after).
      const { ['0017_audit_keyed']: _later, ['0025_audit_sealer']: _sealer, ...before } = migrations;
      const { error } = await new Migrator({ db: database.db, provider: { getMigrations: async () => before } }).migrateToLatest();
      expect(error).toBeUndefined();
      expect(await migrate(database.db)).toEqual(['0017_audit_keyed', '0025_audit_sealer']);
      expect(await migrate(database.db)).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});

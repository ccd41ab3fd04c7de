import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../platform/db/database.ts';
import { asDatabaseOperator, describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { MANAGER, OFFICE, person } from './test-support.ts';

const run = promisify(execFile);
const BIN = resolve('bin/cerrojo.mjs');

describeEachDatabase('cerrojo import, seed and audit verify', (backend) => {
  let dir: string;
  let database: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;
  // Each test gets its own empty database: the demo shares documents with the test records.
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cerrojo-cli-'));
    env = { ...process.env, CERROJO_DEV: 'true', LOG_LEVEL: 'silent', DATA_DIR: dir, DATABASE_URL: '' };
    if (backend.name === 'postgres') {
      database = await freshDatabase(backend);
      env.DATABASE_URL = database.url;
    }
  });
  afterEach(async () => {
    await database?.drop();
    database = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  const cerrojo = async (...args: string[]) => {
    try {
      const { stdout } = await run(process.execPath, [BIN, ...args], { env });
      return { code: 0, stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout + e.stderr };
    }
  };
  /** Opens the database the CLI used, for a check or a tampering, and closes it again. */
  const withDatabase = async <T>(fn: (db: TestDatabase['db']) => Promise<T>) => {
    if (database) return fn(database.db);
    const local = await openDatabase({ dataDir: dir });
    try {
      return await fn(local.db);
    } finally {
      await local.close();
    }
  };

  it('imports a JSON file, then a CSV file with a bad row, exiting 1 and naming the row', async () => {
    const json = join(dir, 'base.json');
    writeFileSync(json, JSON.stringify({ offices: [OFFICE], managers: [MANAGER], customers: [person('C1')] }));
    const first = await cerrojo('import', json);
    expect(first).toEqual({ code: 0, stdout: `${json}: 3 created, 0 updated, 0 unchanged, 0 errors\n` });
    const csv = join(dir, 'more.csv');
    writeFileSync(csv, 'externalId,kind,documentType,documentNumber,name,mobile,officeCode\nC2,person,DNI,27846513E,Antonio,634902118,0123\nC3,person,DNI,27846513X,Luis,634902119,0123\n');
    const second = await cerrojo('import', csv);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('1 created, 0 updated, 0 unchanged, 1 error');
    expect(second.stdout).toMatch(/customer #1 \(C3\) document\.number: /);
    expect((await cerrojo('import', json)).stdout).toContain('0 created, 0 updated, 3 unchanged, 0 errors');
    expect((await cerrojo('import', join(dir, 'x.txt'))).code).toBe(1);
  }, 180_000);

  it('seeds the demo data idempotently', async () => {
    const first = await cerrojo('seed', '--demo');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Demo data: \d+ created, 0 updated, 0 unchanged, 0 errors/);
    const second = await cerrojo('seed', '--demo');
    expect(second.stdout).toMatch(/Demo data: 0 created, 0 updated, \d+ unchanged, 0 errors/);
    expect(second.stdout).toContain('Held operations and blocks added: 0');
  }, 180_000);

  it('verifies the audit chain, naming an edited row, and a cut tail against a signed checkpoint', async () => {
    expect((await cerrojo('seed', '--demo')).code).toBe(0);
    const intact = await cerrojo('audit', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^Audit log intact: \d+ rows\n$/);
    const checkpoints = join(dir, 'checkpoints.jsonl');
    env.AUDIT_CHECKPOINT_FILE = checkpoints;
    const taken = await cerrojo('audit', 'checkpoint');
    expect(taken.code).toBe(0);
    const [line, ...more] = readFileSync(checkpoints, 'utf8').trim().split('\n');
    expect(more).toEqual([]);
    const head = (JSON.parse(line!) as { seq: number }).seq;
    expect(taken.stdout.trim()).toBe(line);
    // The operator edits row 5 and deletes the last three rows, which no chain check alone can see.
    await withDatabase((db) =>
      asDatabaseOperator(db, async (tx) => {
        await tx.updateTable('audit_log').set({ actor: 'someone-else' }).where('seq', '=', 5).execute();
        await tx.deleteFrom('audit_log').where('seq', '>', head - 3).execute();
      }),
    );
    const broken = await cerrojo('audit', 'verify', '--checkpoints', checkpoints);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Audit log BROKEN: 2 problems');
    expect(broken.stdout).toContain('  row 5: edited: the row does not match its HMAC: the row was edited\n');
    expect(broken.stdout).toContain(`  row ${head}: truncated: the checkpoint of `);
    expect(broken.stdout).toContain(`names row ${head}, but the log ends at row ${head - 3}: rows ${head - 2} to ${head} are gone (the tail was deleted)`);
    writeFileSync(checkpoints, '');
    expect(await cerrojo('audit', 'verify', '--checkpoints', checkpoints)).toEqual({ code: 1, stdout: `No audit checkpoint in ${checkpoints}\n` });
  }, 180_000);
});

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { createKeyedHasher } from '../../src/platform/crypto.ts';
import { createSealer } from '../../src/platform/sealing.ts';
import { migrate, openDatabase, type Database } from '../../src/platform/db/database.ts';
import type { Services } from '../../src/platform/services.ts';

/**
 * The databases every persistence test runs against: PGlite always, and a real PostgreSQL
 * when TEST_DATABASE_URL is set. In CI (CI=true) PostgreSQL is mandatory: a missing URL fails
 * the run instead of skipping.
 */
export interface Backend {
  name: 'pglite' | 'postgres';
  url?: string;
}

export function backends(): Backend[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suite is mandatory in CI');
  }
  return url ? [{ name: 'pglite' }, { name: 'postgres', url }] : [{ name: 'pglite' }];
}

/**
 * The one backend a browser journey runs on: PostgreSQL where it is set (CI), else PGlite.
 * The persistence behind the pages is already proven on both by the HTTP suites; running
 * each browser journey twice would only double the slowest part of the run.
 */
export function browserBackend(): Backend {
  const all = backends();
  return all[all.length - 1]!;
}

if (!process.env.TEST_DATABASE_URL && !process.env.CERROJO_PG_NOTICE) {
  process.env.CERROJO_PG_NOTICE = '1';
  console.warn('[cerrojo tests] TEST_DATABASE_URL is not set: persistence tests run on PGlite only.');
}

export type TestDatabase = Database & { drop(): Promise<void>; url?: string };

/** A new, migrated, empty database: in memory for PGlite, a new database on the server for PostgreSQL. */
export async function freshDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend.name === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory' });
    await migrate(database.db);
    return { ...database, drop: () => database.close() };
  }
  const name = `cerrojo_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: backend.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(backend.url!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 20 });
  await migrate(database.db);
  return {
    ...database,
    url: url.toString(),
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: backend.url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const TEST_SECRET_KEY = 'a1'.repeat(32);
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** Configuration for tests: dev mode, quiet, with overrides by dotted key. */
export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return loadConfig({}, { dev: true, logLevel: 'silent', secretKey: TEST_SECRET_KEY, adminToken: TEST_ADMIN_TOKEN, ...overrides }, undefined);
}

export function testServices(database: Database, overrides: Record<string, unknown> = {}, clock = new ManualClock(new Date())): Services & { clock: ManualClock } {
  const config = testConfig(overrides);
  return {
    config,
    database,
    db: database.db,
    clock,
    hasher: createKeyedHasher(TEST_SECRET_KEY),
    sealer: createSealer(TEST_SECRET_KEY),
    adminToken: TEST_ADMIN_TOKEN,
  };
}

/** `describe` once per backend, named after it. */
export function describeEachDatabase(title: string, body: (backend: Backend) => void): void {
  for (const backend of backends()) describe(`${title} [${backend.name}]`, () => body(backend));
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { createAuditKeyring, withAuditKeys } from '../../src/audit/keys.ts';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { createKeyedHasher } from '../../src/platform/crypto.ts';
import { createSealer } from '../../src/platform/sealing.ts';
import { Migrator, sql } from 'kysely';
import { openDatabase, type Database, type DatabaseOptions, type Tx } from '../../src/platform/db/database.ts';
import { migrations } from '../../src/platform/db/migrations/index.ts';
import { ensurePostgresTemplate, isMissingDatabase, pgliteTemplateBlob } from './templates.ts';
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

export const TEST_AUDIT_KEY = 'c3'.repeat(32);

/** The database with its handle carrying the test audit key, as boot() does with the configured one. */
export function withTestAuditKey<D extends Database>(database: D): D {
  return withAuditKeys(database, createAuditKeyring(TEST_AUDIT_KEY));
}

/** Opens a database the way boot() would for tests: with the test audit key on its handle. */
export async function openTestDatabase(options: DatabaseOptions): Promise<Database> {
  return withTestAuditKey(await openDatabase(options));
}

/** Applies the migrations up to `upTo` (its name in src/platform/db/migrations/index.ts). */
async function migrateUpTo(db: Database['db'], upTo: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(upTo);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * A new, migrated, empty database: in memory for PGlite, a new database on the server for
 * PostgreSQL. Both start from the migrated template of test/helpers/templates.ts (a copy, not a
 * new run of the migrations). `upTo` stops the migrations at one (a test of a later migration's
 * effect on data): that database is migrated from empty, as before.
 */
export async function freshDatabase(backend: Backend, options: { upTo?: string } = {}): Promise<TestDatabase> {
  if (backend.name === 'pglite') {
    const loadDataDir = options.upTo === undefined ? await pgliteTemplateBlob() : undefined;
    const database = await openTestDatabase({ dataDir: 'memory', loadDataDir });
    if (options.upTo !== undefined) await migrateUpTo(database.db, options.upTo);
    return { ...database, drop: () => database.close() };
  }
  const name = `cerrojo_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: backend.url });
  await admin.connect();
  try {
    if (options.upTo !== undefined) await admin.query(`create database ${name}`);
    else await createFromTemplate(admin, backend.url!, name);
  } finally {
    await admin.end();
  }
  const url = new URL(backend.url!);
  url.pathname = `/${name}`;
  const database = await openTestDatabase({ url: url.toString(), poolSize: 20 });
  if (options.upTo !== undefined) await migrateUpTo(database.db, options.upTo);
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

/** `CREATE DATABASE name TEMPLATE cerrojo_tpl_…`, making the template first if it is missing (or was dropped meanwhile). */
async function createFromTemplate(admin: pg.Client, url: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    postgresTemplate ??= ensurePostgresTemplate(url);
    const template = await postgresTemplate;
    try {
      await admin.query(`create database ${name} template ${template}`);
      return;
    } catch (err) {
      postgresTemplate = undefined;
      if (!isMissingDatabase(err) || attempt === 3) throw err;
    }
  }
}

let postgresTemplate: Promise<string> | undefined;

export const TEST_SECRET_KEY = 'a1'.repeat(32);
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/**
 * The credential routes' rate limits in tests: out of reach, since most tests make many requests
 * from one address about something else. test/security/rate-limit.test.ts sets them low
 * (`'rateLimit.login.perIp': 5`, ...); the production defaults are in config.ts.
 */
const relaxedRateLimits = () => {
  const high = { perIp: 100_000, perIdentity: 100_000 };
  return { login: { ...high }, recovery: { ...high }, deviceLink: { ...high }, staffLogin: { ...high }, ivrCalls: { perCaller: 100_000 } };
};

/** Configuration for tests: dev mode, quiet, rate limits out of reach, with overrides by dotted key. */
export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return loadConfig({}, { dev: true, logLevel: 'silent', secretKey: TEST_SECRET_KEY, adminToken: TEST_ADMIN_TOKEN, 'audit.key': TEST_AUDIT_KEY, rateLimit: relaxedRateLimits(), ...overrides }, undefined);
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

/**
 * Runs `fn` as the database's operator would tamper with the audit log: with the table's
 * append-only triggers off (its owner, or a superuser, can do that; the app's role of
 * docs/operations.md cannot), in one transaction that turns them back on.
 */
export async function asDatabaseOperator<T>(db: Database['db'], fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`alter table audit_log disable trigger user`.execute(tx);
    const result = await fn(tx);
    await sql`alter table audit_log enable trigger user`.execute(tx);
    return result;
  });
}

/** `describe` once per backend, named after it. */
export function describeEachDatabase(title: string, body: (backend: Backend) => void): void {
  for (const backend of backends()) describe(`${title} [${backend.name}]`, () => body(backend));
}

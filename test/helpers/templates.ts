import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrate, type Db } from '../../src/platform/db/database.ts';
import { PGliteDialect } from '../../src/platform/db/pglite-dialect.ts';

/**
 * The migrated, empty database every test starts from, built once per migration set instead of
 * once per test file (issue 16 §6):
 * - on PostgreSQL, a template database `cerrojo_tpl_<hash>` that each fresh database copies
 *   (`CREATE DATABASE … TEMPLATE`);
 * - on PGlite, a dump of a migrated data folder in the system's temporary folder, that each
 *   fresh in-memory database loads (PGlite's `loadDataDir`) instead of running initdb and the
 *   migrations again.
 * `<hash>` covers the migrations' file names and contents (index.ts and every file it imports),
 * so a changed or new migration makes a new template; test/global-setup.ts drops the old ones.
 * Both are made by the global setup before the workers start, and lazily by a worker that finds
 * none (a run whose global setup did not see the same migrations, or a template dropped under it).
 */

const MIGRATIONS_INDEX = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/platform/db/migrations/index.ts');

let hashMemo: string | undefined;

/** A short hash of the migrations: index.ts and each module it imports, names and contents. */
export function migrationsHash(): string {
  if (hashMemo) return hashMemo;
  const hash = createHash('sha256');
  const index = readFileSync(MIGRATIONS_INDEX, 'utf8');
  hash.update(index);
  for (const [, relative] of index.matchAll(/from '(\.[^']+)'/g)) {
    const file = resolve(dirname(MIGRATIONS_INDEX), relative!);
    hash.update(`\0${relative}\0`).update(readFileSync(file));
  }
  hashMemo = hash.digest('hex').slice(0, 16);
  return hashMemo;
}

export const TEMPLATE_PREFIX = 'cerrojo_tpl_';

/** The PostgreSQL template database's name for the current migrations. */
export function templateName(): string {
  return `${TEMPLATE_PREFIX}${migrationsHash()}`;
}

// One key for every process that makes or drops templates on the server (pg_advisory_lock(bigint)).
const TEMPLATE_LOCK = 0x63657272_6f6a6fn; // "cerrojo"

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
  return rowCount === 1;
}

/**
 * Makes the template database for the current migrations if it is not there. Under an advisory
 * lock, so parallel workers (or parallel runs) make it once; built under a temporary name and
 * renamed when complete, so a template that exists is always fully migrated.
 */
export async function ensurePostgresTemplate(url: string): Promise<string> {
  const name = templateName();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    if (await databaseExists(admin, name)) return name;
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK.toString()]);
    try {
      if (await databaseExists(admin, name)) return name;
      const building = `${name}_build`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const pool = new pg.Pool({ connectionString: withDatabase(url, building), max: 1 });
      const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
      try {
        await migrate(db);
      } finally {
        await db.destroy();
      }
      await admin.query(`alter database ${building} rename to ${name}`);
      return name;
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK.toString()]);
    }
  } finally {
    await admin.end();
  }
}

/** Drops the templates of other migration sets (and half-built ones), under the same lock. */
export async function dropOldPostgresTemplates(url: string): Promise<string[]> {
  const current = templateName();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK.toString()]);
    try {
      const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1 and datname <> $2', [`${TEMPLATE_PREFIX}%`, current]);
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
      return rows.map((r) => r.datname);
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK.toString()]);
    }
  } finally {
    await admin.end();
  }
}

/** The database error of a template that vanished between the check and the copy (3D000). */
export function isMissingDatabase(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '3D000';
}

/** Where the PGlite template lives: the temporary folder, named after PGlite's version and the migrations. */
export const PGLITE_TEMPLATE_DIR = join(tmpdir(), 'cerrojo-test-templates');

function pgliteVersion(): string {
  const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules/@electric-sql/pglite/package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

export function pgliteTemplateFile(): string {
  return join(PGLITE_TEMPLATE_DIR, `pglite-${pgliteVersion()}-${migrationsHash()}.tar`);
}

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * The migrated PGlite data folder as a tarball, for `loadDataDir`: read from the file the global
 * setup wrote, else made here (and written, by an atomic rename, for the next process).
 */
export function pgliteTemplateBlob(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const file = pgliteTemplateFile();
    try {
      return new Blob([await readFile(file)]);
    } catch {
      return buildPgliteTemplate();
    }
  })();
  return pgliteTemplate;
}

/** Migrates a new in-memory PGlite database and writes its data folder's dump to the template file. */
export async function buildPgliteTemplate(): Promise<Blob> {
  const pglite = new PGlite();
  await pglite.waitReady;
  const db: Db = new Kysely({ dialect: new PGliteDialect(pglite) });
  try {
    await migrate(db);
    const dump = await pglite.dumpDataDir('none');
    const file = pgliteTemplateFile();
    await mkdir(dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  } finally {
    await db.destroy();
  }
}

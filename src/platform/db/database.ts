import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient, type Transaction } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the whole database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** A cheap round trip, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; when absent, an embedded PGlite database is used. */
  url?: string | undefined;
  /** Folder of the PGlite database; `memory` keeps it in memory (tests). */
  dataDir?: string | 'memory';
  poolSize?: number;
  /**
   * PGlite only: a dump of a data folder (PGlite's `dumpDataDir()`) to start from instead of an
   * empty database; the tests load a migrated one rather than migrating each new database.
   */
  loadDataDir?: Blob;
}

// int8 (bigserial ids, counts) as numbers: every value we keep is far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens PostgreSQL when a URL is given, else PGlite under the data folder. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    // A connection that cannot be had within 10 s — the server unreachable, or every pooled
    // connection busy that long — fails the request (503) instead of leaving it hanging; TCP
    // keep-alive finds a server that vanished without closing its connections.
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000, keepAlive: true });
    // A client that loses its server (a restart, a crash) emits 'error'; with no listener that
    // would crash the process. The pool listens only while a client is idle, so every client
    // gets a listener of its own for the time it is checked out too: the query in flight is
    // rejected with the error anyway (the request answers 503), and the pool drops the broken
    // client when it is released.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: markingLostConnections(pool) }) });
    return {
      db,
      kind: 'postgres',
      ping: async () => void (await sql`select 1`.execute(db)),
      close: () => db.destroy(),
    };
  }
  const dir = options.dataDir ?? './data';
  let dataDir: string | undefined;
  if (dir !== 'memory') {
    dataDir = resolve(dir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
  }
  const pglite = new PGlite({ dataDir, parsers: { 20: (v: string) => Number(v) }, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await sql`select 1`.execute(db)),
    close: () => db.destroy(),
  };
}

// SQLSTATE 08003, connection_does_not_exist.
const CONNECTION_LOST = '08003';

/**
 * The pool as Kysely sees it, with one difference: a query on a client whose connection broke
 * earlier ("Client has encountered a connection error and is not queryable") fails with code
 * 08003 like the other lost-connection errors, instead of a bare Error. It happens when the server
 * goes away in the middle of a transaction: the next statement, and Kysely's rollback (whose
 * error replaces the one that broke the transaction), meet the dead client. With the code, the
 * HTTP edge answers 503 as for any unreachable database, not 500.
 */
function markingLostConnections(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let wrapped = clients.get(client);
    if (!wrapped) {
      wrapped = {
        // Kysely calls query(sql, parameters) only: no cursor is configured.
        query: ((text: string, values: readonly unknown[]) =>
          client.query(text, [...values]).catch((err: unknown) => {
            if (err instanceof Error && !('code' in err) && /is not queryable/.test(err.message)) Object.assign(err, { code: CONNECTION_LOST });
            throw err;
          })) as unknown as PostgresPoolClient['query'],
        release: () => client.release(),
      };
      clients.set(client, wrapped);
    }
    return wrapped;
  };
  return { connect: async () => wrap(await pool.connect()), end: () => pool.end() };
}

/**
 * Applies every pending migration; safe to call from many instances at once. A migration may
 * land after one with a higher number was applied (0017 after 0019): it is applied then, in
 * number order with the other pending ones, instead of stopping the start.
 */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

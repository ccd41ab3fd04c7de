import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../../src/platform/db/database.ts';

/**
 * Counts what the app asks of the database, at the driver (so `begin` and `commit` count too):
 * every statement sent while a recording is open, by kind. The bench records one call or one
 * request alone, then replays the same round trips bare as the floor.
 */
export type Statement = 'begin' | 'commit' | 'rollback' | 'read' | 'write';

/** A recording: the kinds in order, with the SQL text of each statement beside them (`sql[i]` is `this[i]`'s). */
export type Recording = Statement[] & { readonly sql: readonly string[] };

let recording: { kinds: Statement[]; sql: string[] } | undefined;

const kindOf = (text: string): Statement => {
  const word = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? '';
  if (word === 'begin' || word === 'start') return 'begin';
  if (word === 'commit' || word === 'rollback') return word;
  return word === 'select' || word === 'with' ? (/\b(insert|update|delete)\b/i.test(text) ? 'write' : 'read') : 'write';
};

const note = (query: unknown) => {
  if (!recording) return;
  const text = typeof query === 'string' ? query : ((query as { text?: string })?.text ?? '');
  recording.kinds.push(kindOf(text));
  recording.sql.push(text);
};

let installed = false;
/** Wraps the drivers' `query` once per process; a no-op outside a recording. */
function install(): void {
  if (installed) return;
  installed = true;
  const pgQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    note(args[0]);
    return pgQuery.apply(this, args);
  } as typeof pg.Client.prototype.query;
  const liteQuery = PGlite.prototype.query as (...args: unknown[]) => unknown;
  PGlite.prototype.query = function (this: PGlite, ...args: unknown[]) {
    note(args[0]);
    return liteQuery.apply(this, args);
  } as typeof PGlite.prototype.query;
}

/**
 * The statements `work` sends, by kind and in order, with their SQL text. Nothing else may use
 * the database meanwhile.
 */
export async function record(work: () => Promise<void>): Promise<Recording> {
  install();
  const kinds: Statement[] = [];
  const sql: string[] = [];
  recording = { kinds, sql };
  try {
    await work();
  } finally {
    recording = undefined;
  }
  return Object.assign(kinds, { sql: sql as readonly string[] });
}

/** Counts of a recording, for the report. */
export function tally(statements: readonly Statement[]): Record<Statement, number> {
  const t: Record<Statement, number> = { begin: 0, commit: 0, rollback: 0, read: 0, write: 0 };
  for (const s of statements) t[s]++;
  return t;
}

/** A scratch table for the bare writes, created in the bench's own fresh database. */
export async function createScratch(db: Db): Promise<void> {
  await sql`create table if not exists bench_scratch (id bigserial primary key, payload text not null)`.execute(db);
}

/**
 * Replays a recording bare: each read as a lookup of one customer by primary key, each write as
 * a one-row insert into the scratch table, and the transactions where the app opened them. No
 * HTTP, no framework, no flow engine: only the round trips.
 */
export async function replay(db: Db, statements: readonly Statement[], customerId: string): Promise<void> {
  const one = (ex: Db, s: Statement) =>
    s === 'read'
      ? sql`select * from customers where id = ${customerId}`.execute(ex)
      : sql`insert into bench_scratch (payload) values (${customerId})`.execute(ex);
  let i = 0;
  while (i < statements.length) {
    const s = statements[i]!;
    if (s === 'begin') {
      let end = i + 1;
      while (end < statements.length && statements[end] !== 'commit' && statements[end] !== 'rollback') end++;
      const inner = statements.slice(i + 1, end);
      await db.transaction().execute(async (tx) => {
        for (const t of inner) await one(tx as unknown as Db, t);
      });
      i = end + 1;
    } else {
      if (s !== 'commit' && s !== 'rollback') await one(db, s);
      i++;
    }
  }
}

import type { Recording } from './roundtrips.ts';

/**
 * The statement-count guard (issue 16): what ONE call or ONE recovery, recorded alone at the
 * driver, may ask of the database, `begin` and `commit` included. The bench fails when a
 * recording goes over its limit, and prints the statements so the new ones can be found.
 */
export const STATEMENT_LIMITS = { call: 30, recovery: 28 } as const;

export type Guarded = keyof typeof STATEMENT_LIMITS;

export interface Verdict {
  what: Guarded;
  count: number;
  limit: number;
  over: boolean;
  /** One line per statement, numbered, the SQL on one line: printed when over or asked for. */
  listing: string[];
}

/** Pure: the verdict on one recording. */
export function judgeStatements(what: Guarded, sql: readonly string[], limit: number = STATEMENT_LIMITS[what]): Verdict {
  const width = String(sql.length).length;
  const listing = sql.map((text, i) => `${String(i + 1).padStart(width)}. ${text.replace(/\s+/g, ' ').trim()}`);
  return { what, count: sql.length, limit, over: sql.length > limit, listing };
}

/** The one-line statement of what the guard checked, and the result. */
export function describeVerdict(v: Verdict): string {
  return `statement guard: one ${v.what} sent ${v.count} statements to the database (begin/commit included), limit ${v.limit}: ${v.over ? `OVER by ${v.count - v.limit}` : 'within'}`;
}

/**
 * Checks the recording of one call or one recovery against its limit and prints the statements
 * when `BENCH_SQL=1` or when over. The scenario goes on measuring, and carries the verdict in its
 * result; `bench/run.ts` prints it as a row and exits non-zero when a verdict is over, so
 * `npm run bench` fails with the figures still reported.
 */
export function guardStatements(what: Guarded, recorded: Recording, env: NodeJS.ProcessEnv = process.env): Verdict {
  const verdict = judgeStatements(what, recorded.sql);
  if (verdict.over || env.BENCH_SQL === '1') console.log(`\n${describeVerdict(verdict)}\n${verdict.listing.join('\n')}`);
  return verdict;
}

/** What a scenario's result carries of the guard: the verdict without the listing. */
export type GuardResult = Omit<Verdict, 'listing'>;

export const guardResult = (v: Verdict): GuardResult => ({ what: v.what, count: v.count, limit: v.limit, over: v.over });

import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { sql, type ColumnType } from 'kysely';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';

/**
 * The stores `@fastify/rate-limit` counts in when several instances must share the counts
 * (issue 14, finding 8): Redis, or the PostgreSQL every instance already shares. Both count in a
 * fixed window per key, as the plugin's own stores do: the first hit opens the window, every hit
 * adds one, and the window's end is the `Retry-After` of a refusal. The keys already name the
 * route and the kind of limit (see `rate-limit.ts`), so a store's child is the store itself.
 */
type Counted = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Counted) => void;

/** A store the plugin can build (`new Store(options)`) around one shared counter. */
function storeOf(incr: (key: string, windowMs: number) => Promise<Counted>): FastifyRateLimitStoreCtor {
  const store: FastifyRateLimitStore = {
    incr(key: string, callback: Callback, timeWindow: number) {
      incr(key, timeWindow).then(
        (counted) => callback(null, counted),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    },
    child: () => store,
  };
  return function SharedStore() {
    return store;
  } as unknown as FastifyRateLimitStoreCtor;
}

// One round trip: add one, open the window on the first hit, answer the count and what is left of the window.
const INCREMENT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {current, ttl}
`;

/** Counts in Redis under `prefix` + key, each key expiring with its window. */
export function redisStore(redis: Redis, prefix: string): FastifyRateLimitStoreCtor {
  return storeOf(async (key, windowMs) => {
    const [current, ttl] = (await redis.eval(INCREMENT, 1, `${prefix}${key}`, String(windowMs))) as [number, number];
    return { current, ttl };
  });
}

type RateLimitsTable = {
  key: string;
  hits: number;
  resets_at: ColumnType<Date, Date | string, Date | string>;
};
type Tables = { rate_limits: RateLimitsTable };

// Ended windows are deleted once every this many counts, by whichever instance counts it.
const SWEEP_EVERY = 500;

/**
 * Counts in the `rate_limits` table (migration 0021): one upsert per hit, atomic under
 * concurrent instances (a window that ended starts again at one). The clock is the app's, as for
 * every other time the database keeps.
 */
export function postgresStore(db: Db, clock: Clock): FastifyRateLimitStoreCtor {
  return postgresCounts(db, clock).store;
}

/** A key to count and the most hits its window allows. */
export interface Limited {
  key: string;
  max: number;
}

export interface PostgresCounts {
  /** The store of `postgresStore`. */
  store: FastifyRateLimitStoreCtor;
  /**
   * Counts `first` and, only when that count is within `first.max`, `second`, in one statement:
   * what two `incr` in a row do when the caller stops at the first refusal. `second` is
   * undefined when it was not counted.
   */
  countPair(first: Limited, second: Limited, windowMs: number): Promise<{ first: Counted; second: Counted | undefined }>;
}

/** `postgresStore`'s counting, and the pair of keys counted in one statement; one sweep for both. */
export function postgresCounts(db: Db, clock: Clock): PostgresCounts {
  const table = db.withTables<Tables>();
  let counted = 0;
  const sweep = async (now: Date, hits: number) => {
    const before = counted;
    counted += hits;
    if (Math.floor(counted / SWEEP_EVERY) > Math.floor(before / SWEEP_EVERY)) await table.deleteFrom('rate_limits').where('resets_at', '<=', now).execute();
  };
  const ttlOf = (resetsAt: Date, now: Date) => Math.max(0, new Date(resetsAt).getTime() - now.getTime());
  const store = storeOf(async (key, windowMs) => {
    const now = clock.now();
    const resetsAt = new Date(now.getTime() + windowMs);
    const ended = sql<boolean>`rate_limits.resets_at <= ${now.toISOString()}::timestamptz`;
    const row = await table
      .insertInto('rate_limits')
      .values({ key, hits: 1, resets_at: resetsAt })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql<number>`case when ${ended} then 1 else rate_limits.hits + 1 end`,
          resets_at: sql<Date>`case when ${ended} then excluded.resets_at else rate_limits.resets_at end`,
        }),
      )
      .returning(['hits', 'resets_at'])
      .executeTakeFirstOrThrow();
    await sweep(now, 1);
    return { current: row.hits, ttl: ttlOf(row.resets_at, now) };
  });
  const countPair: PostgresCounts['countPair'] = async (first, second, windowMs) => {
    const now = clock.now();
    const at = now.toISOString();
    const resetsAt = new Date(now.getTime() + windowMs).toISOString();
    const upsert = sql`on conflict (key) do update set
        hits = case when rate_limits.resets_at <= ${at}::timestamptz then 1 else rate_limits.hits + 1 end,
        resets_at = case when rate_limits.resets_at <= ${at}::timestamptz then excluded.resets_at else rate_limits.resets_at end
      returning hits, resets_at`;
    const { rows } = await sql<{ first_hits: number; first_resets: Date; second_hits: number | null; second_resets: Date | null }>`
      with first as (
        insert into rate_limits (key, hits, resets_at) values (${first.key}, 1, ${resetsAt}::timestamptz) ${upsert}
      ), second as (
        insert into rate_limits (key, hits, resets_at)
        select ${second.key}, 1, ${resetsAt}::timestamptz from first where first.hits <= ${first.max}::int ${upsert}
      )
      select first.hits as first_hits, first.resets_at as first_resets, second.hits as second_hits, second.resets_at as second_resets
      from first left join second on true`.execute(db);
    const r = rows[0]!;
    await sweep(now, r.second_hits === null ? 1 : 2);
    return {
      first: { current: r.first_hits, ttl: ttlOf(r.first_resets, now) },
      second: r.second_hits === null ? undefined : { current: r.second_hits, ttl: ttlOf(r.second_resets!, now) },
    };
  };
  return { store, countPair };
}

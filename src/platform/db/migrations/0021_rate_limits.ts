import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Issue 14, finding 8: the counts of the credential routes' rate limits, shared by every
 * instance on one PostgreSQL. A row is one key's fixed window: the requests counted in it and
 * when it ends. The key names the route and a keyed hash of the address or identity, never
 * the identity itself. Ended windows are deleted as the store goes (see `src/http/rate-limit-stores.ts`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table rate_limits (
      key text primary key,
      hits integer not null check (hits >= 0),
      resets_at timestamptz not null
    );
    create index rate_limits_resets_at on rate_limits (resets_at);
    `,
  );
}

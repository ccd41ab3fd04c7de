import type { Config } from '../config/config.ts';
import type { Clock } from './clock.ts';
import type { KeyedHasher } from './crypto.ts';
import type { Sealer } from './sealing.ts';
import type { Database, Db } from './db/database.ts';

/**
 * What the HTTP edge and the CLI hand to modules. Modules take only the parts they need
 * (narrow interfaces); this object exists to wire them at the edge, not to be passed around
 * the domain.
 */
export interface Services {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  hasher: KeyedHasher;
  /** Encrypts text kept in the database until use (outgoing messages). */
  sealer: Sealer;
  /** Bearer token of the admin (provisioning) API. */
  adminToken: string;
}

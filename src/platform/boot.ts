import { createAuditKeyring, withAuditKeys } from '../audit/keys.ts';
import type { Config } from '../config/config.ts';
import { systemClock, type Clock } from './clock.ts';
import { createKeyedHasher } from './crypto.ts';
import { migrate, openDatabase } from './db/database.ts';
import { resolveSecrets } from './secrets.ts';
import { createSealer } from './sealing.ts';
import type { Services } from './services.ts';

/** Opens the database, applies migrations and assembles the services. */
export async function boot(config: Config, clock: Clock = systemClock): Promise<Services & { adminTokenGenerated: boolean }> {
  const secrets = resolveSecrets(config);
  const auditKeys = createAuditKeyring(secrets.auditKey, config.audit.previousKeys);
  // The handle carries the audit key: every audit row written through it is keyed.
  const database = withAuditKeys(await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }), auditKeys);
  try {
    await migrate(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  return {
    config,
    database,
    db: database.db,
    clock,
    hasher: createKeyedHasher(secrets.secretKey),
    sealer: createSealer(secrets.secretKey),
    adminToken: secrets.adminToken,
    adminTokenGenerated: secrets.adminTokenGenerated,
  };
}

import { createAuditKeyring, withAuditKeys } from '../audit/keys.ts';
import { sealAudit } from '../audit/sealer.ts';
import type { Config } from '../config/config.ts';
import { systemClock, type Clock } from './clock.ts';
import { createKeyedHasher } from './crypto.ts';
import { migrate, openDatabase } from './db/database.ts';
import { resolveSecrets } from './secrets.ts';
import { createSealer } from './sealing.ts';
import type { Services } from './services.ts';

/**
 * Opens the database, applies migrations and assembles the services. A cluster worker passes
 * `migrate: false`: its primary has migrated before forking it (src/cluster.ts).
 */
export async function boot(config: Config, clock: Clock = systemClock, options: { migrate?: boolean } = {}): Promise<Services & { adminTokenGenerated: boolean }> {
  const secrets = resolveSecrets(config);
  const auditKeys = createAuditKeyring(secrets.auditKey, config.audit.previousKeys);
  // The handle carries the audit key: every audit row written through it is keyed.
  const database = withAuditKeys(await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }), auditKeys);
  try {
    if (options.migrate !== false) await migrate(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  // Closing seals the audit rows still unsealed (a CLI command's, or a server's last requests').
  const close = database.close;
  const sealing = {
    ...database,
    async close() {
      try {
        await sealAudit(database.db);
      } catch {
        // The database may already be gone: the next instance's sealer chains what is left.
      }
      await close();
    },
  };
  return {
    config,
    database: sealing,
    db: database.db,
    clock,
    hasher: createKeyedHasher(secrets.secretKey),
    sealer: createSealer(secrets.secretKey),
    adminToken: secrets.adminToken,
    adminTokenGenerated: secrets.adminTokenGenerated,
  };
}

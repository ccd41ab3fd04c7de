import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Database, Executor } from '../platform/db/database.ts';

/**
 * The keys of the audit chain. Rows are chained under HMAC-SHA-256 with `current`; rows and
 * checkpoints made under an earlier key still verify while that key is among `previous`. The
 * keys live in configuration (`AUDIT_KEY`, `AUDIT_PREVIOUS_KEYS`), never in the database, so
 * whoever can write the database cannot re-hash the chain after an edit.
 */
export interface AuditKeyring {
  current: AuditKey;
  /** Every key that may have signed a row or a checkpoint, by id; `current` included. */
  byId: ReadonlyMap<string, AuditKey>;
}

export interface AuditKey {
  /** A short public name of the key (a keyed digest of a fixed text), stored with each row. Never the key. */
  id: string;
  mac(parts: readonly string[]): string;
}

/** The smallest key accepted: 256 bits. */
export const AUDIT_KEY_MIN_BYTES = 32;

function auditKey(hex: string): AuditKey {
  const key = Buffer.from(hex, 'hex');
  if (key.length < AUDIT_KEY_MIN_BYTES || key.toString('hex') !== hex.toLowerCase()) {
    throw new Error(`an audit key must be at least ${AUDIT_KEY_MIN_BYTES} bytes in hex`);
  }
  // Each part is length-prefixed so no two lists of parts give one input.
  const mac = (parts: readonly string[]) => {
    const h = createHmac('sha256', key);
    for (const part of parts) h.update(`${Buffer.byteLength(part)}:`).update(part);
    return h.digest('hex');
  };
  return { id: mac(['cerrojo.audit.key-id']).slice(0, 16), mac };
}

/** The keyring from the current key and the earlier ones (hex). */
export function createAuditKeyring(currentHex: string, previousHex: readonly string[] = []): AuditKeyring {
  const current = auditKey(currentHex);
  const byId = new Map<string, AuditKey>([[current.id, current]]);
  for (const hex of previousHex) {
    const key = auditKey(hex);
    if (!byId.has(key.id)) byId.set(key.id, key);
  }
  return { current, byId };
}

/** Constant-time comparison of two hex MACs. */
export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Carries the keyring on a database handle. Every transaction opened from the handle keeps its
 * plugins, so `appendAudit(tx, ...)` finds the key wherever it is called, with no key passed
 * through every store. It changes no query.
 */
class AuditKeyPlugin implements KyselyPlugin {
  constructor(readonly keyring: AuditKeyring) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The database with its handle carrying the audit keys (boot does this; tests do it in their helpers). */
export function withAuditKeys<D extends Pick<Database, 'db'>>(database: D, keyring: AuditKeyring): D {
  return { ...database, db: database.db.withPlugin(new AuditKeyPlugin(keyring)) };
}

/** The keyring a handle carries (the last one given), or undefined. */
export function auditKeysOf(executor: Executor): AuditKeyring | undefined {
  const plugins = executor.getExecutor().plugins;
  for (let i = plugins.length - 1; i >= 0; i--) {
    const plugin = plugins[i];
    if (plugin instanceof AuditKeyPlugin) return plugin.keyring;
  }
  return undefined;
}

export function requireAuditKeys(executor: Executor): AuditKeyring {
  const keyring = auditKeysOf(executor);
  if (!keyring) throw new Error('no audit key on this database handle: open it through boot(), or wrap it with withAuditKeys()');
  return keyring;
}

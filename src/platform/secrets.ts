import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config/config.ts';
import { newSecretKey, randomToken } from './crypto.ts';

export interface Secrets {
  secretKey: string;
  adminToken: string;
  /** Key of the audit chain (hex). */
  auditKey: string;
  /** True when the admin token was made here (dev mode) and should be shown once. */
  adminTokenGenerated: boolean;
}

/**
 * The server key, the admin token and the audit key. In production all come from configuration
 * (checked at start). In dev mode missing ones are made once and kept under the data folder
 * with owner-only permissions, so hashes made on the first start still verify on the next.
 */
export function resolveSecrets(config: Config): Secrets {
  if (config.secretKey && config.adminToken && config.audit.key) {
    return { secretKey: config.secretKey, adminToken: config.adminToken, auditKey: config.audit.key, adminTokenGenerated: false };
  }
  const dir = resolve(config.dataDir);
  mkdirSync(dir, { recursive: true });
  const keep = (name: string, make: () => string) => {
    const file = resolve(dir, name);
    if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), made: false };
    const value = make();
    writeFileSync(file, value + '\n', { mode: 0o600 });
    return { value, made: true };
  };
  const secretKey = config.secretKey ?? keep('secret.key', newSecretKey).value;
  const auditKey = config.audit.key ?? keep('audit.key', newSecretKey).value;
  const token = config.adminToken ? { value: config.adminToken, made: false } : keep('admin.token', () => randomToken(24));
  return { secretKey, adminToken: token.value, auditKey, adminTokenGenerated: !config.adminToken };
}

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackofficeConfig } from '../config/config.ts';
import type { ClockDeps } from '../customers/store-support.ts';

export type { CaseDeps } from './cases/store.ts';

/** What alert ingestion needs: the clock and the dedupe window. */
export interface AlertDeps extends ClockDeps {
  config: { backoffice: Pick<BackofficeConfig, 'dedupeWindowMinutes'> };
}

/** The repository root, from this file's place (not the working directory): where `config/` ships. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A configured file, or the shipped `config/<name>` at the package root when unset. */
export function configFile(configured: string | undefined, name: string): string {
  return configured ?? resolve(PACKAGE_ROOT, 'config', name);
}

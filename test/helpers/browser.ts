import { existsSync } from 'node:fs';
import { describe } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

/**
 * `describe` for browser tests: runs where Chromium is installed, is skipped with a clear
 * message elsewhere, and fails in CI (CI=true) where a skip would hide a missing install.
 */
export function describeBrowser(title: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(title, body);
    return;
  }
  if (process.env.CI === 'true') throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}: browser tests are mandatory in CI`);
  console.warn(`[cerrojo tests] Chromium not found at ${CHROMIUM}: skipping "${title}" (apt-get install chromium)`);
  describe.skip(title, body);
}

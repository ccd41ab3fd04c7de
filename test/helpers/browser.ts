import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
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


const ROOT = resolve(import.meta.dirname, '..', '..');
/** Where the browser tests save their screenshots (kept by CI as the run's evidence). */
export const SHOTS = resolve(ROOT, 'test-results');
const AXE = resolve(ROOT, 'node_modules/axe-core/axe.min.js');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

let axeSource: string | undefined;

/**
 * axe-core's violations on the page as it is now, of every impact unless `impacts` narrows them.
 * axe is evaluated through the DevTools protocol rather than added as a <script>: the pages'
 * Content-Security-Policy refuses inline scripts, as it should.
 */
export async function axeViolations(page: Page, impacts?: readonly string[]): Promise<string[]> {
  axeSource ??= readFileSync(AXE, 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResult> } }).axe.run());
  return result.violations
    .filter((v) => !impacts || impacts.includes(v.impact ?? ''))
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** axe-core's serious and critical violations on the page as it is now. */
export function seriousViolations(page: Page): Promise<string[]> {
  return axeViolations(page, ['serious', 'critical']);
}

/** Saves a full-page screenshot as `test-results/<name>.png`. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });
}

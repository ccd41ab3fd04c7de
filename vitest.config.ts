import { defineConfig } from 'vitest/config';

/**
 * Four projects, so one part runs alone (`npm test -- --project unit`, or a folder:
 * `npm test -- src/ivr`):
 * - `unit`: the modules' own tests under src/;
 * - `system`: the HTTP-level suites of test/security and test/*.test.ts, and the bench's own tests (test/bench);
 * - `e2e`: the browser journeys (Chromium), after the first two;
 * - `reliability`: kills, restarts and second instances, last.
 * `unit` and `system` share the machine's workers (2 on CI's 2 cores: the files spend much of
 * their time waiting on PostgreSQL). The browser and the reliability suites start their own
 * processes (Chromium, servers, a PostgreSQL cluster), so they run one file at a time, each in
 * their own group after the others, instead of starving them or being starved.
 * Every fresh test database copies a migrated template made once (test/global-setup.ts).
 */
const parallel = Number(process.env.VITEST_MAX_WORKERS) || 2;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every module's texts in the catalogue, as the server and the web app register them.
    setupFiles: ['./src/messages.ts'],
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'], maxWorkers: parallel, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'system', include: ['test/security/**/*.test.ts', 'test/bench/**/*.test.ts', 'test/*.test.ts'], maxWorkers: parallel, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], maxWorkers: 1, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'reliability', include: ['test/reliability/**/*.test.ts'], maxWorkers: 1, sequence: { groupOrder: 2 } } },
    ],
  },
});

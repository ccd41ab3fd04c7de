import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every module's texts in the catalogue, as the server and the web app register them.
    setupFiles: ['./src/messages.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});

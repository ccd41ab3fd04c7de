import type { AddressInfo } from 'node:net';
import { systemClock } from '../../src/platform/clock.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import { freshDatabase, testServices, type Backend, type TestDatabase } from '../../test/helpers/db.ts';

/** The database backends of a run: PGlite always, PostgreSQL when a URL is given. */
export function benchBackends(): Backend[] {
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  // BENCH_PGLITE=0 leaves PGlite out when PostgreSQL is given (a quicker run of one scenario).
  if (url && process.env.BENCH_PGLITE === '0') return [{ name: 'postgres', url }];
  return url ? [{ name: 'pglite' }, { name: 'postgres', url }] : [{ name: 'pglite' }];
}

export interface Served {
  database: TestDatabase;
  services: Services;
  app: App;
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

/**
 * The whole app on a fresh database (a new in-memory PGlite, or a new database on the server,
 * dropped afterwards), listening on a loopback port. The clock is the system clock and request
 * logging is on at `info`, as in production, written to nowhere so the terminal costs nothing.
 */
export async function serve(backend: Backend, overrides: Record<string, unknown> = {}): Promise<Served> {
  const database = await freshDatabase(backend);
  const services: Services = { ...testServices(database, { logLevel: 'info', ...overrides }), clock: systemClock };
  const app = await buildApp(services, { logStream: { write: () => undefined } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    database,
    services,
    app,
    base: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

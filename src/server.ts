import type { FastifyBaseLogger } from 'fastify';
import { listenHost, type Config } from './config/config.ts';
import { buildApp, type App } from './http/app.ts';
import { boot } from './platform/boot.ts';
import { startBackgroundWork } from './background.ts';
import type { Services } from './platform/services.ts';

export interface RunningServer {
  app: App;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts everything `serve` runs in one process (one worker, src/cluster.ts): migrations, demo
 * data in dev mode, the HTTP server and the background workers. `stop` drains in-flight requests, stops the workers and closes the
 * database, in that order.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const services = await boot(config);
  const app = await buildApp(services, { logger: config.logLevel !== 'silent' });
  const background = await startBackgroundWork(services, app.log);
  const url = await app.listen({ port: config.port, host: listenHost(config) });
  const publicUrl = announce(services, url);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await background.stop();
      await services.database.close();
    })());
  return { app, url: publicUrl, stop };
}

/** Prints the dev admin token and where the server runs (once, whatever the number of workers); returns the public URL. */
export function announce(services: Pick<Services, 'config' | 'adminToken' | 'database'> & { adminTokenGenerated: boolean }, url: string, note = ''): string {
  if (services.adminTokenGenerated) {
    // Printed once, on purpose: the operator needs it to call the admin API in dev mode.
    process.stdout.write(`\nAdmin API token (dev mode): ${services.adminToken}\n`);
  }
  const publicUrl = services.config.publicBaseUrl ?? url.replace('0.0.0.0', 'localhost').replace('127.0.0.1', 'localhost').replace('[::]', 'localhost');
  process.stdout.write(`Cerrojo is running on ${services.database.kind} at ${publicUrl}${note}\n`);
  return publicUrl;
}

/** Stops cleanly on SIGTERM or SIGINT; a second signal forces the exit. */
export function stopOnSignals(server: RunningServer): void {
  exitOnSignals(server.stop, server.app.log);
}

/** On SIGTERM or SIGINT: `stop`, then exit 0 (1 if it fails or takes over 10 s); a second signal forces the exit. */
export function exitOnSignals(stop: () => Promise<void>, log: Pick<FastifyBaseLogger, 'info'>): void {
  let signalled = false;
  const onSignal = (signal: string) => {
    if (signalled) process.exit(1);
    signalled = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

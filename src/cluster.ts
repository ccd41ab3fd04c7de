import cluster, { type Address, type Worker } from 'node:cluster';
import { pino } from 'pino';
import { startBackgroundWork } from './background.ts';
import { listenHost, serveWorkers, type Config } from './config/config.ts';
import { buildApp } from './http/app.ts';
import { boot } from './platform/boot.ts';
import { systemClock } from './platform/clock.ts';
import { serveClusterMetrics } from './platform/cluster-metrics.ts';
import { loggerOptions } from './platform/logger.ts';
import { announce, exitOnSignals, startServer, stopOnSignals } from './server.ts';

/**
 * `cerrojo serve`: one process when it runs one worker (always on PGlite), else a primary and N
 * HTTP workers sharing the port through `node:cluster` (docs/operations.md "Every core").
 *
 * - The primary migrates, loads the demo data (dev mode) and runs the background work (outbox
 *   delivery, audit sealer and checkpoints, SLA watch, sealed-code sweep): once per node, and
 *   never in a worker. It then forks the workers, prints the banner, restarts a worker that dies
 *   and answers the workers' asks for the cluster's metrics.
 * - A worker serves HTTP only. Every call's and session's state is in the database, so the next
 *   webhook of a call whose worker died is answered by another.
 * - SIGTERM or SIGINT to the primary drains the workers, then stops the background work and
 *   closes the database, the order of the single process. A worker ignores both signals (a
 *   terminal's Ctrl-C reaches the whole process group) and stops when the primary tells it to.
 */
export async function serve(config: Config): Promise<void> {
  if (cluster.isWorker) return runWorker(config);
  const workers = serveWorkers(config);
  if (workers === 1) return stopOnSignals(await startServer(config));
  await runPrimary(config, workers);
}

/** The primary's word to a worker: drain and exit. */
const STOP = 'cerrojo:stop';

/** A worker that lived this long before dying was not crash-looping: its next restart is immediate. */
const STEADY_MS = 30_000;

/**
 * How long the primary waits before replacing a worker that died, by the number of deaths in a row
 * within `STEADY_MS` of their start: at once for the first, then 0.25 s doubling up to 30 s, so a
 * worker that cannot start does not spin the machine.
 */
export function restartDelayMs(quickDeaths: number): number {
  return quickDeaths <= 1 ? 0 : Math.min(30_000, 250 * 2 ** (quickDeaths - 2));
}

interface Slot {
  worker?: Worker;
  startedAt: number;
  quickDeaths: number;
  restart?: NodeJS.Timeout;
}

async function runPrimary(config: Config, count: number): Promise<void> {
  // Its lines say they are the primary's: the workers' request lines go to the same output.
  const log = pino(loggerOptions(config.logLevel)).child({ role: 'primary' });
  const services = await boot(config);
  let background: Awaited<ReturnType<typeof startBackgroundWork>>;
  try {
    background = await startBackgroundWork(services, log);
  } catch (err) {
    await services.database.close();
    throw err;
  }
  serveClusterMetrics();

  let started = false;
  let stopping = false;
  const slots: Slot[] = Array.from({ length: count }, () => ({ startedAt: 0, quickDeaths: 0 }));
  const fork = (slot: Slot): Worker => {
    slot.startedAt = Date.now();
    const worker = (slot.worker = cluster.fork());
    worker.once('exit', (code, signal) => {
      if (stopping || !started) return;
      slot.quickDeaths = Date.now() - slot.startedAt < STEADY_MS ? slot.quickDeaths + 1 : 1;
      const delay = restartDelayMs(slot.quickDeaths);
      log.error({ pid: worker.process.pid, exitCode: code, signal, restartInMs: delay }, 'worker died; starting another');
      slot.restart = setTimeout(() => {
        if (stopping) return;
        const next = fork(slot);
        next.once('listening', () => log.info({ pid: next.process.pid }, 'worker started'));
      }, delay);
    });
    return worker;
  };

  /** Drains the workers (or kills them: a start that failed), then stops the background work and closes the database. */
  const stop = async (kill = false) => {
    stopping = true;
    for (const slot of slots) clearTimeout(slot.restart);
    const alive = slots.map((s) => s.worker).filter((w): w is Worker => w !== undefined && !w.isDead());
    await Promise.all(
      alive.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            if (worker.isConnected() && !kill) worker.send({ type: STOP });
            else worker.kill('SIGKILL');
          }),
      ),
    );
    await background.stop();
    await services.database.close();
  };

  let address: Address;
  try {
    [address] = (await Promise.all(slots.map((slot) => listening(fork(slot))))) as [Address];
  } catch (err) {
    await stop(true);
    throw err;
  }
  started = true;
  const host = address.addressType === 6 ? `[${address.address}]` : address.address;
  announce(services, `http://${host}:${address.port}`, ` with ${count} workers`);
  exitOnSignals(() => stop(), log);
}

/** The worker's address once it listens; fails if it exits first (its own log says why). */
function listening(worker: Worker): Promise<Address> {
  return new Promise((resolve, reject) => {
    worker.once('listening', resolve);
    worker.once('exit', (code, signal) => reject(new Error(`a worker stopped before it listened (${signal ?? `exit code ${code}`}); see its log above`)));
  });
}

async function runWorker(config: Config): Promise<void> {
  // The primary decides when the workers stop (see above).
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  try {
    const services = await boot(config, systemClock, { migrate: false });
    const app = await buildApp(services, { logger: config.logLevel !== 'silent' });
    await app.listen({ port: config.port, host: listenHost(config) });
    process.on('message', (message: { type?: string } | undefined) => {
      if (message?.type !== STOP) return;
      app
        .close()
        .then(() => services.database.close())
        .then(
          () => process.exit(0),
          (err: unknown) => {
            app.log.error({ err }, 'worker stop failed');
            process.exit(1);
          },
        );
    });
  } catch (err) {
    process.stderr.write(`worker ${process.pid}: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  }
}

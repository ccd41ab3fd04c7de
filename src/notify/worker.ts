import type { BackgroundTask, BackgroundWork } from '../background.ts';
import type { Channels } from './channel.ts';
import { createChannels } from './channels/index.ts';
import { deliverDue, describeError, type DeliveryDeps } from './deliver.ts';
import { repeat } from '../platform/repeat.ts';

/**
 * Runs `deliverDue` in a loop: at once again while batches come back full (a backlog), else
 * every `intervalMs`. `stop()` lets the batch in flight finish (its messages are recorded, not
 * left to a lease) and then closes the channels.
 */
export function runDeliveryLoop(deps: DeliveryDeps, intervalMs: number): BackgroundWork {
  const round = async (): Promise<number> => {
    try {
      const report = await deliverDue(deps);
      return report.claimed >= deps.settings.batchSize ? 0 : intervalMs;
    } catch (err) {
      // The database may be down for a while: keep the loop alive and try again later.
      deps.log.warn({ error: describeError(err) }, 'notification round failed');
      return intervalMs;
    }
  };
  const loop = repeat(round, intervalMs);
  return {
    async stop() {
      await loop.stop();
      await closeChannels(deps.channels);
    },
  };
}

async function closeChannels(channels: Channels): Promise<void> {
  await Promise.all(Object.values(channels).map((c) => c.close?.()));
}

/** The notification worker as a background task of `serve`, unless `notify.runWorker` is off. */
export const startNotificationWorker: BackgroundTask = async (services, log) => {
  const { notify } = services.config;
  if (!notify.runWorker) return;
  const channels = createChannels(notify, services.db, services.clock);
  log.info({ email: notify.email, sms: notify.sms }, 'notification worker started');
  return runDeliveryLoop(
    {
      db: services.db,
      clock: services.clock,
      sealer: services.sealer,
      channels,
      log,
      settings: {
        maxAttempts: notify.maxAttempts,
        backoffBaseMs: notify.backoffBaseMs,
        backoffMaxMs: notify.backoffMaxMs,
        leaseMs: notify.leaseMs,
        batchSize: notify.batchSize,
      },
    },
    notify.workerIntervalMs,
  );
};

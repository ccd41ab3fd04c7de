import type { BackgroundTask } from '../background.ts';
import { describeError } from '../notify/deliver.ts';
import { takeCheckpoint, type AuditCheckpoint } from './checkpoints.ts';
import { requireAuditKeys } from './keys.ts';

/**
 * Publishes a signed checkpoint of the audit chain's head at start, every
 * `audit.checkpointIntervalSeconds` while the head moves, and at stop. Every instance may run
 * it: more checkpoints only pin the chain more often. The last head published is remembered
 * only to skip a repeat; losing it costs one more checkpoint.
 */
export const startAuditCheckpoints: BackgroundTask = async (services, log) => {
  const keyring = requireAuditKeys(services.db);
  const { checkpointFile, checkpointUrl, checkpointIntervalSeconds } = services.config.audit;
  const targets = { file: checkpointFile, url: checkpointUrl };
  let last: AuditCheckpoint | undefined;
  const take = () =>
    takeCheckpoint(services.db, keyring, services.clock.now(), targets, log, last)
      .then((cp) => {
        if (cp) last = cp;
      })
      .catch((err: unknown) => log.warn({ error: describeError(err) }, 'audit checkpoint failed'));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight = take();
  const tick = () => {
    inFlight = take().then(() => {
      if (!stopped) timer = setTimeout(tick, checkpointIntervalSeconds * 1000);
    });
  };
  timer = setTimeout(tick, checkpointIntervalSeconds * 1000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      await take();
    },
  };
};

import type { BackgroundTask } from '../background.ts';
import { describeError } from '../notify/deliver.ts';
import { repeat } from '../platform/repeat.ts';
import { sweepSealedCodes } from './codes-store.ts';

/** How often the sealed digits of dead codes are cleared. */
export const SEALED_CODE_SWEEP_MS = 60_000;

/**
 * Clears, once a minute, the sealed digits of readable codes that ran out of time or tries
 * (a used or replaced code clears its own at once). Idempotent, so every instance may run it.
 */
export const startSealedCodeSweep: BackgroundTask = async (services, log) =>
  repeat(
    () =>
      sweepSealedCodes(services.db, services.clock.now()).then(
        (cleared) => {
          if (cleared > 0) log.debug({ cleared }, 'sealed codes swept');
        },
        (err: unknown) => log.warn({ error: describeError(err) }, 'sealed code sweep failed'),
      ),
    SEALED_CODE_SWEEP_MS,
  );

/**
 * Runs `round` now, then again after each one ends: after the delay it returns (milliseconds), else
 * `intervalMs`, until stopped. `round` must not throw (catch and log inside it). `stop()` lets the
 * round in flight finish. The timer is the only state: what a round does lives in the database.
 */
export function repeat(round: () => Promise<number | void>, intervalMs: number): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const tick = () => {
    inFlight = round().then((delay) => {
      if (!stopped) timer = setTimeout(tick, delay ?? intervalMs);
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}

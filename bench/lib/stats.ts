/** Timing helpers of the bench: percentiles, a bounded pool of workers, and elapsed time. */

export const now = (): number => performance.now();

/** The q-quantile (0..1) of samples in milliseconds, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

export function latency(samples: readonly number[]): Latency {
  return { count: samples.length, p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), p99: quantile(samples, 0.99) };
}

/** Runs `count` jobs with at most `concurrency` in flight; answers the wall time in ms. */
export async function pool(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = now();
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(count, concurrency) }, worker));
  return now() - start;
}

/** Rate per second of `count` done in `ms`. */
export const perSecond = (count: number, ms: number): number => (count * 1000) / ms;

/** A positive integer from the environment, or the default. */
export function sizeFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

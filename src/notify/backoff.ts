/** How retries spread out after a channel failure. */
export interface RetryPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export type FailureOutcome = { status: 'failed' } | { status: 'pending'; nextAttemptAt: Date };

/**
 * Delay after the `attempts`-th failed attempt: `base * 2^(attempts-1)`, capped, then "equal
 * jitter" (half fixed, half random) so messages that failed together during a provider outage
 * do not all retry in the same instant, yet none retries sooner than half its step.
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** What happens to a message whose `attempts`-th attempt failed: another try later, or give up. */
export function afterFailure(attempts: number, now: Date, policy: RetryPolicy, random?: () => number): FailureOutcome {
  if (attempts >= policy.maxAttempts) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy, random)) };
}

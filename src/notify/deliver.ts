import type { BaseLogger } from 'pino';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { Sealer } from '../platform/sealing.ts';
import { afterFailure, type RetryPolicy } from './backoff.ts';
import { PermanentDeliveryError, type Channels } from './channel.ts';
import { claimDue, failExhausted, markFailed, markRetry, markSent, type ClaimedMessage } from './delivery-store.ts';

export type DeliveryLog = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  channels: Channels;
  log: DeliveryLog;
  settings: RetryPolicy & { leaseMs: number; batchSize: number };
  /** Source of the retry jitter; tests fix it. */
  random?: () => number;
}

export type Outcome = 'sent' | 'retry' | 'failed' | 'lease_lost';
export interface BatchReport {
  claimed: number;
  outcomes: Record<Outcome, number>;
}

/**
 * One round of the delivery worker: gives up exhausted messages, claims a batch of due ones
 * and sends them concurrently. Safe to run in many processes at once (see `claimDue`).
 */
export async function deliverDue(deps: DeliveryDeps): Promise<BatchReport> {
  const { db, clock, settings } = deps;
  await failExhausted(db, clock.now(), settings.maxAttempts);
  const claimed = await claimDue(db, clock.now(), settings.leaseMs, settings.maxAttempts, settings.batchSize);
  const outcomes: Record<Outcome, number> = { sent: 0, retry: 0, failed: 0, lease_lost: 0 };
  // allSettled, not all: when recording one outcome fails (the database went away), the other
  // sends still finish before the round reports the error, so stopping never cuts one short.
  const results = await Promise.allSettled(claimed.map((m) => deliverOne(deps, m)));
  for (const r of results) if (r.status === 'fulfilled') outcomes[r.value] += 1;
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { claimed: claimed.length, outcomes };
}

// What a log line says about a message: never its body nor its recipient.
const about = (m: ClaimedMessage) => ({ outboxId: m.id, channel: m.channel, template: m.template, attempt: m.attempts });

/** Opens, sends and records one claimed message. */
async function deliverOne(deps: DeliveryDeps, message: ClaimedMessage): Promise<Outcome> {
  const { db, clock, log } = deps;
  let body: string;
  try {
    if (message.body === null) throw new Error('no body');
    body = deps.sealer.open(message.body);
  } catch {
    // A body sealed under another key (or altered) will never open: retrying cannot help.
    log.error(about(message), 'message body cannot be opened; giving up');
    return (await markFailed(db, message, 'sealed body cannot be opened')) ? 'failed' : 'lease_lost';
  }

  let providerId: string;
  try {
    ({ providerId } = await deps.channels[message.channel].send({
      id: message.id,
      to: message.recipient,
      subject: message.subject,
      body,
      ...(message.cc && message.cc.length > 0 ? { cc: message.cc } : {}),
    }));
  } catch (err) {
    return recordFailure(deps, message, err);
  }
  if (await markSent(db, message, providerId, clock.now())) {
    log.info({ ...about(message), providerId }, 'message delivered');
    return 'sent';
  }
  log.warn({ ...about(message), providerId }, 'message delivered after its lease ran out');
  return 'lease_lost';
}

async function recordFailure(deps: DeliveryDeps, message: ClaimedMessage, err: unknown): Promise<Outcome> {
  const error = describeError(err);
  const outcome =
    err instanceof PermanentDeliveryError
      ? ({ status: 'failed' } as const)
      : afterFailure(message.attempts, deps.clock.now(), deps.settings, deps.random);
  if (outcome.status === 'failed') {
    deps.log.error({ ...about(message), error }, 'message delivery failed; giving up');
    return (await markFailed(deps.db, message, error)) ? 'failed' : 'lease_lost';
  }
  deps.log.warn({ ...about(message), error, nextAttemptAt: outcome.nextAttemptAt }, 'message delivery failed; will retry');
  return (await markRetry(deps.db, message, outcome.nextAttemptAt, error)) ? 'retry' : 'lease_lost';
}

/** A short error description for the outbox row and the log; provider errors never carry the body. */
export function describeError(err: unknown): string {
  const e = err instanceof Error ? err : new Error(String(err));
  return `${e.name}: ${e.message}`.slice(0, 300);
}

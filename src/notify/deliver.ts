import type { BaseLogger } from 'pino';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { Sealer } from '../platform/sealing.ts';
import { afterFailure, type RetryPolicy } from './backoff.ts';
import { PermanentDeliveryError, type Channel, type Channels, type OutgoingMessage } from './channel.ts';
import { markFailed, markRetry, markSentMany, sweepAndClaimDue, type ClaimedMessage } from './delivery-store.ts';

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
 * One round of the delivery worker: gives up exhausted messages and claims a batch of due ones
 * (one statement), sends them concurrently — the messages of channels that share a `sendMany`
 * in one call — and records the sent ones in one statement. Safe to run in many processes at
 * once (see `claimDue`).
 */
export async function deliverDue(deps: DeliveryDeps): Promise<BatchReport> {
  const { db, clock, settings } = deps;
  const claimed = await sweepAndClaimDue(db, clock.now(), settings.leaseMs, settings.maxAttempts, settings.batchSize);
  const outcomes: Record<Outcome, number> = { sent: 0, retry: 0, failed: 0, lease_lost: 0 };
  const ready: { message: ClaimedMessage; outgoing: OutgoingMessage }[] = [];
  const early: Promise<Outcome>[] = [];
  for (const message of claimed) {
    const outgoing = opened(deps, message);
    if (outgoing) ready.push({ message, outgoing });
    else early.push(giveUpUnopenable(deps, message));
  }
  // Group by how the message goes: a shared `sendMany` takes its whole group at once.
  const groups = new Map<Channel | NonNullable<Channel['sendMany']>, typeof ready>();
  for (const r of ready) {
    const channel = deps.channels[r.message.channel];
    const key = channel.sendMany ?? channel;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const sent: { message: ClaimedMessage; providerId: string }[] = [];
  const sending = [...groups].map(async ([key, group]): Promise<Outcome[]> => {
    if (typeof key === 'function') {
      try {
        const ids = await key(group.map((g) => g.outgoing));
        group.forEach((g, i) => sent.push({ message: g.message, providerId: ids[i]!.providerId }));
        return [];
      } catch (err) {
        return Promise.all(group.map((g) => recordFailure(deps, g.message, err)));
      }
    }
    const each = await Promise.allSettled(
      group.map(async (g) => {
        try {
          sent.push({ message: g.message, providerId: (await key.send(g.outgoing)).providerId });
          return undefined;
        } catch (err) {
          return recordFailure(deps, g.message, err);
        }
      }),
    );
    const failure = each.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
    return each.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
  });
  // allSettled, not all: when recording one outcome fails (the database went away), the other
  // sends still finish before the round reports the error, so stopping never cuts one short.
  const results = await Promise.allSettled([...early.map(async (p) => [await p]), ...sending]);
  for (const r of results) if (r.status === 'fulfilled') for (const o of r.value) outcomes[o] += 1;
  if (sent.length > 0) {
    const recorded = await markSentMany(db, sent, clock.now());
    for (const { message, providerId } of sent) {
      if (recorded.has(message.id)) {
        deps.log.info({ ...about(message), providerId }, 'message delivered');
        outcomes.sent += 1;
      } else {
        deps.log.warn({ ...about(message), providerId }, 'message delivered after its lease ran out');
        outcomes.lease_lost += 1;
      }
    }
  }
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { claimed: claimed.length, outcomes };
}

// What a log line says about a message: never its body nor its recipient.
const about = (m: ClaimedMessage) => ({ outboxId: m.id, channel: m.channel, template: m.template, attempt: m.attempts });

/** The message as its channel takes it, its body opened; undefined when the body will never open. */
function opened(deps: DeliveryDeps, message: ClaimedMessage): OutgoingMessage | undefined {
  try {
    if (message.body === null) throw new Error('no body');
    const body = deps.sealer.open(message.body);
    return { id: message.id, to: message.recipient, subject: message.subject, body, channel: message.channel, ...(message.cc && message.cc.length > 0 ? { cc: message.cc } : {}) };
  } catch {
    return undefined;
  }
}

// A body sealed under another key (or altered) will never open: retrying cannot help.
async function giveUpUnopenable(deps: DeliveryDeps, message: ClaimedMessage): Promise<Outcome> {
  deps.log.error(about(message), 'message body cannot be opened; giving up');
  return (await markFailed(deps.db, message, 'sealed body cannot be opened')) ? 'failed' : 'lease_lost';
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

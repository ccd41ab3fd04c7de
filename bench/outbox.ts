import { sql } from 'kysely';
import pino from 'pino';
import { inTransaction } from '../src/customers/store-support.ts';
import { enqueueMessage } from '../src/notify/outbox.ts';
import { startNotificationWorker } from '../src/notify/worker.ts';
import type { Backend } from '../test/helpers/db.ts';
import { serve } from './lib/app.ts';
import { latency, now, type Latency } from './lib/stats.ts';

/**
 * Outbox dispatch: messages enter the outbox at a steady rate, each in its own transaction
 * (as the IVR, the web recovery and the back office enqueue them), while the app's own
 * notification worker (`serve`'s background task, default settings: idle poll every
 * `notify.workerIntervalMs`, batches of `notify.batchSize`) delivers them to the dev sink.
 * Dispatch latency: from the message's `created_at` to its delivery (`dev_messages.delivered_at`),
 * both stamped by the same system clock. Half are emails, half SMS to distinct numbers.
 * Informative: a burst of the same size enqueued at once, and the time until the last is out.
 */
export interface OutboxResult {
  messages: number;
  ratePerSecond: number;
  workerIntervalMs: number;
  batchSize: number;
  dispatch: Latency & { max: number };
  burst: { messages: number; drainMs: number; dispatch: Latency };
}

export async function benchOutbox(backend: Backend, messages: number, ratePerSecond: number): Promise<OutboxResult> {
  const s = await serve(backend);
  const log = pino({ level: 'silent' });
  const worker = await startNotificationWorker(s.services, log);
  if (!worker) throw new Error('the notification worker is off in this configuration');
  const { workerIntervalMs, batchSize } = s.services.config.notify;
  let serial = 0;
  const enqueue = () => {
    const n = serial++;
    return inTransaction(s.services.db, (tx) =>
      n % 2 === 0
        ? enqueueMessage(tx, s.services, { channel: 'email', to: `bench${n}@example.com`, template: 'email.user_code', locale: 'es', params: { name: 'Bench', userCode: `U${n}` } })
        : enqueueMessage(tx, s.services, { channel: 'sms', to: `+3460${String(1_000_000 + n).padStart(7, '0')}`, template: 'sms.temporary_password', locale: 'es', params: { password: 'Xy3kPq7mRt2w', minutes: 60 } }),
    );
  };
  const delivered = async () => Number((await sql<{ n: number }>`select count(*)::int as n from dev_messages`.execute(s.services.db)).rows[0]!.n);
  const waitFor = async (count: number, deadlineMs: number) => {
    const until = now() + deadlineMs;
    while ((await delivered()) < count) {
      if (now() > until) throw new Error(`only ${await delivered()} of ${count} messages delivered in ${deadlineMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const latencies = async (fromId: number) =>
    (
      await sql<{ ms: number }>`select extract(epoch from (d.delivered_at - o.created_at)) * 1000 as ms
        from outbox o join dev_messages d on d.outbox_id = o.id where o.id >= ${fromId}`.execute(s.services.db)
    ).rows.map((r) => Number(r.ms));
  const maxId = async () => Number((await sql<{ n: number }>`select coalesce(max(id), 0)::int as n from outbox`.execute(s.services.db)).rows[0]!.n);
  try {
    // Warm-up: a few messages through the whole path.
    for (let i = 0; i < 20; i++) await enqueue();
    await waitFor(20, 30_000);

    // Steady arrivals: one message every 1000/rate ms, on a fixed schedule (not after the last).
    const first = (await maxId()) + 1;
    const start = now();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < messages; i++) {
      const due = start + (i * 1000) / ratePerSecond;
      const wait = due - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(enqueue());
    }
    await Promise.all(pending);
    await waitFor(20 + messages, 60_000);
    const steady = await latencies(first);

    // A burst of the same size, all at once.
    const burstFirst = (await maxId()) + 1;
    const burstStart = now();
    await Promise.all(Array.from({ length: messages }, enqueue));
    await waitFor(20 + 2 * messages, 120_000);
    const drainMs = now() - burstStart;
    const burst = await latencies(burstFirst);

    return {
      messages,
      ratePerSecond,
      workerIntervalMs,
      batchSize,
      dispatch: { ...latency(steady), max: Math.max(...steady) },
      burst: { messages, drainMs, dispatch: latency(burst) },
    };
  } finally {
    await worker.stop();
    await s.close();
  }
}

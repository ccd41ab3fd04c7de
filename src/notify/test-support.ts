import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.ts';
import type { Services } from '../platform/services.ts';
import type { Channel, Channels, OutgoingMessage } from './channel.ts';
import { devSinkChannels } from './channels/dev-sink.ts';
import type { DeliveryDeps, DeliveryLog } from './deliver.ts';

/** Helpers for the notification tests (imported only by `*.test.ts`). */

/** A customer row (and its office) so outbox rows can point at a real customer. */
export async function insertCustomer(db: Db, mobile = '+34600111222'): Promise<string> {
  await db
    .insertInto('offices')
    .values({ code: '0001', name: 'Oficina de prueba', kind: 'branch', email: 'oficina@example.test', phone: null })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const id = randomUUID();
  await db
    .insertInto('customers')
    .values({
      id,
      external_id: `ext-${id}`,
      kind: 'person',
      document_type: 'DNI',
      document_number: id.slice(0, 8),
      name: 'Ana Prueba',
      mobile,
      landline: null,
      email: 'ana@example.test',
      office_code: '0001',
    })
    .execute();
  return id;
}

/** A logger that keeps every line as JSON text, to check what a log would have shown. */
export function recordingLog(): DeliveryLog & { lines: string[] } {
  const lines: string[] = [];
  const record = (...args: unknown[]) => void lines.push(JSON.stringify(args));
  return { lines, info: record, warn: record, error: record } as DeliveryLog & { lines: string[] };
}

/** A channel around another one that counts calls and can fail the first `failures` of them. */
export function countingChannel(inner: Channel, failures = 0, delayMs = 0): Channel & { calls: OutgoingMessage[] } {
  const calls: OutgoingMessage[] = [];
  return {
    calls,
    async send(message) {
      calls.push(message);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, Math.random() * delayMs));
      if (calls.length <= failures) throw new Error(`provider down (call ${calls.length})`);
      return inner.send(message);
    },
  };
}

/** Delivery dependencies for a test: dev sinks unless channels are given, settings from the config. */
export function testDeliveryDeps(services: Services, channels?: Partial<Channels>, log: DeliveryLog = recordingLog()): DeliveryDeps {
  const n = services.config.notify;
  const dev = devSinkChannels(services.db, services.clock);
  return {
    db: services.db,
    clock: services.clock,
    sealer: services.sealer,
    log,
    channels: {
      email: channels?.email ?? dev.email,
      sms: channels?.sms ?? dev.sms,
    },
    settings: {
      maxAttempts: n.maxAttempts,
      backoffBaseMs: n.backoffBaseMs,
      backoffMaxMs: n.backoffMaxMs,
      leaseMs: n.leaseMs,
      batchSize: n.batchSize,
    },
    random: () => 1,
  };
}

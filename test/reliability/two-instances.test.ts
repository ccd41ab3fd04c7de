import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { sealAudit } from '../../src/audit/sealer.ts';
import { Softphone } from '../../src/ivr/softphone.ts';
import { seedCaller, type Caller } from '../../src/ivr/test-fixtures.ts';
import { migrations } from '../../src/platform/db/migrations/index.ts';
import type { Database } from '../../src/platform/db/database.ts';
import type { Services } from '../../src/platform/services.ts';
import {
  BASE,
  ServerProcess,
  TWILIO_TOKEN,
  UNLOCK,
  alternating,
  branchDone,
  configFile,
  killAllServers,
  lockOut,
  loopbackTransport,
  postgresUrl,
  productionEnv,
  scratchDatabase,
  testSide,
  toThePin,
  waitFor,
  type ScratchDatabase,
} from './helpers.ts';
import { startFakeSmtp, startFakeTwilio, type FakeTwilio } from './providers.ts';

/**
 * Issue 7, point 3: two `cerrojo serve` processes behind one PostgreSQL database, both running
 * the delivery worker, as two instances behind a load balancer. They start together on an empty
 * database (both migrate it), then serve calls whose webhooks alternate between them (the call's
 * state lives in the database), count wrong PINs arriving on both at once against one card, and
 * deliver every queued message exactly once between them. Production mode: SMS to a fake Twilio,
 * email to a real SMTP server, each counting what it accepts.
 */
const url = postgresUrl('two instances');
const CALLS = 20;
const PIN_ATTEMPTS = 3;
const WRONG_PIN_CALLS = 6;

describe.skipIf(!url)('two instances behind one PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let side: { database: Database; services: Services };
  let twilio: FakeTwilio;
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  let a: ServerProcess;
  let b: ServerProcess;
  const log = () => `--- instance a\n${a?.output().slice(-15_000)}\n--- instance b\n${b?.output().slice(-15_000)}`;

  beforeAll(async () => {
    scratch = await scratchDatabase(url!);
    twilio = await startFakeTwilio();
    smtp = await startFakeSmtp();
    const config = configFile({ notify: { leaseMs: 5000, workerIntervalMs: 100 }, limits: { pinAttempts: PIN_ATTEMPTS } });
    // Each instance sends SMS from its own number, so the provider's log tells which one sent what.
    const env = (from: string) => productionEnv(scratch.url, { twilio: twilio.url, smtp: smtp.url }, { CERROJO_CONFIG: config, TWILIO_FROM: from });
    [a, b] = await Promise.all([ServerProcess.start('instance a', { env: env('+34950000001') }), ServerProcess.start('instance b', { env: env('+34950000002') })]);
    side = await testSide(scratch.url, { publicBaseUrl: BASE });
  }, 90_000);

  afterAll(async () => {
    await killAllServers();
    await side?.database.close();
    await scratch?.drop();
    await twilio?.close();
    await smtp?.close();
  });

  const phone = (c: Caller, first: number) => new Softphone(loopbackTransport(alternating([a.base, b.base], first)), { base: BASE, token: TWILIO_TOKEN, to: UNLOCK, from: c.mobile });

  it('both started together on an empty database: each migration applied once', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(side.database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    expect(a.running && b.running).toBe(true);
  });

  it(`${CALLS} calls at once, each webhook on the other instance than the one before, complete branch 1.1`, async () => {
    const callers: Caller[] = [];
    for (let i = 0; i < CALLS; i++) {
      const c = await seedCaller(side.services);
      await lockOut(side.services, c);
      callers.push(c);
    }
    const run = async (c: Caller, i: number) => {
      const p = phone(c, i);
      await p.dial();
      await p.walk([...toThePin(c), c.pin]);
      expect(p.transcript()).toContain(branchDone(c));
      expect(await p.hangUp('completed', 60)).toBe(204);
      return p.callSid;
    };
    const sids = await Promise.all(callers.map(run));
    const rows = await side.database.db.selectFrom('ivr_calls').select(['call_sid', 'outcome', 'branch', 'provider_status']).where('call_sid', 'in', sids).execute();
    expect(rows).toHaveLength(CALLS);
    for (const row of rows) expect(row).toMatchObject({ branch: '1.1', outcome: 'resolved', provider_status: 'completed' });
    for (const c of callers) {
      const queued = await side.database.db.selectFrom('outbox').select('template').where('customer_id', '=', c.customer.id).orderBy('template').execute();
      expect(queued.map((m) => m.template)).toEqual(['email.user_code', 'sms.temporary_password']);
    }
  }, 60_000);

  it(`wrong PINs arriving on both instances at once count against one card: blocked at ${PIN_ATTEMPTS}, once`, async () => {
    const w = await seedCaller(side.services);
    const wrong = String((Number(w.pin) + 1) % 10_000).padStart(4, '0');
    const phones = Array.from({ length: WRONG_PIN_CALLS }, (_, i) => phone(w, i));
    await Promise.all(phones.map((p) => p.dial()));
    await Promise.all(phones.map((p) => p.walk(toThePin(w))));
    // The PIN turns at the same moment, three on each instance.
    await Promise.all(phones.map((p) => p.press(wrong)));
    await Promise.all(phones.map((p) => p.hangUp('completed', 30)));

    const card = await side.database.db.selectFrom('cards').select(['failed_pin_attempts', 'pin_blocked_at']).where('id', '=', w.cardId).executeTakeFirstOrThrow();
    expect(card.failed_pin_attempts).toBe(PIN_ATTEMPTS);
    expect(card.pin_blocked_at).not.toBeNull();
    const blocks = await side.database.db.selectFrom('blocks').select('subject_id').where('customer_id', '=', w.customer.id).where('target', '=', 'card_pin').execute();
    expect(blocks).toEqual([{ subject_id: w.cardId }]);
    const failures = await side.database.db.selectFrom('audit_log').select('details').where('customer_id', '=', w.customer.id).where('action', '=', 'card.pin_failed').orderBy('id').execute();
    expect(failures.map((f) => (f.details as { failures: number }).failures)).toEqual([1, 2, 3]);

    // The right PIN, on either instance, no longer opens anything.
    for (const first of [0, 1]) {
      const p = phone(w, first);
      await p.dial();
      await p.walk([...toThePin(w), w.pin]);
      expect(p.transcript()).not.toContain(branchDone(w));
    }
    const verified = await side.database.db.selectFrom('audit_log').select('action').where('customer_id', '=', w.customer.id).where('action', '=', 'card.pin_verified').execute();
    expect(verified).toEqual([]);
  }, 60_000);

  it('every queued message is delivered exactly once in total by the two workers', async () => {
    const outbox = () => side.database.db.selectFrom('outbox').selectAll().orderBy('id').execute();
    await waitFor('every message sent', async () => (await outbox()).every((m) => m.status === 'sent'), 30_000, log);
    const rows = await outbox();
    // Two per unlock call, and the one notice of the PIN block set by the wrong PINs above.
    expect(rows).toHaveLength(2 * CALLS + 1);
    expect(rows.filter((m) => m.template === 'sms.card_pin_blocked')).toHaveLength(1);
    // Claimed once each: a second claim would have counted a second attempt.
    expect(rows.filter((m) => m.attempts !== 1)).toEqual([]);

    const sms = rows.filter((m) => m.channel === 'sms');
    const taken = twilio.accepted();
    expect(taken).toHaveLength(sms.length);
    expect(new Set(taken.map((r) => `${r.to}\n${r.body}`)).size).toBe(taken.length);
    expect(taken.map((r) => r.sid).sort()).toEqual(sms.map((m) => m.provider_id).sort());
    expect(taken.map((r) => r.to).sort()).toEqual(sms.map((m) => m.recipient).sort());

    const emails = rows.filter((m) => m.channel === 'email');
    expect(smtp.messages.map((m) => m.messageId).sort()).toEqual(emails.map((m) => m.provider_id).sort());
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(emails.length);
  }, 40_000);

  it('the audit chain both instances wrote to is intact', async () => {
    await sealAudit(side.database.db);
    const chain = await verifyAuditChain(side.database.db);
    expect(chain.ok, JSON.stringify(chain)).toBe(true);
    expect(chain.rows).toBeGreaterThan(0);
  });
});

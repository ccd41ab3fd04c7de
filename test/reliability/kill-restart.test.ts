import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify.ts';
import { sealAudit } from '../../src/audit/sealer.ts';
import { Softphone } from '../../src/ivr/softphone.ts';
import { seedCaller, type Caller } from '../../src/ivr/test-fixtures.ts';
import { claimDue } from '../../src/notify/delivery-store.ts';
import { enqueueMessage } from '../../src/notify/outbox.ts';
import type { Database } from '../../src/platform/db/database.ts';
import type { Services } from '../../src/platform/services.ts';
import {
  BASE,
  ServerProcess,
  TWILIO_TOKEN,
  UNLOCK,
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
import { startFakeSmtp, startFakeTwilio, type FakeTwilio, type TwilioRequest } from './providers.ts';

/**
 * Issue 7, point 2: the server is killed with SIGKILL (no handler runs) while calls are under way
 * and messages are being delivered, then started again on the same database and port. One kill
 * catches, at once:
 *
 * - call P between two webhooks (its state is in the database);
 * - calls Q and R with their PIN webhook in flight (held on the call's row lock by the test, so
 *   the kill lands inside the turn's transaction); the provider retries Q's webhook after the
 *   restart and gives R up (its status callback);
 * - SMS A in flight at the provider, read and never answered (the provider did not take it);
 * - SMS B taken by the provider, whose answer the kill cut off (the at-least-once window);
 * - SMS C claimed with a lease and not sent: the footprint of a worker killed between its claim
 *   and its send, made with the worker's own `claimDue` since no signal can be timed into that
 *   gap of microseconds.
 *
 * Production mode (no dev sink): SMS go to a fake Twilio and emails to a real SMTP server, both
 * counting what they accept, so a message sent twice shows.
 */
const url = postgresUrl('kill and restart');
const LEASE_MS = 8000;

const A = '+34600000101';
const B = '+34600000102';
const C = '+34600000103';

describe.skipIf(!url)('SIGKILL mid-call and mid-delivery, then restart', () => {
  let scratch: ScratchDatabase;
  let side: { database: Database; services: Services };
  let twilio: FakeTwilio;
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  let server: ServerProcess;
  const callers = {} as Record<'P' | 'Q' | 'R', Caller>;
  const phones = {} as Record<'P' | 'Q' | 'R', Softphone>;
  const ids = {} as Record<'A' | 'B' | 'C', number>;
  /** What the first server left behind, read right after the kill. */
  const atKill = {} as {
    ended: ServerProcess['ended'];
    pinTurns: PromiseSettledResult<unknown>[];
    outbox: { id: number; status: string; attempts: number }[];
    twilio: TwilioRequest[];
  };
  const after = {} as { pinQ: string; pinP: string; statusR: number };
  let first: ServerProcess | undefined;
  let lock: pg.Client | undefined;
  const log = () => `--- first server\n${first?.output().slice(-20_000)}\n--- restarted server\n${server?.output().slice(-20_000)}`;

  beforeAll(async () => {
    scratch = await scratchDatabase(url!);
    twilio = await startFakeTwilio();
    smtp = await startFakeSmtp();
    const env = productionEnv(scratch.url, { twilio: twilio.url, smtp: smtp.url }, { CERROJO_CONFIG: configFile({ notify: { leaseMs: LEASE_MS, workerIntervalMs: 100 } }) });
    first = server = await ServerProcess.start('first server', { env });
    side = await testSide(scratch.url, { publicBaseUrl: BASE });
    const transport = loopbackTransport(() => server.base);
    for (const name of ['P', 'Q', 'R'] as const) {
      const c = (callers[name] = await seedCaller(side.services));
      await lockOut(side.services, c);
      phones[name] = new Softphone(transport, { base: BASE, token: TWILIO_TOKEN, to: UNLOCK, from: c.mobile });
      await phones[name].dial();
      await phones[name].walk(toThePin(c));
    }

    // Q's and R's PIN webhooks wait on their call's row, which the test holds.
    lock = new pg.Client({ connectionString: scratch.url });
    lock.on('error', () => undefined); // dropped with the database when a step failed
    await lock.connect();
    await lock.query('begin');
    await lock.query('select call_sid from ivr_calls where call_sid = any($1) for update', [[phones.Q.callSid, phones.R.callSid]]);
    let settled: PromiseSettledResult<unknown>[] | undefined;
    const pinTurns = Promise.allSettled([phones.Q.press(callers.Q.pin), phones.R.press(callers.R.pin)]).then((r) => (settled = r));
    const waiting = async () => {
      if (settled) throw new Error(`the PIN turns were answered before the kill: ${JSON.stringify(settled)}\n${log()}`);
      // Not on `lock`: inside a transaction pg_stat_activity is a snapshot taken at its first read.
      const waiters = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${scratch.name} and wait_event_type = 'Lock'`.execute(side.database.db);
      return waiters.rows[0]!.n >= 2;
    };
    await waitFor('the PIN turns of Q and R waiting on their call', waiting, 10_000, log);

    // A and B, queued together, are claimed in one batch and reach the provider.
    twilio.plans.set(A, 'hold');
    twilio.plans.set(B, 'acceptThenHang');
    const queue = (to: string) => (tx: Parameters<typeof enqueueMessage>[0]) => enqueueMessage(tx, side.services, { channel: 'sms', to, template: 'sms.password_changed', locale: 'es', params: {} });
    await side.database.db.transaction().execute(async (tx) => {
      ids.A = (await queue(A)(tx)).id;
      ids.B = (await queue(B)(tx)).id;
    });
    await waitFor('A and B at the provider', () => twilio.requests.length >= 2, 10_000, log);
    // C: claimed (the lease committed) and never sent.
    await side.database.db.transaction().execute(async (tx) => {
      ids.C = (await queue(C)(tx)).id;
      const claimed = await claimDue(tx, new Date(), LEASE_MS, 8, 10);
      if (claimed.map((m) => m.id).join() !== String(ids.C)) throw new Error(`claimed ${claimed.map((m) => m.id).join()} instead of C`);
    });

    await server.kill('SIGKILL');
    atKill.ended = server.ended;
    atKill.pinTurns = await pinTurns;
    atKill.outbox = await side.database.db.selectFrom('outbox').select(['id', 'status', 'attempts']).orderBy('id').execute();
    await waitFor('the provider seeing its connections cut', () => twilio.requests.every((r) => r.dropped || r.answered), 5000, log);
    atKill.twilio = twilio.requests.map((r) => ({ ...r }));
    await lock.query('rollback');

    // The same server started again; the provider answers everything from now on.
    twilio.plans.clear();
    server = await ServerProcess.start('restarted server', { port: first.port, env });
    await phones.Q.press(callers.Q.pin); // the provider retries the webhook
    after.pinQ = phones.Q.transcript();
    after.statusR = await phones.R.hangUp('completed', 40); // the provider gave R up
    await phones.P.press(callers.P.pin);
    after.pinP = phones.P.transcript();
    expect(await phones.P.hangUp('completed', 80)).toBe(204);
    expect(await phones.Q.hangUp('completed', 80)).toBe(204);

    // Everything queued goes out: A, B and C once their lease has run out.
    const unsent = () => side.database.db.selectFrom('outbox').select(['id', 'status']).where('status', '!=', 'sent').execute();
    await waitFor('every message sent', async () => (await unsent()).length === 0 && (await side.database.db.selectFrom('outbox').select('id').execute()).length === 7, 40_000, log);
  }, 120_000);

  afterAll(async () => {
    await killAllServers();
    await lock?.end().catch(() => undefined);
    await side?.database.close();
    await scratch?.drop();
    await twilio?.close();
    await smtp?.close();
  });

  const outboxRow = (id: number) => side.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const callRow = (sid: string) => side.database.db.selectFrom('ivr_calls').selectAll().where('call_sid', '=', sid).executeTakeFirstOrThrow();
  const queuedFor = (c: Caller) => side.database.db.selectFrom('outbox').select(['template', 'status', 'attempts']).where('customer_id', '=', c.customer.id).orderBy('template').execute();

  it('the kill caught what it was meant to: the process died at once, two webhooks and three messages in flight', () => {
    expect(atKill.ended).toEqual({ code: null, signal: 'SIGKILL' });
    for (const turn of atKill.pinTurns) {
      expect(turn.status).toBe('rejected');
      expect(String((turn as PromiseRejectedResult).reason)).toMatch(/socket hang up|ECONNRESET/);
    }
    // A, B and C leased and unsent; nothing else was queued yet.
    expect(atKill.outbox).toEqual([
      { id: ids.A, status: 'sending', attempts: 1 },
      { id: ids.B, status: 'sending', attempts: 1 },
      { id: ids.C, status: 'sending', attempts: 1 },
    ]);
    // The provider had A unanswered and B taken with no answer out; both connections cut by the kill.
    expect(atKill.twilio.map(({ to, sid, answered, dropped }) => ({ to, taken: sid !== undefined, answered, dropped })).sort((x, y) => x.to.localeCompare(y.to))).toEqual([
      { to: A, taken: false, answered: false, dropped: true },
      { to: B, taken: true, answered: false, dropped: true },
    ]);
  });

  it('a call between two webhooks resumes on the restarted server and ends normally', async () => {
    expect(after.pinP).toContain(branchDone(callers.P));
    expect(await callRow(phones.P.callSid)).toMatchObject({ branch: '1.1', outcome: 'resolved', provider_status: 'completed' });
    expect(await queuedFor(callers.P)).toEqual([
      { template: 'email.user_code', status: 'sent', attempts: 1 },
      { template: 'sms.temporary_password', status: 'sent', attempts: 1 },
    ]);
  });

  it("a webhook cut by the kill, retried by the provider, plays its turn once: the call resumes, one SMS and one email", async () => {
    expect(after.pinQ).toContain(branchDone(callers.Q));
    expect(await callRow(phones.Q.callSid)).toMatchObject({ branch: '1.1', outcome: 'resolved', provider_status: 'completed' });
    expect(await queuedFor(callers.Q)).toEqual([
      { template: 'email.user_code', status: 'sent', attempts: 1 },
      { template: 'sms.temporary_password', status: 'sent', attempts: 1 },
    ]);
    const checks = await side.database.db.selectFrom('audit_log').select('action').where('customer_id', '=', callers.Q.customer.id).where('action', 'like', 'card.pin%').execute();
    expect(checks).toEqual([{ action: 'card.pin_verified' }]);
  });

  it('a call the provider gives up after the kill ends cleanly: closed, nothing queued, its block still on', async () => {
    expect(after.statusR).toBe(204);
    const row = await callRow(phones.R.callSid);
    expect(row.ended_at).not.toBeNull();
    expect(row.provider_status).toBe('completed');
    expect(await queuedFor(callers.R)).toEqual([]);
    const blocks = await side.database.db.selectFrom('blocks').select('lifted_at').where('customer_id', '=', callers.R.customer.id).where('target', '=', 'access').execute();
    expect(blocks).toEqual([{ lifted_at: null }]);
  });

  it('an SMS in flight and unanswered at the kill is delivered exactly once, after its lease', async () => {
    expect(twilio.requests.filter((r) => r.to === A).map((r) => ({ taken: r.sid !== undefined, answered: r.answered }))).toEqual([
      { taken: false, answered: false },
      { taken: true, answered: true },
    ]);
    const [taken] = twilio.accepted(A);
    expect(await outboxRow(ids.A)).toMatchObject({ status: 'sent', attempts: 2, provider_id: taken!.sid, body: null });
  });

  it('a message claimed and not sent at the kill is delivered exactly once, after its lease', async () => {
    expect(twilio.requests.filter((r) => r.to === C).map((r) => ({ taken: r.sid !== undefined, answered: r.answered }))).toEqual([{ taken: true, answered: true }]);
    expect(await outboxRow(ids.C)).toMatchObject({ status: 'sent', attempts: 2, provider_id: twilio.accepted(C)[0]!.sid });
  });

  it('an SMS the provider took whose answer the kill cut off is sent again: the at-least-once window (docs/reliability.md)', async () => {
    const taken = twilio.accepted(B);
    expect(taken).toHaveLength(2);
    expect(taken[1]!.body).toBe(taken[0]!.body);
    expect(await outboxRow(ids.B)).toMatchObject({ status: 'sent', attempts: 2, provider_id: taken[1]!.sid });
  });

  it('no other message is lost or sent twice: each SMS and each email (by Message-ID) reached its provider once', async () => {
    const rows = await side.database.db.selectFrom('outbox').select(['id', 'channel', 'recipient', 'provider_id']).orderBy('id').execute();
    expect(rows).toHaveLength(7);
    for (const row of rows.filter((r) => r.channel === 'sms' && r.recipient !== B)) expect(twilio.accepted(row.recipient), row.recipient).toHaveLength(1);
    const emails = rows.filter((r) => r.channel === 'email');
    expect(emails.map((r) => r.recipient).sort()).toEqual([callers.P.customer.email, callers.Q.customer.email].sort());
    expect(smtp.messages.map((m) => m.messageId).sort()).toEqual(emails.map((r) => r.provider_id).sort());
  });

  it('the audit chain is intact across the kill', async () => {
    await sealAudit(side.database.db);
    const chain = await verifyAuditChain(side.database.db);
    expect(chain.ok, JSON.stringify(chain)).toBe(true);
    expect(chain.rows).toBeGreaterThan(0);
  });
});

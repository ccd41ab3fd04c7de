import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Served } from '../../bench/lib/app.ts';
import { Client } from '../../bench/lib/client.ts';
import { DEV_TWILIO_AUTH_TOKEN } from '../../src/ivr/settings.ts';
import { Softphone, type Transport } from '../../src/ivr/softphone.ts';
import { seedCaller, type Caller } from '../../src/ivr/test-fixtures.ts';
import { BASE, UNLOCK, branchDone, lockOut, postgresUrl, toThePin } from './helpers.ts';

/**
 * Issue 7, point 1: 500 IVR calls at once on PostgreSQL, each through the whole of branch 1.1
 * over signed webhooks (the approach of bench/ivr.ts: the whole app on a loopback port, a
 * keep-alive client with a socket per call). PostgreSQL only by design: PGlite is one embedded
 * connection, whose behaviour under 500 callers is the bench's subject, not a reliability one.
 */
const CALLS = 500;
const url = postgresUrl('500 simultaneous IVR calls');

describe.skipIf(!url)('500 simultaneous IVR calls on PostgreSQL', () => {
  let s: Served;
  let client: Client;
  const callers: Caller[] = [];
  /** Every HTTP status the webhooks got, by path. */
  const statuses = new Map<string, number[]>();

  beforeAll(async () => {
    s = await serve({ name: 'postgres', url: url! }, { publicBaseUrl: BASE });
    client = new Client(s.base, CALLS + 1);
    // The callers (one more for the reference call), seeded ten at a time.
    const queue = Array.from({ length: CALLS + 1 }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          const c = await seedCaller(s.services);
          await lockOut(s.services, c);
          callers[i] = c;
        }
      }),
    );
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await s?.close();
  });

  const transport: Transport = async (target, form, signature) => {
    const u = new URL(target);
    const res = await client.request('POST', u.pathname + u.search, { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, form);
    const list = statuses.get(u.pathname) ?? [];
    list.push(res.status);
    statuses.set(u.pathname, list);
    return { statusCode: res.status, body: res.body };
  };

  /** One call of branch 1.1 to its end and the status callback; every TwiML document heard. */
  async function call(c: Caller): Promise<string[]> {
    const phone = new Softphone(transport, { base: BASE, token: DEV_TWILIO_AUTH_TOKEN, to: UNLOCK, from: c.mobile });
    await phone.dial();
    await phone.walk([...toThePin(c), c.pin]);
    const status = await phone.hangUp('completed', 95);
    if (status !== 204) throw new Error(`status callback answered ${status}`);
    return phone.log.map((h) => h.xml);
  }

  it(`${CALLS} calls at once all complete branch 1.1, with the expected TwiML at every step`, async () => {
    // The reference: one call alone. Its documents are what every caller must hear, but for
    // the mobile ending read in the last one.
    const [ref, ...rest] = callers as [Caller, ...Caller[]];
    const expected = await call(ref);
    expect(expected).toHaveLength(8);
    expect(expected.at(-1)).toContain(branchDone(ref));
    expect(expected.at(-1)).toContain('<Hangup/>');

    const heard = await Promise.allSettled(rest.map(call));
    const failures = heard.flatMap((r, i) => (r.status === 'rejected' ? [`caller ${i}: ${String(r.reason)}`] : []));
    expect(failures.slice(0, 5), `${failures.length} calls failed`).toEqual([]);
    let mismatches = 0;
    heard.forEach((r, i) => {
      const c = rest[i]!;
      const want = expected.map((xml, step) => (step === expected.length - 1 ? xml.replace(branchDone(ref), branchDone(c)) : xml));
      if (r.status === 'fulfilled' && JSON.stringify(r.value) !== JSON.stringify(want)) {
        mismatches++;
        if (mismatches === 1) expect(r.value, `caller ${i}`).toEqual(want);
      }
    });
    expect(mismatches).toBe(0);

    // Every webhook answered 200 and every status callback 204: nothing else at all.
    const all = [...statuses.entries()].map(([path, list]) => [path, Object.fromEntries([...new Set(list)].map((st) => [st, list.filter((x) => x === st).length]))]);
    expect(Object.fromEntries(all)).toEqual({
      '/ivr/twilio/voice': { 200: CALLS + 1 },
      '/ivr/twilio/turn': { 200: 7 * (CALLS + 1) },
      '/ivr/twilio/status': { 204: CALLS + 1 },
    });
  }, 120_000);

  it('the database shows every call once: completed and resolved, its access block lifted, one SMS and one email queued', async () => {
    const db = s.services.db;
    const ids = callers.map((c) => c.customer.id);
    const calls = await sql<{ n: number }>`select count(*)::int as n from ivr_calls where branch = '1.1' and outcome = 'resolved' and provider_status = 'completed' and ended_at is not null`.execute(db);
    expect(calls.rows[0]!.n).toBe(CALLS + 1);
    const all = await sql<{ n: number }>`select count(*)::int as n from ivr_calls`.execute(db);
    expect(all.rows[0]!.n).toBe(CALLS + 1);

    const blocks = await db.selectFrom('blocks').select(['customer_id', 'lifted_channel']).where('target', '=', 'access').where('customer_id', 'in', ids).execute();
    expect(blocks).toHaveLength(CALLS + 1);
    expect(blocks.filter((b) => b.lifted_channel !== 'ivr')).toEqual([]);

    const users = await db.selectFrom('online_banking_users').select('customer_id').where('customer_id', 'in', ids).where('password_temporary', '=', true).execute();
    expect(users).toHaveLength(CALLS + 1);

    // Exactly one temporary password by SMS and one user code by email per caller.
    const queued = await db.selectFrom('outbox').select(['customer_id', 'template', 'recipient']).execute();
    expect(queued).toHaveLength(2 * (CALLS + 1));
    const per = new Map<string, string[]>();
    for (const m of queued) per.set(m.customer_id!, [...(per.get(m.customer_id!) ?? []), m.template].sort());
    expect(per.size).toBe(CALLS + 1);
    for (const c of callers) expect(per.get(c.customer.id), c.customer.id).toEqual(['email.user_code', 'sms.temporary_password']);
    const sms = new Map(queued.filter((m) => m.template === 'sms.temporary_password').map((m) => [m.customer_id, m.recipient]));
    for (const c of callers) expect(sms.get(c.customer.id)).toBe(c.mobile);
  }, 30_000);
});

import { setTimeout as sleep } from 'node:timers/promises';
import { startAuditSealer } from '../src/audit/sealer.ts';
import { hashPassword } from '../src/customers/passwords.ts';
import { keyedHashPinVerifier } from '../src/customers/pin-verifier.ts';
import { DEV_TWILIO_AUTH_TOKEN } from '../src/ivr/settings.ts';
import { Softphone, type Transport } from '../src/ivr/softphone.ts';
import { ivrText } from '../src/ivr/text.ts';
import { BASE, UNLOCK, seedCaller, type Caller } from '../src/ivr/test-fixtures.ts';
import type { Backend } from '../test/helpers/db.ts';
import { serve, type Served } from './lib/app.ts';
import { Client } from './lib/client.ts';
import { createScratch, record, replay, tally, type Statement } from './lib/roundtrips.ts';
import { latency, now, perSecond, quantile, type Latency } from './lib/stats.ts';

/**
 * The IVR: N simultaneous calls over signed Twilio webhooks (HTTP on loopback), each through
 * the whole online-banking-user branch 1.1 of seed 000 (language, menu, DNI, card, PIN: user
 * code by email, temporary password by SMS, the access block lifted), then the status callback.
 * Twice: N calls pressing each key the moment the answer is in (throughput, calls per second),
 * then N calls whose callers listen to each prompt before pressing (turn latency: a real call
 * spends seconds on every prompt, so back-to-back turns would measure only the queue).
 * The floor: the same round trips to the database and the same secret work (the keyed PIN
 * check and the argon2id hash of the temporary password), done bare with the same concurrency.
 */
export interface IvrResult {
  calls: number;
  seconds: number;
  callsPerSecond: number;
  /** Pause of a caller before each key (listening to the prompt) in the latency phase. */
  thinkMs: number;
  /** Turn latency while `calls` calls paced by `thinkMs` are under way at once. */
  turns: { withPin: Latency; withoutPin: Latency };
  /** Turn latency in the throughput phase, where nobody listens: queueing at saturation. */
  saturatedTurns: { withPin: Latency; withoutPin: Latency };
  /** The turns of the one call recorded alone (no other call in flight), in ms. */
  soloTurnsMs: { withPin: number[]; withoutPin: number[] };
  floor: { seconds: number; callsPerSecond: number; roundTripsPerCall: Record<Statement, number>; oneHashMs: number };
  ratio: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The argon2id hashes one call of branch 1.1 does: the temporary password (src/ivr/actions.ts). */
const HASHES_PER_CALL = 1;

async function seed(s: Served, count: number): Promise<Caller[]> {
  const callers: Caller[] = [];
  for (let i = 0; i < count; i++) {
    const c = await seedCaller(s.services);
    // Locked out by failed password attempts, as the callers of this branch are: the call lifts it.
    await s.services.db.insertInto('blocks').values({ id: crypto.randomUUID(), customer_id: c.customer.id, target: 'access', origin: 'failed_attempts', reason: 'password attempts', created_by: 'system' }).execute();
    callers.push(c);
  }
  return callers;
}

/** The webhooks go to the local server; the signature stays over the public URL, as Twilio signs it. */
function loopback(client: Client): Transport {
  return async (url, form, signature) => {
    const target = new URL(url);
    const res = await client.request('POST', target.pathname + target.search, { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, form);
    return { statusCode: res.status, body: res.body };
  };
}

/** Webhooks of one call: the dial, seven keys (the last one the PIN), the status callback. */
const TURNS = 9;

class HungUp extends Error {}

/**
 * One call of branch 1.1; `turn` gets each webhook's latency, its start and whether it checked
 * the PIN. With `pace`, the caller listens `thinkMs` before each webhook and hangs up mid-call
 * once `stopAt` has passed.
 */
async function call(transport: Transport, c: Caller, turn: (ms: number, pin: boolean, at: number) => void, pace?: { thinkMs: number; stopAt: number }): Promise<void> {
  const phone = new Softphone(transport, { base: BASE, token: DEV_TWILIO_AUTH_TOKEN, to: UNLOCK, from: c.mobile });
  const timed = async (step: () => Promise<unknown>, pin = false) => {
    if (pace) {
      await sleep(pace.thinkMs);
      if (now() >= pace.stopAt) throw new HungUp();
    }
    const t = now();
    await step();
    turn(now() - t, pin, t);
  };
  try {
    await timed(() => phone.dial());
    for (const key of ['1', '1', '1', '1', c.dniKeys, c.last4]) await timed(() => phone.press(key));
    await timed(() => phone.press(c.pin), true);
    const done = ivrText('ivr.onlineBanking.done', 'es', { mobileEnding: c.mobile.slice(-3).split('').join(', ') });
    if (!phone.last?.hangup || !phone.transcript().includes(done)) throw new Error(`branch 1.1 did not end as expected:\n${phone.transcript()}`);
    await timed(async () => {
      const status = await phone.hangUp('completed', 95);
      if (status !== 204) throw new Error(`status callback answered ${status}`);
    });
  } catch (err) {
    if (!(err instanceof HungUp)) throw err;
  }
}

export async function benchIvr(backend: Backend, calls: number, thinkMs: number): Promise<IvrResult> {
  const s = await serve(backend, { publicBaseUrl: BASE });
  const client = new Client(s.base, calls);
  try {
    const transport = loopback(client);
    // Two warm-up calls, `calls` for throughput, at most two a line for latency.
    const callers = await seed(s, 2 + 3 * calls);
    const saturating = callers.slice(2, 2 + calls);
    const paced = callers.slice(2 + calls);
    const ignore = () => undefined;
    // Warm up (JIT, prepared plans, the connection pool), then record one call alone.
    await call(transport, callers[0]!, ignore);
    const solo: { withPin: number[]; withoutPin: number[] } = { withPin: [], withoutPin: [] };
    const statements = await record(() => call(transport, callers[1]!, (ms, pin) => (pin ? solo.withPin : solo.withoutPin).push(ms)));
    // One hash, alone on an idle machine: the unit of the target for turns with a PIN check.
    const hashTimes: number[] = [];
    for (let i = 0; i < 9; i++) {
      const h = now();
      await hashPassword('Bench-temporary-1');
      hashTimes.push(now() - h);
    }

    // The audit sealer runs beside the load phases, as in production (not while the call above was recorded).
    const sealer = await startAuditSealer(s.services, s.app.log);

    // Throughput: every call at once, each key pressed the moment the last answer is in.
    const sat = { withPin: [] as number[], withoutPin: [] as number[] };
    const t0 = now();
    await Promise.all(saturating.map((c) => call(transport, c, (ms, pin) => (pin ? sat.withPin : sat.withoutPin).push(ms))));
    const ms = now() - t0;

    // Latency: `calls` lines, each placing calls one after another, its callers listening
    // `thinkMs` to every prompt; the lines start spread over one call's length, so in the
    // window measured (the second call's length) all of them are mid-call, at every stage.
    const turns = { withPin: [] as number[], withoutPin: [] as number[] };
    const span = TURNS * thinkMs;
    const p0 = now();
    const window = { from: p0 + span, to: p0 + 2 * span };
    let next = 0;
    const line = async () => {
      await sleep(Math.random() * span);
      while (now() < window.to) {
        const c = paced[next++];
        if (!c) throw new Error('not enough callers seeded for the latency phase');
        await call(transport, c, (ms, pin, at) => void (at >= window.from && at < window.to && (pin ? turns.withPin : turns.withoutPin).push(ms)), { thinkMs, stopAt: window.to });
      }
    };
    await Promise.all(Array.from({ length: calls }, line));
    await sealer?.stop();

    // The floor, on the same database: the recorded round trips, the PIN check, the hash.
    await createScratch(s.services.db);
    const pins = keyedHashPinVerifier(s.services.hasher);
    const bare = async (c: Caller) => {
      await replay(s.services.db, statements, c.customer.id);
      const ref = await pins.enroll('pan-hash', c.pin);
      await pins.verify('pan-hash', c.pin, ref);
      for (let i = 0; i < HASHES_PER_CALL; i++) await hashPassword('Bench-temporary-1');
    };
    const f0 = now();
    await Promise.all(saturating.map(bare));
    const floorMs = now() - f0;

    const rate = perSecond(calls, ms);
    const floorRate = perSecond(calls, floorMs);
    return {
      calls,
      seconds: ms / 1000,
      callsPerSecond: rate,
      thinkMs,
      turns: { withPin: latency(turns.withPin), withoutPin: latency(turns.withoutPin) },
      saturatedTurns: { withPin: latency(sat.withPin), withoutPin: latency(sat.withoutPin) },
      soloTurnsMs: { withPin: solo.withPin.map(round), withoutPin: solo.withoutPin.map(round) },
      floor: { seconds: floorMs / 1000, callsPerSecond: floorRate, roundTripsPerCall: tally(statements), oneHashMs: quantile(hashTimes, 0.5) },
      ratio: rate / floorRate,
    };
  } finally {
    client.close();
    await s.close();
  }
}

import { startAuditSealer } from '../src/audit/sealer.ts';
import { hashPassword } from '../src/customers/passwords.ts';
import { keyedHashPinVerifier } from '../src/customers/pin-verifier.ts';
import { DEV_TWILIO_AUTH_TOKEN } from '../src/ivr/settings.ts';
import { BASE, UNLOCK, seedCaller, type Caller } from '../src/ivr/test-fixtures.ts';
import type { Backend } from '../test/helpers/db.ts';
import { serve, type Served } from './lib/app.ts';
import { Client } from './lib/client.ts';
import { clientMode, cpuPer, drive, type CpuPer } from './lib/drive.ts';
import { call, ivrClients, loopback, TURNS, type Dialer } from './lib/ivr-client.ts';
import { createScratch, record, replay, tally, type Statement } from './lib/roundtrips.ts';
import { guardResult, guardStatements, type GuardResult } from './lib/statement-guard.ts';
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
  /** The statement-count guard on the call recorded alone (limit 30). */
  guard: GuardResult;
  /** CPU time per webhook of the throughput phase, by process. */
  cpu: CpuPer;
  /** The same over the whole latency phase (callers listening: a server far from saturation). */
  pacedCpu: CpuPer;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** The argon2id hashes one call of branch 1.1 does: the temporary password (src/ivr/actions.ts). */
const HASHES_PER_CALL = 1;

/** What the load's client needs of a caller (the rest stays on the server side). */
const dialers = (callers: Caller[]): Dialer[] => callers.map(({ mobile, dniKeys, last4, pin }) => ({ mobile, dniKeys, last4, pin }));

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

export async function benchIvr(backend: Backend, calls: number, thinkMs: number): Promise<IvrResult> {
  const s = await serve(backend, { publicBaseUrl: BASE });
  const client = new Client(s.base, calls);
  const line = { publicBase: BASE, to: UNLOCK, token: DEV_TWILIO_AUTH_TOKEN };
  // The load's callers, in a child process unless BENCH_CLIENT=inprocess (bench/lib/drive.ts).
  const clients = drive(clientMode(), new URL('./clients/ivr.ts', import.meta.url), ivrClients, { ...line, base: s.base, connections: calls });
  try {
    const transport = loopback(client);
    // Two warm-up calls, `calls` for throughput, at most two a line for latency, one to warm the load's client.
    const callers = await seed(s, 3 + 3 * calls);
    const saturating = callers.slice(2, 2 + calls);
    const paced = callers.slice(2 + calls, 2 + 3 * calls);
    const ignore = () => undefined;
    // The load's client warms up first (so a child is up and idle before the call recorded alone).
    await clients.run('warm', { callers: dialers(callers.slice(2 + 3 * calls)) });
    // Warm up (JIT, prepared plans, the connection pool), then record one call alone, in this process.
    await call(transport, line, callers[0]!, ignore);
    const solo: { withPin: number[]; withoutPin: number[] } = { withPin: [], withoutPin: [] };
    const statements = await record(() => call(transport, line, callers[1]!, (ms, pin) => (pin ? solo.withPin : solo.withoutPin).push(ms)));
    const guard = guardResult(guardStatements('call', statements));
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
    const saturated = await clients.run('saturate', { callers: dialers(saturating) });
    const sat = saturated.result;
    const ms = sat.ms;

    // Latency: `calls` lines, each placing calls one after another, its callers listening
    // `thinkMs` to every prompt (bench/lib/ivr-client.ts).
    const listened = await clients.run('paced', { callers: dialers(paced), lines: calls, thinkMs });
    const turns = listened.result;
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
      guard,
      cpu: cpuPer('webhook', calls * TURNS, saturated, clients.mode),
      pacedCpu: cpuPer('webhook', turns.webhooks, listened, clients.mode),
    };
  } finally {
    await clients.close();
    client.close();
    await s.close();
  }
}

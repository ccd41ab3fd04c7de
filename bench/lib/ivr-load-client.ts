import { setTimeout as sleep } from 'node:timers/promises';
import { Softphone, type Heard, type Transport } from '../../src/ivr/softphone.ts';
import { ivrText } from '../../src/ivr/text.ts';
import { Client } from './client.ts';
import type { Build } from './drive.ts';
import type { Dialer, IvrSetup, Turns } from './ivr-client.ts';
import { now } from './stats.ts';

/**
 * The callers of the `ivr-load` scenario (bench/ivr-load.ts), run in a process of their own
 * (bench/clients/ivr-load.ts). `lines` lines each place calls one after another, every caller
 * listening `thinkMs` to each prompt before pressing. Nine calls in ten go to branch 2 (a
 * blocked operation) with the caller's DNI and a reference that is none of theirs, and end at
 * the generic refusal; one in ten goes through branch 1.1 to the PIN turn and its end. Against
 * the bare floor the same calls press the same keys, and every answer must be a Gather.
 */

/** A caller of the load: a seeded customer, and an operation reference that is not theirs. */
export interface LoadDialer extends Dialer {
  wrongReference: string;
}

/** Errors of the phase, each kind counted over every webhook sent (not only the window's). */
export interface LoadErrors {
  /** Answers that were not 2xx. */
  non2xx: number;
  /** Requests that got no answer (connection refused or reset, a socket error). */
  socket: number;
  /** 2xx answers whose TwiML was not what the caller should hear at that point. */
  unexpectedTwiml: number;
  /** Lines that ran out of seeded callers (a bench sizing error, not the server's). */
  starvedLines: number;
  /** The first few, for the report. */
  samples: string[];
}

export interface LoadResult {
  /** Turns started in the window (every line mid-call), the PIN turn apart. */
  turns: Turns;
  /** Webhooks started in the window. */
  webhooks: number;
  /** Webhooks sent in the whole phase. */
  webhooksAll: number;
  /** Calls placed in the whole phase, by branch. */
  calls: { refusal: number; pin: number };
  windowMs: number;
  errors: LoadErrors;
}

/** Webhooks of a call that ends at the generic refusal of branch 2: the dial, five keys, the status callback. */
export const REFUSAL_TURNS = 7;
/** Webhooks of a call of branch 1.1 (bench/lib/ivr-client.ts): the dial, seven keys (the last one the PIN), the status callback. */
export const PIN_TURNS = 9;

class Failed extends Error {
  constructor(
    readonly kind: 'non2xx' | 'socket' | 'unexpectedTwiml',
    message: string,
  ) {
    super(message);
  }
}
class HungUp extends Error {}

/** Every webhook's answer checked for its status; a failed request is a socket error. */
function checked(client: Client): Transport {
  return async (url, form, signature) => {
    const target = new URL(url);
    let res;
    try {
      res = await client.request('POST', target.pathname + target.search, { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, form);
    } catch (err) {
      throw new Failed('socket', `${target.pathname}: ${String(err)}`);
    }
    if (res.status < 200 || res.status > 299) throw new Failed('non2xx', `${target.pathname} answered ${res.status}: ${res.body.slice(0, 200)}`);
    return { statusCode: res.status, body: res.body };
  };
}

interface CallPlan {
  c: LoadDialer;
  pin: boolean;
  /** Against the floor, whose every answer is the same Gather. */
  floor: boolean;
  thinkMs: number;
  stopAt: number;
}

/** One call; `turn` gets each webhook's latency, its start and whether it checked the PIN. */
async function loadCall(transport: Transport, setup: IvrSetup, plan: CallPlan, turn: (ms: number, pin: boolean, at: number) => void): Promise<void> {
  const { c } = plan;
  const phone = new Softphone(transport, { base: setup.publicBase, token: setup.token, to: setup.to, from: c.mobile });
  const expectGather = (h: Heard, what: string) => {
    if (!h.gather) throw new Failed('unexpectedTwiml', `${what}: no Gather in ${h.xml.slice(0, 300)}`);
  };
  const timed = async <T>(step: () => Promise<T>, pin = false): Promise<T> => {
    await sleep(plan.thinkMs);
    if (now() >= plan.stopAt) throw new HungUp();
    const t = now();
    const r = await step();
    turn(now() - t, pin, t);
    return r;
  };
  const keys = plan.pin ? ['1', '1', '1', '1', c.dniKeys, c.last4] : ['1', '2', '1', c.dniKeys];
  expectGather(await timed(() => phone.dial()), 'the dial');
  for (const key of keys) expectGather(await timed(() => phone.press(key)), `key ${key}`);
  if (plan.pin) {
    const end = await timed(() => phone.press(c.pin), true);
    if (plan.floor) expectGather(end, 'the PIN');
    else if (!end.hangup || !phone.transcript().includes(ivrText('ivr.onlineBanking.done', 'es', { mobileEnding: c.mobile.slice(-3).split('').join(', ') }))) {
      throw new Failed('unexpectedTwiml', `branch 1.1 did not end as expected: ${end.xml.slice(0, 300)}`);
    }
  } else {
    const refusal = await timed(() => phone.press(c.wrongReference));
    expectGather(refusal, 'the reference');
    if (!plan.floor && !refusal.says.some((s) => s.text === ivrText('ivr.verify.failed', 'es'))) {
      throw new Failed('unexpectedTwiml', `branch 2 did not refuse as expected: ${refusal.xml.slice(0, 300)}`);
    }
  }
  // The caller hangs up; the provider's status callback closes the call.
  await timed(() => phone.hangUp('completed', 60));
}

export const ivrLoadClients: Build<IvrSetup, ReturnType<typeof phasesOf>> = (setup, ask) => {
  const client = new Client(setup.base, setup.connections);
  return { phases: phasesOf(setup, checked(client), ask), close: () => client.close() };
};

function phasesOf(setup: IvrSetup, transport: Transport, ask: (what: string, arg?: unknown) => Promise<unknown>) {
  return {
    /** `count` calls at once, nobody listening, nothing measured: the server's and the client's warm-up. */
    async warm(job: { callers: LoadDialer[]; floor: boolean }): Promise<null> {
      await Promise.all(job.callers.map((c, i) => loadCall(transport, setup, { c, pin: i % 10 === 9, floor: job.floor, thinkMs: 0, stopAt: Infinity }, () => undefined)));
      return null;
    },

    /**
     * The load: `lines` lines, each placing calls one after another (every tenth call of the
     * whole a branch 1.1 call to the PIN turn, the others branch 2 to the refusal), the lines
     * started spread over the longest call's length, so that in the window measured (the next
     * such length) every line is mid-call. The server side is told when the window opens and
     * closes (`ask('window', …)`), to read the server's CPU time there.
     */
    async load(job: { callers: LoadDialer[]; lines: number; thinkMs: number; floor: boolean }): Promise<LoadResult> {
      const t: Turns = { withPin: [], withoutPin: [] };
      const errors: LoadErrors = { non2xx: 0, socket: 0, unexpectedTwiml: 0, starvedLines: 0, samples: [] };
      const span = PIN_TURNS * job.thinkMs;
      const p0 = now();
      const window = { from: p0 + span, to: p0 + 2 * span };
      const marks = (async () => {
        await sleep(span);
        await ask('window', 'open');
        await sleep(window.to - now());
        await ask('window', 'close');
      })();
      let next = 0;
      let webhooks = 0;
      let webhooksAll = 0;
      const calls = { refusal: 0, pin: 0 };
      const turn = (ms: number, pin: boolean, at: number) => {
        webhooksAll++;
        if (at >= window.from && at < window.to) {
          webhooks++;
          (pin ? t.withPin : t.withoutPin).push(ms);
        }
      };
      const line = async () => {
        await sleep(Math.random() * span);
        while (now() < window.to) {
          const k = next++;
          const c = job.callers[k];
          if (!c) return void errors.starvedLines++;
          const pin = k % 10 === 9;
          calls[pin ? 'pin' : 'refusal']++;
          try {
            await loadCall(transport, setup, { c, pin, floor: job.floor, thinkMs: job.thinkMs, stopAt: window.to }, turn);
          } catch (err) {
            if (err instanceof HungUp) continue;
            // The failed webhook went out too; the caller hangs up and the line places its next call.
            webhooksAll++;
            const kind = err instanceof Failed ? err.kind : 'unexpectedTwiml';
            errors[kind]++;
            if (errors.samples.length < 5) errors.samples.push(String(err instanceof Error ? err.message : err));
          }
        }
      };
      await Promise.all(Array.from({ length: job.lines }, line));
      await marks;
      return { turns: t, webhooks, webhooksAll, calls, windowMs: span, errors };
    },
  };
}

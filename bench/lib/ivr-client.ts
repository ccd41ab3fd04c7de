import { setTimeout as sleep } from 'node:timers/promises';
import { Softphone, type Transport } from '../../src/ivr/softphone.ts';
import { ivrText } from '../../src/ivr/text.ts';
import { Client } from './client.ts';
import type { Build } from './drive.ts';
import { now } from './stats.ts';

/**
 * The IVR's callers (bench/ivr.ts), the same code in the bench's process or in a child
 * (bench/clients/ivr.ts): softphones that sign their webhooks as Twilio does and parse the TwiML.
 */

/** What a caller of branch 1.1 types and is called from: all the client knows of a seeded caller. */
export interface Dialer {
  mobile: string;
  dniKeys: string;
  last4: string;
  pin: string;
}

export interface IvrSetup {
  /** The server, `http://127.0.0.1:<port>`. */
  base: string;
  /** The public URL the webhooks are signed over, as Twilio signs them. */
  publicBase: string;
  /** The line dialled. */
  to: string;
  token: string;
  connections: number;
}

/** Turn latencies (ms) of the webhooks sent, the PIN turn apart. */
export interface Turns {
  withPin: number[];
  withoutPin: number[];
}

/** The webhooks go to the local server; the signature stays over the public URL, as Twilio signs it. */
export function loopback(client: Client): Transport {
  return async (url, form, signature) => {
    const target = new URL(url);
    const res = await client.request('POST', target.pathname + target.search, { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, form);
    return { statusCode: res.status, body: res.body };
  };
}

/** Webhooks of one call: the dial, seven keys (the last one the PIN), the status callback. */
export const TURNS = 9;

class HungUp extends Error {}

/**
 * One call of branch 1.1; `turn` gets each webhook's latency, its start and whether it checked
 * the PIN. With `pace`, the caller listens `thinkMs` before each webhook and hangs up mid-call
 * once `stopAt` has passed.
 */
export async function call(transport: Transport, line: Omit<IvrSetup, 'base' | 'connections'>, c: Dialer, turn: (ms: number, pin: boolean, at: number) => void, pace?: { thinkMs: number; stopAt: number }): Promise<void> {
  const phone = new Softphone(transport, { base: line.publicBase, token: line.token, to: line.to, from: c.mobile });
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

const into = (t: Turns) => (ms: number, pin: boolean) => void (pin ? t.withPin : t.withoutPin).push(ms);

export const ivrClients: Build<IvrSetup, ReturnType<typeof phasesOf>> = (setup) => {
  const client = new Client(setup.base, setup.connections);
  return { phases: phasesOf(setup, loopback(client)), close: () => client.close() };
};

function phasesOf(setup: IvrSetup, transport: Transport) {
  return {
    /** Calls one after another, nothing measured (the client's own warm-up). */
    async warm(job: { callers: Dialer[] }): Promise<null> {
      for (const c of job.callers) await call(transport, setup, c, () => undefined);
      return null;
    },

    /** Throughput: every call at once, each key pressed the moment the last answer is in. */
    async saturate(job: { callers: Dialer[] }): Promise<Turns & { ms: number }> {
      const t: Turns = { withPin: [], withoutPin: [] };
      const t0 = now();
      await Promise.all(job.callers.map((c) => call(transport, setup, c, into(t))));
      return { ...t, ms: now() - t0 };
    },

    /**
     * Latency: `lines` lines, each placing calls one after another, its callers listening
     * `thinkMs` to every prompt; the lines start spread over one call's length, so in the
     * window measured (the second call's length) all of them are mid-call, at every stage.
     * Answers the turns started in the window, and how many webhooks went out in all.
     */
    async paced(job: { callers: Dialer[]; lines: number; thinkMs: number }): Promise<Turns & { webhooks: number }> {
      const t: Turns = { withPin: [], withoutPin: [] };
      const span = TURNS * job.thinkMs;
      const p0 = now();
      const window = { from: p0 + span, to: p0 + 2 * span };
      let next = 0;
      let webhooks = 0;
      const line = async () => {
        await sleep(Math.random() * span);
        while (now() < window.to) {
          const c = job.callers[next++];
          if (!c) throw new Error('not enough callers seeded for the latency phase');
          await call(transport, setup, c, (ms, pin, at) => void (webhooks++, at >= window.from && at < window.to && into(t)(ms, pin)), { thinkMs: job.thinkMs, stopAt: window.to });
        }
      };
      await Promise.all(Array.from({ length: job.lines }, line));
      return { ...t, webhooks };
    },
  };
}

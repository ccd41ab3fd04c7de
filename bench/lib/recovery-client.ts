import type { Challenge } from 'altcha-lib/types';
import { solvePayload } from '../../src/selfservice/test-support.ts';
import { Client, CookieJar } from './client.ts';
import type { Ask, Build } from './drive.ts';
import { pool } from './stats.ts';

/**
 * The web recovery's browsers (bench/recovery.ts), the same code in the bench's process or in a
 * child (bench/clients/recovery.ts): a cookie jar, the CSRF token, the captcha solved with
 * altcha-lib, document + card + PIN, the SMS code, the code confirmed.
 */

/** What the person recovering types: all the client knows of a seeded holder. */
export interface Applicant {
  document: string;
  pan: string;
  pin: string;
  mobile: string;
}

/** The code of the SMS sent to a mobile, however the client gets to read it. */
export type CodeOf = (mobile: string) => Promise<string>;

export async function recover(client: Client, a: Applicant, codeOf: CodeOf): Promise<void> {
  const jar = new CookieJar();
  const send = async (method: 'GET' | 'POST', path: string, token?: string, body?: object) => {
    const headers: Record<string, string> = { ...jar.header(), ...(token ? { 'x-csrf-token': token } : {}), ...(body ? { 'content-type': 'application/json' } : {}) };
    const res = await client.request(method, path, headers, body ? JSON.stringify(body) : undefined);
    jar.take(res);
    if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  };
  const { token } = (await send('GET', '/api/csrf')) as { token: string };
  const altcha = await solvePayload((await send('GET', '/api/recovery/captcha')) as unknown as Challenge);
  const started = await send('POST', '/api/recovery/start', token, { documentType: 'DNI', document: a.document, pan: a.pan, pin: a.pin, altcha });
  if (started.step !== 'code_sent') throw new Error(`start answered ${JSON.stringify(started)}`);
  const done = await send('POST', '/api/recovery/confirm', token, { code: await codeOf(a.mobile) });
  if (done.step !== 'done') throw new Error(`confirm answered ${JSON.stringify(done)}`);
}

/**
 * Retries `attempt` until it answers (every 10 ms, 200 times at most): recoveries run side by
 * side, each having the outbox delivered, and another's round may hold this SMS under its lease
 * for a moment.
 */
export async function retried(attempt: () => Promise<string>): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= 200) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/**
 * The code as a person trying the app in dev mode reads it: the server is asked to deliver its
 * outbox (`deliver`: the app's own delivery code, run in the server's process, where its worker
 * would run it), then the newest SMS to the mobile is read from the dev sink's route.
 */
export function codeFromSinkRoute(client: Client, ask: Ask): CodeOf {
  return (mobile) =>
    retried(async () => {
      await ask('deliver');
      const res = await client.request('GET', `/api/dev/messages?channel=sms&limit=1&to=${encodeURIComponent(mobile)}`);
      if (res.status !== 200) throw new Error(`GET /api/dev/messages answered ${res.status}: ${res.body}`);
      const body = (JSON.parse(res.body) as { messages: { body: string }[] }).messages[0]?.body ?? '';
      const m = /(\d{6,10})/.exec(body);
      if (!m) throw new Error(`no code in the SMS to ${mobile}: ${body}`);
      return m[1]!;
    });
}

export interface RecoverySetup {
  base: string;
  connections: number;
  /** `sink-route`: as above; `server`: the server side delivers and reads the code itself (`ask('code', mobile)`), as the in-process bench always did. */
  codeVia: 'sink-route' | 'server';
}

export const recoveryClients: Build<RecoverySetup, ReturnType<typeof phasesOf>> = (setup, ask) => {
  const client = new Client(setup.base, setup.connections);
  const codeOf: CodeOf = setup.codeVia === 'sink-route' ? codeFromSinkRoute(client, ask) : async (mobile) => String(await ask('code', mobile));
  return { phases: phasesOf(client, codeOf), close: () => client.close() };
};

function phasesOf(client: Client, codeOf: CodeOf) {
  return {
    /** Recoveries one after another, nothing measured (the client's own warm-up). */
    async warm(job: { applicants: Applicant[] }): Promise<null> {
      for (const a of job.applicants) await recover(client, a, codeOf);
      return null;
    },
    /** The applicants' recoveries, at most `concurrency` at once: the wall time in ms. */
    async recoveries(job: { applicants: Applicant[]; concurrency: number }): Promise<{ ms: number }> {
      return { ms: await pool(job.applicants.length, job.concurrency, (i) => recover(client, job.applicants[i]!, codeOf)) };
    },
  };
}

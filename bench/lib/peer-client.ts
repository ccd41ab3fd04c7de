import { Client } from './client.ts';
import type { Build } from './drive.ts';
import { pool } from './stats.ts';

/**
 * The peer's clients (bench/peer/), the same code in the bench's process or in a child
 * (bench/clients/peer.ts): better-auth's phone-number OTP password reset over HTTP.
 */

export const NEW_PASSWORD = 'Bench-new-password-1';

/** The header the client names its address in (ours reads the socket's; here it goes through the handler's Request). */
export const ADDRESS_HEADER = 'x-forwarded-for';

/** The peer's dev route: the newest message its SMS hook wrote to a number (bench/peer/auth.ts). */
export const OUTBOX_ROUTE = '/dev/outbox';

export type Send = (path: string, body: object) => Promise<Record<string, unknown>>;

export function sender(base: string, client: Client): Send {
  const headers = { 'content-type': 'application/json', origin: base, [ADDRESS_HEADER]: '127.0.0.1' };
  return async (path, body) => {
    const res = await client.request('POST', `/api/auth${path}`, headers, JSON.stringify(body));
    if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  };
}

/** The 6-digit code in a message of the SMS hook. */
export function codeIn(body: string | undefined, phone: string): string {
  const m = /(\d{6})/.exec(body ?? '');
  if (!m) throw new Error(`no code in the outbox for ${phone}`);
  return m[1]!;
}

export async function reset(send: Send, phone: string, codeOf: (phone: string) => Promise<string>): Promise<void> {
  const requested = await send('/phone-number/request-password-reset', { phoneNumber: phone });
  if (requested.status !== true) throw new Error(`request-password-reset answered ${JSON.stringify(requested)}`);
  const otp = await codeOf(phone);
  const done = await send('/phone-number/reset-password', { phoneNumber: phone, otp, newPassword: NEW_PASSWORD });
  if (done.status !== true) throw new Error(`reset-password answered ${JSON.stringify(done)}`);
}

export interface PeerSetup {
  base: string;
  connections: number;
  /** `route`: the code read from the peer's dev route over HTTP; `server`: read on the server side (`ask('code', phone)`), as the in-process bench always did. */
  codeVia: 'route' | 'server';
}

export const peerClients: Build<PeerSetup, ReturnType<typeof phasesOf>> = (setup, ask) => {
  const client = new Client(setup.base, setup.connections);
  const fromRoute = async (phone: string) => {
    const res = await client.request('GET', `${OUTBOX_ROUTE}?to=${encodeURIComponent(phone)}`);
    if (res.status !== 200) throw new Error(`GET ${OUTBOX_ROUTE} answered ${res.status}: ${res.body}`);
    return codeIn((JSON.parse(res.body) as { body?: string }).body, phone);
  };
  const codeOf = setup.codeVia === 'route' ? fromRoute : async (phone: string) => String(await ask('code', phone));
  return { phases: phasesOf(sender(setup.base, client), codeOf), close: () => client.close() };
};

function phasesOf(send: Send, codeOf: (phone: string) => Promise<string>) {
  return {
    /** Resets one after another, nothing measured (the client's own warm-up). */
    async warm(job: { phones: string[] }): Promise<null> {
      for (const phone of job.phones) await reset(send, phone, codeOf);
      return null;
    },
    /** The resets of these phones, at most `concurrency` at once: the wall time in ms. */
    async resets(job: { phones: string[]; concurrency: number }): Promise<{ ms: number }> {
      return { ms: await pool(job.phones.length, job.concurrency, (i) => reset(send, job.phones[i]!, codeOf)) };
    },
  };
}

import type { Challenge } from 'altcha-lib/types';
import { hashPassword } from '../src/customers/passwords.ts';
import { seedHolder, smsCode, solvePayload, type Holder } from '../src/selfservice/test-support.ts';
import type { Backend } from '../test/helpers/db.ts';
import { serve, type Served } from './lib/app.ts';
import { Client, CookieJar } from './lib/client.ts';
import { record, tally, type Statement } from './lib/roundtrips.ts';
import { guardStatements } from './lib/statement-guard.ts';
import { perSecond, pool } from './lib/stats.ts';

/**
 * Web recovery: whole recoveries over HTTP, as a browser does them (CSRF token, captcha solved
 * with altcha-lib, document + card + PIN, the SMS code read from the dev sink after the outbox
 * delivered it, the code confirmed). The floor: the argon2id hashes a recovery must do (the
 * temporary password, src/selfservice/credentials.ts), bare, with the same concurrency.
 */
export interface RecoveryResult {
  recoveries: number;
  concurrency: number;
  seconds: number;
  recoveriesPerSecond: number;
  floor: { seconds: number; recoveriesPerSecond: number; hashesPerRecovery: number };
  /** What one recovery, done alone, asks of the database (the SMS delivery included). */
  roundTripsPerRecovery: Record<Statement, number>;
  ratio: number;
}

const HASHES_PER_RECOVERY = 1;

/** The captcha's proof of work is the client's cost, not the server's: kept at its minimum. */
const CAPTCHA_MAX_NUMBER = 1000;

async function recover(s: Served, client: Client, h: Holder): Promise<void> {
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
  const started = await send('POST', '/api/recovery/start', token, { documentType: 'DNI', document: h.customer.document_number, pan: h.pan, pin: h.pin, altcha });
  if (started.step !== 'code_sent') throw new Error(`start answered ${JSON.stringify(started)}`);
  const done = await send('POST', '/api/recovery/confirm', token, { code: await codeOnceDelivered(s, h.customer.mobile!) });
  if (done.step !== 'done') throw new Error(`confirm answered ${JSON.stringify(done)}`);
}

/**
 * The code of the SMS once it is out. Recoveries run side by side, each delivering the outbox
 * (`deliverDue`): another's round may hold this SMS under its lease for a moment, so look again.
 */
async function codeOnceDelivered(s: Served, mobile: string): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      return await smsCode(s.services, mobile);
    } catch (err) {
      if (i >= 200) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export async function benchRecovery(backend: Backend, recoveries: number, concurrency: number): Promise<RecoveryResult> {
  const s = await serve(backend, { 'web.captchaMaxNumber': CAPTCHA_MAX_NUMBER });
  const client = new Client(s.base, concurrency);
  try {
    const holders: Holder[] = [];
    for (let i = 0; i < recoveries + 2; i++) holders.push(await seedHolder(s.services));
    // Two warm-up recoveries (the second recorded), then the measured ones.
    await recover(s, client, holders[0]!);
    const statements = await record(() => recover(s, client, holders[1]!));
    guardStatements('recovery', statements);
    const ms = await pool(recoveries, concurrency, (i) => recover(s, client, holders[i + 2]!));
    const floorMs = await pool(recoveries * HASHES_PER_RECOVERY, concurrency, async () => void (await hashPassword('Bench-temporary-1')));
    const rate = perSecond(recoveries, ms);
    const floorRate = perSecond(recoveries, floorMs);
    return {
      recoveries,
      concurrency,
      seconds: ms / 1000,
      recoveriesPerSecond: rate,
      floor: { seconds: floorMs / 1000, recoveriesPerSecond: floorRate, hashesPerRecovery: HASHES_PER_RECOVERY },
      roundTripsPerRecovery: tally(statements),
      ratio: rate / floorRate,
    };
  } finally {
    client.close();
    await s.close();
  }
}

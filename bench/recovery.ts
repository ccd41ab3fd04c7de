import { startAuditSealer } from '../src/audit/sealer.ts';
import { hashPassword } from '../src/customers/passwords.ts';
import { deliverDue } from '../src/notify/deliver.ts';
import { testDeliveryDeps } from '../src/notify/test-support.ts';
import { seedHolder, smsCode, type Holder } from '../src/selfservice/test-support.ts';
import type { Backend } from '../test/helpers/db.ts';
import { serve, type Served } from './lib/app.ts';
import { Client } from './lib/client.ts';
import { clientMode, cpuPer, drive, type Answer, type CpuPer } from './lib/drive.ts';
import { recover, recoveryClients, retried, type Applicant } from './lib/recovery-client.ts';
import { record, tally, type Statement } from './lib/roundtrips.ts';
import { guardResult, guardStatements, type GuardResult } from './lib/statement-guard.ts';
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
  /** The statement-count guard on the recovery recorded alone (limit 28). */
  guard: GuardResult;
  /** CPU time per measured recovery, by process. */
  cpu: CpuPer;
}

const HASHES_PER_RECOVERY = 1;

/** The captcha's proof of work is the client's cost, not the server's: kept at its minimum. */
const CAPTCHA_MAX_NUMBER = 1000;

/** What the load's client needs of a holder (the rest stays on the server side). */
const applicant = (h: Holder): Applicant => ({ document: h.customer.document_number, pan: h.pan, pin: h.pin, mobile: h.customer.mobile! });

/** The code of the SMS once it is out, delivered and read on the server side (`smsCode`), as the bench always did in process. */
const codeOnceDelivered = (s: Served, mobile: string) => retried(() => smsCode(s.services, mobile));

export async function benchRecovery(backend: Backend, recoveries: number, concurrency: number): Promise<RecoveryResult> {
  const s = await serve(backend, { 'web.captchaMaxNumber': CAPTCHA_MAX_NUMBER });
  const client = new Client(s.base, concurrency);
  // The load's browsers, in a child process unless BENCH_CLIENT=inprocess (bench/lib/drive.ts).
  // The server side delivers the outbox when a child asks (the code is then read from the dev
  // sink's route), or delivers and reads the code itself for an in-process client, as before.
  const mode = clientMode();
  const answer: Answer = async (what, arg) => {
    if (what === 'deliver') return void (await deliverDue(testDeliveryDeps(s.services)));
    if (what === 'code') return codeOnceDelivered(s, String(arg));
    throw new Error(`no answer to ${what}`);
  };
  const clients = drive(mode, new URL('./clients/recovery.ts', import.meta.url), recoveryClients, { base: s.base, connections: concurrency, codeVia: mode === 'child' ? 'sink-route' : 'server' }, answer);
  try {
    const holders: Holder[] = [];
    for (let i = 0; i < recoveries + 3; i++) holders.push(await seedHolder(s.services));
    // Two warm-up recoveries in this process (the second recorded), one to warm the load's client, then the measured ones.
    const codeOf = (mobile: string) => codeOnceDelivered(s, mobile);
    await recover(client, applicant(holders[0]!), codeOf);
    const statements = await record(() => recover(client, applicant(holders[1]!), codeOf));
    const guard = guardResult(guardStatements('recovery', statements));
    await clients.run('warm', { applicants: [applicant(holders[recoveries + 2]!)] });
    // The audit sealer runs beside the measured recoveries, as in production (not while one was recorded).
    const sealer = await startAuditSealer(s.services, s.app.log);
    const measured = await clients.run('recoveries', { applicants: holders.slice(2, recoveries + 2).map(applicant), concurrency });
    await sealer?.stop();
    const ms = measured.result.ms;
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
      guard,
      cpu: cpuPer('recovery', recoveries, measured, clients.mode),
    };
  } finally {
    await clients.close();
    client.close();
    await s.close();
  }
}

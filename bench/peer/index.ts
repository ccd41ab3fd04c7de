import { hashPassword, verifyPassword } from '../../src/customers/passwords.ts';
import { freshDatabase, type Backend, type TestDatabase } from '../../test/helpers/db.ts';
import { Client } from '../lib/client.ts';
import { record, tally, type Statement } from '../lib/roundtrips.ts';
import { perSecond, pool } from '../lib/stats.ts';
import { clientMode, cpuPer, drive, type CpuPer, type Driver } from '../lib/drive.ts';
import { codeIn, NEW_PASSWORD, peerClients, reset, sender } from '../lib/peer-client.ts';
import { newestMessage, servePeer, type PeerServer } from './auth.ts';

/**
 * The peer (issue 16 §5): the same password reset as our web recovery, done by better-auth's
 * phone-number plugin on the same database server, over HTTP, with the same count and
 * concurrency as the `recovery` scenario. A reset: the customer names their phone number, the
 * library issues a code and hands it to its SMS hook (an outbox row), the client reads the code
 * there, and sends it with the new password; the library checks the code and hashes and sets the
 * password (one argon2id hash, ours, at our parameters). The floor is the same as recovery's:
 * that one hash, bare, at the same concurrency.
 */
export interface PeerResult {
  library: string;
  resets: number;
  concurrency: number;
  seconds: number;
  resetsPerSecond: number;
  floor: { seconds: number; resetsPerSecond: number; hashesPerReset: number };
  /** What one reset, done alone, asks of the database (the client's read of the code included). */
  roundTripsPerReset: Record<Statement, number>;
  ratio: number;
  /** CPU time per measured reset, by process. */
  cpu: CpuPer;
}

const LIBRARY = 'better-auth 1.7.29 (phone-number plugin)';
const HASHES_PER_RESET = 1;
const phoneOf = (i: number) => `+34699${String(i).padStart(6, '0')}`;

/** The code of the newest SMS to `phone` in the outbox (written before the request answered), read here. */
const codeFromOutbox = async (database: TestDatabase, phone: string) => codeIn(await newestMessage(database, phone), phone);

/** Customers with a verified phone number and a password (one argon2id hash of ours, shared). */
async function seed(peer: PeerServer, count: number): Promise<void> {
  const ctx = await peer.auth.$context;
  const password = await hashPassword('Bench-old-password-1');
  for (let i = 0; i < count; i++) {
    const user = await ctx.internalAdapter.createUser({ name: `Customer ${i}`, email: `peer${i}@ebcc.es`, phoneNumber: phoneOf(i), phoneNumberVerified: true }, { method: 'admin' });
    await ctx.internalAdapter.createAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password });
  }
}

/** The reset took: the stored hash is ours (argon2id, our parameters) and verifies the new password. */
async function checkReset(peer: PeerServer, phone: string): Promise<void> {
  const ctx = await peer.auth.$context;
  const user = await ctx.adapter.findOne<{ id: string }>({ model: 'user', where: [{ field: 'phoneNumber', value: phone }] });
  const stored = user ? (await ctx.internalAdapter.findCredentialAccount(user.id))?.password : undefined;
  if (!stored?.startsWith('$argon2id$v=19$m=19456,t=2,p=1$') || !(await verifyPassword(stored, NEW_PASSWORD))) {
    throw new Error(`the reset of ${phone} did not set the new password with our argon2id (stored: ${stored?.slice(0, 32) ?? 'nothing'})`);
  }
}

export async function benchPeer(backend: Backend, resets: number, concurrency: number): Promise<PeerResult> {
  const database = await freshDatabase(backend);
  let peer: PeerServer | undefined;
  let client: Client | undefined;
  let clients: Driver<ReturnType<typeof peerClients>['phases']> | undefined;
  try {
    peer = await servePeer(database);
    client = new Client(peer.base, concurrency);
    const send = sender(peer.base, client);
    const codeOf = (phone: string) => codeFromOutbox(database, phone);
    // The load's clients, in a child process unless BENCH_CLIENT=inprocess (bench/lib/drive.ts),
    // as for our recovery: a child reads the code from the peer's dev route, an in-process client here.
    const mode = clientMode();
    clients = drive(mode, new URL('../clients/peer.ts', import.meta.url), peerClients, { base: peer.base, connections: concurrency, codeVia: mode === 'child' ? 'route' : 'server' }, async (_what, phone) => codeOf(String(phone)));
    await seed(peer, resets + 3);
    // Two warm-up resets in this process (the second recorded, and both checked), one to warm the load's client, then the measured ones.
    await reset(send, phoneOf(0), codeOf);
    const statements = await record(() => reset(send, phoneOf(1), codeOf));
    for (const i of [0, 1]) await checkReset(peer, phoneOf(i));
    await clients.run('warm', { phones: [phoneOf(resets + 2)] });
    const measured = await clients.run('resets', { phones: Array.from({ length: resets }, (_, i) => phoneOf(i + 2)), concurrency });
    const ms = measured.result.ms;
    await checkReset(peer, phoneOf(resets + 1));
    const floorMs = await pool(resets * HASHES_PER_RESET, concurrency, async () => void (await hashPassword(NEW_PASSWORD)));
    const rate = perSecond(resets, ms);
    const floorRate = perSecond(resets, floorMs);
    return {
      library: LIBRARY,
      resets,
      concurrency,
      seconds: ms / 1000,
      resetsPerSecond: rate,
      floor: { seconds: floorMs / 1000, resetsPerSecond: floorRate, hashesPerReset: HASHES_PER_RESET },
      roundTripsPerReset: tally(statements),
      ratio: rate / floorRate,
      cpu: cpuPer('reset', resets, measured, mode),
    };
  } finally {
    await clients?.close();
    client?.close();
    await peer?.close();
    await database.drop();
  }
}

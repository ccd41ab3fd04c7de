import { sql } from 'kysely';
import { hashPassword, verifyPassword } from '../../src/customers/passwords.ts';
import { freshDatabase, type Backend, type TestDatabase } from '../../test/helpers/db.ts';
import { Client } from '../lib/client.ts';
import { record, tally, type Statement } from '../lib/roundtrips.ts';
import { perSecond, pool } from '../lib/stats.ts';
import { ADDRESS_HEADER, servePeer, type PeerServer } from './auth.ts';

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
}

const LIBRARY = 'better-auth 1.7.29 (phone-number plugin)';
const HASHES_PER_RESET = 1;
const NEW_PASSWORD = 'Bench-new-password-1';
const phoneOf = (i: number) => `+34699${String(i).padStart(6, '0')}`;

type Send = (path: string, body: object) => Promise<Record<string, unknown>>;

function sender(peer: PeerServer, client: Client): Send {
  const headers = { 'content-type': 'application/json', origin: peer.base, [ADDRESS_HEADER]: '127.0.0.1' };
  return async (path, body) => {
    const res = await client.request('POST', `/api/auth${path}`, headers, JSON.stringify(body));
    if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  };
}

/** The code of the newest SMS to `phone` in the outbox (written before the request answered). */
async function codeFromOutbox(database: TestDatabase, phone: string): Promise<string> {
  const { rows } = await sql<{ body: string }>`select body from peer_outbox where recipient = ${phone} order by id desc limit 1`.execute(database.db);
  const m = /(\d{6})/.exec(rows[0]?.body ?? '');
  if (!m) throw new Error(`no code in the outbox for ${phone}`);
  return m[1]!;
}

async function reset(database: TestDatabase, send: Send, phone: string): Promise<void> {
  const requested = await send('/phone-number/request-password-reset', { phoneNumber: phone });
  if (requested.status !== true) throw new Error(`request-password-reset answered ${JSON.stringify(requested)}`);
  const otp = await codeFromOutbox(database, phone);
  const done = await send('/phone-number/reset-password', { phoneNumber: phone, otp, newPassword: NEW_PASSWORD });
  if (done.status !== true) throw new Error(`reset-password answered ${JSON.stringify(done)}`);
}

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
  try {
    peer = await servePeer(database);
    client = new Client(peer.base, concurrency);
    const send = sender(peer, client);
    await seed(peer, resets + 2);
    // Two warm-up resets (the second recorded, and both checked), then the measured ones.
    await reset(database, send, phoneOf(0));
    const statements = await record(() => reset(database, send, phoneOf(1)));
    for (const i of [0, 1]) await checkReset(peer, phoneOf(i));
    const ms = await pool(resets, concurrency, (i) => reset(database, send, phoneOf(i + 2)));
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
    };
  } finally {
    client?.close();
    await peer?.close();
    await database.drop();
  }
}

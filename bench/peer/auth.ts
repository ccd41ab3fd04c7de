import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { phoneNumber } from 'better-auth/plugins/phone-number';
import { sql, type Kysely } from 'kysely';
import { hashPassword, verifyPassword } from '../../src/customers/passwords.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { ADDRESS_HEADER, OUTBOX_ROUTE } from '../lib/peer-client.ts';

/**
 * The peer of our web recovery (issue 16 §5): better-auth with its phone-number plugin, serving
 * the plugin's OTP password reset over node:http on a loopback port. Configured the way a bank
 * would run it, and as close to ours as the library allows:
 * - passwords hashed and checked by the very argon2id call of ours (src/customers/passwords.ts);
 * - the SMS written, in the library's hook, to an outbox table of the same database, where the
 *   client reads the code (ours writes its outbox in the same transaction and delivers it);
 * - the reset's writes in one transaction (`transaction: true`), the customer's sessions ended
 *   with it (`revokeSessionsOnPasswordReset`: ours ends the open online-banking sessions);
 * - rate limiting on, counted in the database on PostgreSQL and in memory on PGlite (ours picks
 *   its store the same way), with limits out of reach (ours has its limits relaxed in the bench).
 */

const SECRET = 'bench-peer-secret-0123456789abcdef0123456789abcdef';
const OUT_OF_REACH = { window: 60, max: 1_000_000 };

/** The newest message the SMS hook wrote to `phone`, if any. */
export async function newestMessage(database: Database, phone: string): Promise<string | undefined> {
  const { rows } = await sql<{ body: string }>`select body from peer_outbox where recipient = ${phone} order by id desc limit 1`.execute(database.db);
  return rows[0]?.body;
}

/**
 * `GET /dev/outbox?to=<phone>`: the newest message the SMS hook wrote to a number, as our dev
 * sink's `GET /api/dev/messages` shows what ours sent; the load's clients read the code there
 * when they run in a process of their own (the peer has no such route of its own).
 */
async function outboxRoute(database: Database, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const to = new URL(req.url ?? '/', 'http://peer').searchParams.get('to') ?? '';
  const body = JSON.stringify({ body: await newestMessage(database, to) });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}

function options(database: Database, baseURL: string) {
  const db = database.db as unknown as Kysely<unknown>;
  const sendToOutbox = async ({ phoneNumber: recipient, code }: { phoneNumber: string; code: string }) => {
    await sql`insert into peer_outbox (recipient, body) values (${recipient}, ${`Your password reset code: ${code}`})`.execute(db);
  };
  return {
    baseURL,
    secret: SECRET,
    database: { db, type: 'postgres' as const, transaction: true },
    emailAndPassword: {
      enabled: true,
      revokeSessionsOnPasswordReset: true,
      password: { hash: hashPassword, verify: ({ hash, password }: { hash: string; password: string }) => verifyPassword(hash, password) },
    },
    rateLimit: {
      enabled: true,
      storage: database.kind === 'postgres' ? ('database' as const) : ('memory' as const),
      ...OUT_OF_REACH,
      customRules: { '/phone-number/*': OUT_OF_REACH },
    },
    advanced: { ipAddress: { ipAddressHeaders: [ADDRESS_HEADER] } },
    telemetry: { enabled: false },
    logger: { level: 'error' as const },
    plugins: [phoneNumber({ sendOTP: sendToOutbox, sendPasswordResetOTP: sendToOutbox })],
  };
}

export type PeerAuth = ReturnType<typeof betterAuth<ReturnType<typeof options>>>;

/** better-auth's tables (its own migration plan, for this configuration) and the outbox. */
async function createSchema(database: Database): Promise<void> {
  const { runMigrations } = await getMigrations(options(database, 'http://127.0.0.1'));
  await runMigrations();
  await sql`create table peer_outbox (id bigserial primary key, recipient text not null, body text not null, created_at timestamptz not null default now())`.execute(database.db);
}

export interface PeerServer {
  auth: PeerAuth;
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

/** better-auth on `database` (its schema created), listening on a loopback port. */
export async function servePeer(database: Database): Promise<PeerServer> {
  await createSchema(database);
  // Listening first: the library wants its base URL, port included, when it is built.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const auth = betterAuth(options(database, base));
  const handler = toNodeHandler(auth);
  server.on('request', (req, res) => {
    if (req.method === 'GET' && req.url?.startsWith(`${OUTBOX_ROUTE}?`)) {
      outboxRoute(database, req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
    } else void handler(req, res);
  });
  return {
    auth,
    base,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

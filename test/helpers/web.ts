import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildApp } from '../../src/http/app.ts';
import type { Services } from '../../src/platform/services.ts';
import type { Executor } from '../../src/platform/db/database.ts';
import { freshDatabase, testServices, type Backend, type TestDatabase } from './db.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Everything the web bundle is made from: the app and the texts and paths it imports from src/. */
const SOURCES = ['web', 'src', 'vite.config.ts', 'package-lock.json'];

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => listFiles(join(path, entry.name)));
}

/** A fingerprint of the sources (names, sizes, times): a new one means a new build. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((s) => listFiles(resolve(ROOT, s))).sort()) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(ROOT, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

let built: Promise<string> | undefined;

/**
 * Builds the web app once with Vite into a temporary folder named after the sources'
 * fingerprint, and returns that folder. Test files running in parallel, and later runs, reuse
 * a finished build; the build goes to a private folder first and is renamed into place, so
 * nobody sees half a build.
 */
export function buildWeb(): Promise<string> {
  built ??= (async () => {
    const outDir = join(tmpdir(), `cerrojo-web-${sourceFingerprint()}`);
    if (existsSync(join(outDir, 'index.html'))) return outDir;
    const staging = `${outDir}.${process.pid}-${randomBytes(4).toString('hex')}`;
    const { build } = await import('vite');
    await build({
      configFile: resolve(ROOT, 'vite.config.ts'),
      root: resolve(ROOT, 'web'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    try {
      renameSync(staging, outDir);
    } catch {
      // Another test file finished the same build first: use theirs.
      rmSync(staging, { recursive: true, force: true });
    }
    return outDir;
  })();
  return built;
}

export interface WebServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  database: TestDatabase;
  services: Services;
  close(): Promise<void>;
}

/**
 * A real server on a free port (or `port`) with the built web app and a fresh database, in dev
 * mode unless overridden (see `PRODUCTION_MODE`).
 */
export async function startWebServer(backend: Backend, overrides: Record<string, unknown> = {}, port = 0): Promise<WebServer> {
  const webDir = await buildWeb();
  const database = await freshDatabase(backend);
  const services = testServices(database, overrides);
  const app = await buildApp(services, { logger: false, webDir });
  const url = await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    database,
    services,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Overrides for a server outside dev mode: real providers configured (never called here), and the public address the IVR needs. */
export const PRODUCTION_MODE: Record<string, unknown> = {
  dev: false,
  publicBaseUrl: 'https://cerrojo.example-bank.es',
  'notify.email': 'smtp',
  'notify.smtpUrl': 'smtp://127.0.0.1:2525',
  'notify.sms': 'twilio',
  'notify.twilioAccountSid': 'AC00000000000000000000000000000000',
  'notify.twilioAuthToken': 'test-auth-token',
  'notify.twilioFrom': '+34600000000',
};

export interface DevMessageRow {
  channel: 'email' | 'sms';
  recipient: string;
  subject?: string | null;
  body: string;
  template: string;
  deliveredAt?: Date;
}

/**
 * Records a message as the dev sink would after delivering it: a sent outbox row (body already
 * cleared, as the worker leaves it) and its `dev_messages` row. Returns the dev message id.
 */
export async function insertDevMessage(db: Executor, row: DevMessageRow): Promise<number> {
  const at = row.deliveredAt ?? new Date();
  const outbox = await db
    .insertInto('outbox')
    .values({
      channel: row.channel,
      recipient: row.recipient,
      template: row.template,
      locale: 'es',
      subject: row.subject ?? null,
      body: null,
      status: 'sent',
      created_at: at,
      next_attempt_at: at,
      sent_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const dev = await db
    .insertInto('dev_messages')
    .values({
      outbox_id: outbox.id,
      channel: row.channel,
      recipient: row.recipient,
      subject: row.subject ?? null,
      body: row.body,
      delivered_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return dev.id;
}

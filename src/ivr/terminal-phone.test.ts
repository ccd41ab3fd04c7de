import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackgroundWork } from '../background.ts';
import { t } from '../i18n/catalogue.ts';
import { buildApp, type App } from '../http/app.ts';
import { testDeliveryDeps } from '../notify/test-support.ts';
import { runDeliveryLoop } from '../notify/worker.ts';
import type { Services } from '../platform/services.ts';
import { freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { seedCaller, UNLOCK } from './test-fixtures.ts';
import { EXIT, gatheredDigits, runTerminalPhone } from './terminal-phone.ts';
import { ivrText } from './text.ts';

/**
 * The terminal phone against a real server listening on a port: signed webhooks over HTTP, the
 * notification worker delivering to the dev sink, keys typed through a stream or a child's stdin.
 */
describe('the terminal phone (cerrojo call)', () => {
  let database: TestDatabase;
  let services: Services;
  let app: App;
  let url: string;
  let delivery: BackgroundWork;

  beforeAll(async () => {
    database = await freshDatabase({ name: 'pglite' });
    services = testServices(database);
    app = await buildApp(services, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    delivery = runDeliveryLoop(testDeliveryDeps(services), 50);
  });
  afterAll(async () => {
    await delivery.stop();
    await app.close();
    await database.drop();
  });

  /** Runs a call with these lines typed (then the end of input) and returns its exit code and screen. */
  async function call(lines: string[], options: { from: string; to?: string; token?: string; lang?: 'es' | 'en'; end?: boolean; lingerMs?: number }) {
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
    input.write(lines.map((l) => `${l}\n`).join(''));
    if (options.end !== false) input.end();
    const code = await runTerminalPhone({ url, token: options.token, from: options.from, to: options.to ?? UNLOCK, lang: options.lang ?? 'en', input, output, pollMs: 40, lingerMs: options.lingerMs ?? 3000 });
    return { code, screen };
  }

  type CallRow = { from_number: string | null; to_number: string; outcome: string | null; branch: string | null; provider_status: string | null; ended_at: Date | null };
  const callRow = (from: string, to = UNLOCK) =>
    services.db.withTables<{ ivr_calls: CallRow }>().selectFrom('ivr_calls').selectAll().where('from_number', '=', from).where('to_number', '=', to).executeTakeFirstOrThrow();

  it('walks branch 1.1 from the keys typed: prompts, the final words and the temporary password by SMS', async () => {
    const c = await seedCaller(services);
    // Language 1 (Spanish), main 1 (user), sub 1 (online banking), DNI, its 8 digits, card, PIN.
    const { code, screen } = await call(['1', '1', '1', '1', c.dniKeys, c.last4, `${c.pin}#`], { from: c.mobile, to: '950 18 33 13', end: false });
    expect(code, screen).toBe(EXIT.ok);
    expect(screen).toContain(t('phone.terminal.calling', 'en', { to: UNLOCK, from: c.mobile, url }));
    expect(screen).toContain(`🔊 ${ivrText('ivr.language.spanish', 'es')}`);
    expect(screen).toContain(`🔊 ${ivrText('ivr.card.pin', 'es')}`);
    expect(screen).toContain(`keys> ${c.dniKeys}\n`);
    expect(screen).toMatch(/🔊 Listo\. Te hemos enviado tu código de usuario .* terminado en \d+/);
    expect(screen).toContain(`🔊 ${ivrText('ivr.goodbye', 'es')}\n${t('phone.terminal.lineHungUp', 'en')}`);
    expect(screen).toMatch(/📱 SMS: Cerrojo: tu contraseña temporal de Banca a Distancia es \S+\. /);
    expect(screen).toMatch(/Call over \(hung up by the line\) after \d+ s\.\n$/);
    // The status callback closed the record.
    expect(await callRow(c.mobile)).toMatchObject({ outcome: 'resolved', branch: '1.1', provider_status: 'completed' });
  });

  it('stays silent on empty lines until the line gives up, and shows no SMS of an earlier call', async () => {
    const c = await seedCaller(services);
    // An earlier call of this phone sends an SMS; the next call must not show it as new.
    const first = await call(['1', c.dniKeys, c.last4, c.pin], { from: c.mobile, to: '+34950979971', lang: 'es' });
    expect(first.screen).toContain('📱 SMS: Cerrojo: tu firma de operaciones vuelve a estar activa');
    const { code, screen } = await call(Array<string>(12).fill(''), { from: c.mobile, lang: 'es', lingerMs: 300 });
    expect(code, screen).toBe(EXIT.ok);
    expect(screen).toContain(`teclas> \n${t('phone.terminal.silence', 'es')}`);
    expect(screen).toContain(`🔊 ${ivrText('ivr.reprompt.noInput', 'es')}`);
    expect(screen).toMatch(/→ transferida al \+34\d+\n/);
    expect(screen).toContain('Llamada terminada (pasada a un agente)');
    expect(screen).not.toContain('📱');
    expect(await callRow(c.mobile)).toMatchObject({ outcome: 'transferred', provider_status: 'completed' });
  });

  it('hangs up at the end of the input (Ctrl-D) and closes the call record', async () => {
    const from = '+34611000222';
    const { code, screen } = await call(['1', 'x1'], { from, lingerMs: 300 });
    expect(code).toBe(EXIT.ok);
    expect(screen).toContain(t('phone.terminal.badKeys', 'en'));
    expect(screen).toContain(t('phone.terminal.youHungUp', 'en'));
    expect(screen).toContain('Call over (you hung up)');
    expect(await callRow(from)).toMatchObject({ provider_status: 'completed' });
    expect((await callRow(from)).ended_at).not.toBeNull();
  });

  it('says clearly why a call cannot be placed: wrong token, bad phone, no server', async () => {
    const forged = await call(['1'], { from: '+34611000333', token: 'not-the-servers-token' });
    expect(forged.code).toBe(EXIT.failed);
    expect(forged.screen).toContain(t('phone.terminal.error.forbidden', 'en'));
    const badPhone = await call([], { from: '12', lang: 'es' });
    expect(badPhone.code).toBe(EXIT.usage);
    expect(badPhone.screen).toContain(t('phone.terminal.error.badPhone', 'es', { phone: '12' }));
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (b: Buffer) => (screen += b.toString()));
    const down = await runTerminalPhone({ url: 'http://127.0.0.1:9', from: '+34611000333', to: UNLOCK, lang: 'en', input, output });
    expect(down).toBe(EXIT.failed);
    expect(screen).toContain(t('phone.terminal.error.unreachable', 'en', { url: 'http://127.0.0.1:9' }));
  });

  it('sends what Twilio would: keys up to the finish key, at most numDigits', () => {
    expect(gatheredDigits('2468#9', { numDigits: 6, finishOnKey: '#' })).toBe('2468');
    expect(gatheredDigits('123', { numDigits: 1, finishOnKey: '#' })).toBe('1');
    expect(gatheredDigits('#', { numDigits: 4, finishOnKey: '#' })).toBe('');
    expect(gatheredDigits('*1', { numDigits: Number.NaN, finishOnKey: '' })).toBe('*1');
    expect(gatheredDigits('1'.repeat(40), { numDigits: Number.NaN, finishOnKey: '#' })).toBe('1'.repeat(32));
  });

  it('runs as the real command with keys piped to its stdin', async () => {
    const c = await seedCaller(services);
    const child = spawn(process.execPath, ['bin/cerrojo.mjs', 'call', '--from', c.mobile, '--to', '950 97 99 71', '--lang', 'en', '--url', url], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, TWILIO_AUTH_TOKEN: undefined },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.stdin.end(['1', c.dniKeys, c.last4, `${c.pin}#`].map((l) => `${l}\n`).join(''));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, out).toBe(0);
    expect(out).toContain(`🔊 ${ivrText('ivr.signature.done', 'en')}`);
    // The call was in English; the SMS goes in the customer's registered language (Spanish).
    expect(out).toContain(`📱 SMS: ${t('sms.signature_unlocked', 'es')}`);
    expect(out).toContain('Call over (hung up by the line)');
  }, 60_000);
});

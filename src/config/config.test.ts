import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secureCookies } from './config.ts';

const dev = { CERROJO_DEV: 'true' };

describe('configuration', () => {
  it('has working defaults in dev mode', () => {
    const config = loadConfig(dev);
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./data');
    expect(config.limits.passwordAttempts).toBe(5);
    expect(config.limits.pinAttempts).toBe(5);
    expect(config.limits.codeTtlSeconds).toBeLessThanOrEqual(600);
  });

  it('reads the environment and converts types', () => {
    const config = loadConfig({ ...dev, PORT: '8080', DATABASE_URL: 'postgres://u@h/db', DATA_DIR: '/tmp/x' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@h/db', dataDir: '/tmp/x' });
  });

  it.each([
    [{ PORT: 'abc' }, 'port (PORT)'],
    [{ PORT: '70000' }, 'port (PORT)'],
    [{ DATABASE_URL: 'mysql://x' }, 'databaseUrl (DATABASE_URL)'],
    [{ LOG_LEVEL: 'loud' }, 'logLevel (LOG_LEVEL)'],
    [{ SECRET_KEY: 'short' }, 'secretKey (SECRET_KEY)'],
  ])('stops on a bad value naming the key: %o', (env, key) => {
    expect(() => loadConfig({ ...dev, ...env })).toThrowError(new RegExp(`"${key.replace(/[()]/g, '\\$&')}"`));
  });

  it('refuses one-time codes living longer than 10 minutes', () => {
    expect(() => loadConfig(dev, { 'limits.codeTtlSeconds': 601 })).toThrowError(/limits\.codeTtlSeconds/);
  });

  it('reads an optional JSON file, overridden by the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cerrojo-config-'));
    const file = join(dir, 'cerrojo.json');
    writeFileSync(file, JSON.stringify({ port: 4000, limits: { pinAttempts: 3 } }));
    expect(loadConfig(dev, {}, file)).toMatchObject({ port: 4000, limits: { pinAttempts: 3, codeAttempts: 5 } });
    expect(loadConfig({ ...dev, PORT: '4001' }, {}, file).port).toBe(4001);
    writeFileSync(file, '{ not json');
    expect(() => loadConfig(dev, {}, file)).toThrowError(ConfigError);
  });

  it('requires real secrets and real channels outside dev mode', () => {
    expect(() => loadConfig({})).toThrowError(/secretKey/);
    const prod = { SECRET_KEY: 'ab'.repeat(32), ADMIN_TOKEN: 'x'.repeat(32) };
    expect(() => loadConfig(prod)).toThrowError(/dev message sink/);
    expect(() => loadConfig({ ...prod, NOTIFY_EMAIL: 'smtp', NOTIFY_SMS: 'twilio' })).toThrowError(/smtpUrl/);
    const ok = loadConfig({
      ...prod,
      NOTIFY_EMAIL: 'smtp',
      SMTP_URL: 'smtp://mail.bank.example:587',
      NOTIFY_SMS: 'twilio',
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_AUTH_TOKEN: 'tok',
      TWILIO_FROM: '+34950000000',
    });
    expect(ok.dev).toBe(false);
  });

  it('keeps sessions within PSD2 limits and cookies Secure outside dev mode', () => {
    const dev = loadConfig({ CERROJO_DEV: 'true' });
    expect(dev.web.sessionIdleSeconds).toBe(300);
    expect(secureCookies(dev)).toBe(false);
    expect(secureCookies(loadConfig({ CERROJO_DEV: 'true', COOKIE_SECURE: 'true' }))).toBe(true);
    expect(secureCookies({ dev: false, web: {} as never })).toBe(true);
    expect(() => loadConfig({ CERROJO_DEV: 'true', SESSION_IDLE_SECONDS: '600' })).toThrowError(/web.sessionIdleSeconds \(SESSION_IDLE_SECONDS\)/);
    expect(dev.banking.fraudRules).toEqual({ amountOverCents: 500_000, newBeneficiaryOverCents: 100_000, recentDeviceHours: 24 });
  });
});

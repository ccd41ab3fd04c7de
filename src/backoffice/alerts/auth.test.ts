import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/config.ts';
import { TEST_ADMIN_TOKEN, TEST_SECRET_KEY } from '../../../test/helpers/db.ts';
import { alertSources, checkAlertHeaders, checkAlertSignature, DEV_ALERT_SOURCE, signAlert } from './auth.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const ts = String(NOW.getTime() / 1000);
const source = { id: 'fraud-engine', key: 'k'.repeat(32), hmacSecret: 's'.repeat(40) };
const config = (env: Record<string, string>, dev = true) => loadConfig(env, { dev, logLevel: 'silent', secretKey: TEST_SECRET_KEY, adminToken: TEST_ADMIN_TOKEN }, undefined);

describe('alert sources', () => {
  it('signs `<timestamp>.<raw body>` with HMAC-SHA256, as any HTTP client can', () => {
    const body = '{"sourceAlertId":"A-1"}';
    expect(signAlert(source.hmacSecret, ts, body)).toBe(`sha256=${createHmac('sha256', source.hmacSecret).update(`${ts}.${body}`).digest('hex')}`);
    const headers = { 'x-alert-source': 'fraud-engine', 'x-timestamp': ts, 'x-signature': signAlert(source.hmacSecret, ts, body).toUpperCase().replace('SHA256=', 'sha256=') };
    expect(checkAlertHeaders([source], headers, NOW)).toEqual({ source, signed: true });
    expect(() => checkAlertSignature(source, headers, body)).not.toThrow();
    expect(() => checkAlertSignature(source, headers, `${body} `)).toThrow(/signature/);
    expect(() => checkAlertHeaders([source], { ...headers, 'x-timestamp': '1e9' }, NOW)).toThrow();
    expect(() => checkAlertHeaders([source], { ...headers, 'x-timestamp': undefined }, NOW)).toThrow();
    expect(checkAlertHeaders([source], { 'x-alert-source': 'fraud-engine', 'x-api-key': source.key }, NOW)).toEqual({ source, signed: false });
    expect(() => checkAlertHeaders([source], { 'x-alert-source': 'fraud-engine', 'x-api-key': ['a', 'b'] }, NOW)).toThrow();
  });

  it('reads ALERT_SOURCES as JSON and refuses sources that cannot prove themselves', () => {
    const sources = [{ id: 'engine-a', key: 'a'.repeat(24) }, { id: 'engine-b', hmacSecret: 'b'.repeat(32) }];
    expect(config({ ALERT_SOURCES: JSON.stringify(sources) }).backoffice.alertSources).toEqual(sources);
    expect(() => config({ ALERT_SOURCES: '[{' })).toThrow(/backoffice\.alertSources \(ALERT_SOURCES\).*JSON/);
    expect(() => config({ ALERT_SOURCES: JSON.stringify([{ id: 'x1' }]) })).toThrow(/needs a key or an hmacSecret/);
    expect(() => config({ ALERT_SOURCES: JSON.stringify([{ id: 'builtin', key: 'a'.repeat(24) }]) })).toThrow(/reserved/);
    expect(() => config({ ALERT_SOURCES: JSON.stringify([sources[0], sources[0]]) })).toThrow(/twice/);
    expect(() => config({ ALERT_SOURCES: JSON.stringify([{ id: 'x1', key: 'short' }]) })).toThrow(ConfigError);
    expect(() => config({ ALERT_SOURCES: JSON.stringify([{ id: 'x1', key: 'short' }]) })).toThrow(/ALERT_SOURCES/);
  });

  it('adds the published dev source in dev mode only, and only when none is configured', () => {
    expect(alertSources(config({}))).toEqual([DEV_ALERT_SOURCE]);
    const one = [{ id: 'engine-a', key: 'a'.repeat(24) }];
    expect(alertSources(config({ ALERT_SOURCES: JSON.stringify(one) }))).toEqual(one);
    const prod = { ...config({}), dev: false };
    expect(alertSources(prod)).toEqual([]);
  });
});

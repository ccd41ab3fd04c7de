import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config/config.ts';
import { backofficeError } from '../errors.ts';

/**
 * Who may post alerts (`POST /api/alerts`). Each source is configured in `backoffice.alertSources`
 * (`ALERT_SOURCES`) and names itself in `X-Alert-Source`; it proves it either with its shared key
 * in `X-Api-Key`, or with an HMAC-SHA256 of `<X-Timestamp>.<raw body>` under its secret in
 * `X-Signature: sha256=<hex>`, the timestamp (Unix seconds) within five minutes of our clock. A
 * source configured with both may use either. Every failure answers the same 401, so a caller
 * learns nothing about which sources exist.
 */
export interface AlertSource {
  id: string;
  key?: string | undefined;
  hmacSecret?: string | undefined;
}

/** The source the built-in rules of online banking post as; never accepted over HTTP. */
export const BUILTIN_SOURCE = 'builtin';

/** Seconds a signed post may be early or late. A replay within them is harmless: posts are idempotent. */
export const SIGNATURE_MAX_SKEW_SECONDS = 300;

/**
 * The dev-mode source when none is configured: published in docs/backoffice.md so the fraud
 * engine can be played by hand with curl. Dev mode only (the configuration refuses dev secrets
 * elsewhere by never adding it).
 */
export const DEV_ALERT_SOURCE: Required<AlertSource> = {
  id: 'fraud-engine',
  key: 'dev-fraud-engine-key-not-secret',
  hmacSecret: 'dev-fraud-engine-hmac-secret-not-for-production',
};

/** The sources in force: the configured ones, or the dev source in dev mode when none is. */
export function alertSources(config: Pick<Config, 'dev' | 'backoffice'>): AlertSource[] {
  const configured = config.backoffice.alertSources;
  return configured.length === 0 && config.dev ? [DEV_ALERT_SOURCE] : configured;
}

/** `sha256=<hex>` of a post, as a source computes it (also used by tests and the docs' example). */
export function signAlert(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

const digest = (value: string) => createHash('sha256').update(value).digest();
/** Constant-time equality whatever the lengths (both sides hashed first). */
const sameSecret = (given: string, expected: string) => given.length > 0 && timingSafeEqual(digest(given), digest(expected));

export type AlertHeaders = Record<string, string | string[] | undefined>;

const header = (headers: AlertHeaders, name: string) => {
  const v = headers[name];
  return typeof v === 'string' ? v.trim() : undefined;
};

const refuse = () => backofficeError('alert_unauthorized', 'unknown source, wrong key, or a bad or stale signature');

/**
 * The first check, on the headers alone (before the body is read): the source, and its key or
 * the freshness of a signature. Answers the source and whether its signature is still to check.
 */
export function checkAlertHeaders(sources: readonly AlertSource[], headers: AlertHeaders, now: Date): { source: AlertSource; signed: boolean } {
  const id = header(headers, 'x-alert-source');
  const source = id && id !== BUILTIN_SOURCE ? sources.find((s) => s.id === id) : undefined;
  if (!source) throw refuse();
  const signature = header(headers, 'x-signature');
  if (signature !== undefined) {
    const ts = header(headers, 'x-timestamp') ?? '';
    if (!source.hmacSecret || !/^\d{1,12}$/.test(ts) || Math.abs(now.getTime() / 1000 - Number(ts)) > SIGNATURE_MAX_SKEW_SECONDS) throw refuse();
    return { source, signed: true };
  }
  const key = header(headers, 'x-api-key');
  if (!source.key || !key || !sameSecret(key, source.key)) throw refuse();
  return { source, signed: false };
}

/** The second check of a signed post, over the raw body exactly as received. */
export function checkAlertSignature(source: AlertSource, headers: AlertHeaders, rawBody: string): void {
  const signature = header(headers, 'x-signature') ?? '';
  const ts = header(headers, 'x-timestamp') ?? '';
  if (!source.hmacSecret || !sameSecret(signature.toLowerCase(), signAlert(source.hmacSecret, ts, rawBody))) throw refuse();
}

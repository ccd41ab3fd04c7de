import type { LoggerOptions } from 'pino';

/**
 * Header paths whose values never reach a log line (ASVS 7.1.1), redacted by pino by exact
 * path. Request bodies are not logged at all.
 */
export const REDACT_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-twilio-signature"]', 'res.headers["set-cookie"]'];

/**
 * Keys whose values never reach a log line wherever a module puts them: at the top of the
 * logged object or one level down (`{ password }`, `{ form: { Digits } }`).
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'password',
  'newPassword',
  'currentPassword',
  'pin',
  'PIN',
  'code',
  'otp',
  'pan',
  'cardNumber',
  'token',
  'secret',
  'secretKey',
  'adminToken',
  'authToken',
  'twilioAuthToken',
  'clientSecret',
  'idToken',
  'smtpUrl',
  'body',
  'Digits',
]);

export const CENSOR = '[redacted]';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Error) && !(v instanceof Date);

/**
 * Replaces the values of `SECRET_KEYS` in a log object, at the top and one level down, copying
 * only what it changes. Hand-written on purpose: pino's own wildcard redaction (`*.password`
 * for each key) cost 37 µs per line against 3 µs for the line itself, which made the request
 * log most of a plain route's cost (docs/performance.md, docs/decisions.md).
 */
export function redactSecrets(obj: Record<string, unknown>): Record<string, unknown> {
  let out = obj;
  for (const key in obj) {
    const value = obj[key];
    let replaced: unknown = value;
    if (SECRET_KEYS.has(key)) replaced = CENSOR;
    else if (isPlainObject(value)) {
      for (const inner in value) {
        if (!SECRET_KEYS.has(inner)) continue;
        if (replaced === value) replaced = { ...value };
        (replaced as Record<string, unknown>)[inner] = CENSOR;
      }
    }
    if (replaced !== value) {
      if (out === obj) out = { ...obj };
      out[key] = replaced;
    }
  }
  return out;
}

/** A URL's path without its query string (which may carry a token or a password). */
export function pathOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * How a request appears wherever a line logs `{ req }` (Fastify's own error lines): method,
 * path without the query string, host and client address. Replaces Fastify's serializer, which
 * logs the whole `url`.
 */
export function serializeRequest(req: { method?: string; url?: string; host?: string; ip?: string; socket?: { remoteAddress?: string } }): Record<string, unknown> {
  return { method: req.method, path: pathOf(req.url), host: req.host, remoteAddress: req.ip ?? req.socket?.remoteAddress };
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    formatters: { log: redactSecrets },
    serializers: { req: serializeRequest },
    base: { service: 'cerrojo' },
  };
}

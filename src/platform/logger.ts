import type { LoggerOptions } from 'pino';

/**
 * Paths whose values never reach a log line (ASVS 7.1.1). Request bodies are not logged at
 * all; these cover headers and any object a module chooses to log.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.pin',
  '*.PIN',
  '*.code',
  '*.otp',
  '*.pan',
  '*.cardNumber',
  '*.token',
  '*.secret',
  '*.secretKey',
  '*.adminToken',
  '*.authToken',
  '*.twilioAuthToken',
  '*.smtpUrl',
  '*.body',
  '*.Digits',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'cerrojo' },
  };
}

import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CENSOR, SECRET_KEYS, loggerOptions, redactSecrets } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const log = pino(loggerOptions('info'), { write: (l: string) => void lines.push(l) });
  return { log, lines };
}

describe('log redaction', () => {
  it('censors secret keys at the top and one level down, and leaves the caller object alone', () => {
    const form = { Digits: '1234', CallSid: 'CA1' };
    const input = { password: 'hunter2', form, callSid: 'CA1', nested: { deeper: { pin: '9999' } } };
    const out = redactSecrets(input);
    expect(out).toEqual({ password: CENSOR, form: { Digits: CENSOR, CallSid: 'CA1' }, callSid: 'CA1', nested: { deeper: { pin: '9999' } } });
    expect(input.password).toBe('hunter2');
    expect(form.Digits).toBe('1234');
  });

  it('returns the very object when there is nothing to censor', () => {
    const input = { method: 'GET', path: '/healthz', status: 200 };
    expect(redactSecrets(input)).toBe(input);
  });

  it('keeps errors whole for the error serializer', () => {
    const { log, lines } = capture();
    log.error({ err: Object.assign(new Error('boom'), { code: '40P01' }) }, 'failed');
    const line = JSON.parse(lines[0]!);
    expect(line.err).toMatchObject({ message: 'boom', code: '40P01', type: 'Error' });
  });

  it('logs a request as method, path, host and address: no headers, no query string', () => {
    const { log, lines } = capture();
    log.info({ req: { method: 'GET', url: '/x?password=pw-secret&pin=1234', host: 'h', ip: '10.0.0.1', headers: { authorization: 'Bearer abc-secret', cookie: 'sid=xyz-secret', host: 'h' } } }, 'r');
    for (const secret of ['abc-secret', 'xyz-secret', 'pw-secret', 'pin=', '?']) expect(lines[0]).not.toContain(secret);
    expect(JSON.parse(lines[0]!).req).toEqual({ method: 'GET', path: '/x', host: 'h', remoteAddress: '10.0.0.1' });
  });

  it('never writes a secret value put under a secret key at either level (property)', () => {
    const keys = [...SECRET_KEYS];
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => !SECRET_KEYS.has(k) && k !== '__proto__'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        (key, tail, nested, other) => {
          const secret = `S3CRET-${tail}`;
          const { log, lines } = capture();
          log.info(nested ? { ...other, outer: { [key]: secret } } : { ...other, [key]: secret }, 'x');
          return !lines.join('').includes(JSON.stringify(secret).slice(1, -1));
        },
      ),
      { numRuns: 200 },
    );
  });
});

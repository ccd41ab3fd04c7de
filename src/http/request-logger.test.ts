import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../platform/logger.ts';
import { lazyChildLogger } from './request-logger.ts';

/** A logger as the app's (same options), writing to an array, with its `child` calls counted. */
function capture() {
  const lines: string[] = [];
  const logger = pino(loggerOptions('info'), { write: (l: string) => void lines.push(l) });
  let children = 0;
  const child = logger.child.bind(logger);
  logger.child = ((...args: Parameters<typeof child>) => {
    children++;
    return child(...args);
  }) as typeof logger.child;
  const strip = () => lines.splice(0).map((l) => l.replace(/"time":\d+,/, ''));
  return { logger, strip, children: () => children };
}

describe('the lazy request logger', () => {
  it('makes no child for a request that logs nothing or only below the level', () => {
    const c = capture();
    const log = lazyChildLogger(c.logger, { reqId: 'req-1' }, {});
    log.debug({ step: 1 }, 'below the level');
    log.trace('below the level');
    expect(c.children()).toBe(0);
    expect(c.strip()).toEqual([]);
  });

  it('writes what a pino child would, byte for byte, without making one', () => {
    const lazy = capture();
    const real = capture();
    const a = lazyChildLogger(lazy.logger, { reqId: 'req-7' }, {});
    const b = real.logger.child({ reqId: 'req-7' });
    for (const l of [a, b]) {
      l.info({ method: 'GET', path: '/x', status: 200, password: 'hunter2', form: { pin: '1234' } }, 'request');
      l.warn('a message with %s and %d', 'text', 42);
      l.error({ err: new Error('wrapped') }, 'failed');
    }
    expect(lazy.strip()).toEqual(real.strip());
    expect(lazy.children()).toBe(0);
  });

  it('makes the real child once for what only a child can log (an Error first, a child of its own)', () => {
    const lazy = capture();
    const real = capture();
    const a = lazyChildLogger(lazy.logger, { reqId: 'req-8' }, {});
    const b = real.logger.child({ reqId: 'req-8' });
    for (const l of [a, b]) {
      l.error(new Error('an error object'));
      l.info({ after: true }, 'then a plain line');
      l.child({ part: 'inner' }).info('from a grandchild');
    }
    expect(lazy.strip().map((l) => l.replace(/"stack":"[^"]*"/, ''))).toEqual(real.strip().map((l) => l.replace(/"stack":"[^"]*"/, '')));
    // The request's child, once, and the grandchild (made from it).
    expect(lazy.children()).toBe(2);
    expect(real.children()).toBe(2);
  });

  it('makes a real child at once when the route sets its own level', () => {
    const c = capture();
    const log = lazyChildLogger(c.logger, { reqId: 'req-9' }, { level: 'debug' });
    expect(c.children()).toBe(1);
    log.debug('now visible');
    expect(c.strip()).toHaveLength(1);
  });
});

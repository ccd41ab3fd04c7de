import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/**
 * The logger of one request (`req.log`, `reply.log`), made lazily: Fastify's default makes a
 * pino child with the request id (`{ reqId }`) for every request, whether it logs or not. This
 * one holds the parent and the bindings; a line whose level is off costs a level check, and a
 * line logged with a plain object or a message is written by the parent with the bindings put
 * first, which pino writes as the child would have (the base fields, `reqId`, then the line's
 * own fields, through the same serializers, redaction and formatters). Anything else (an Error
 * as first argument, `child()`, setting `level`) makes the real child once and goes through it.
 */
export class LazyRequestLogger implements FastifyBaseLogger {
  private real: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
  ) {}

  private child_(): FastifyBaseLogger {
    return (this.real ??= this.parent.child(this.bindings));
  }

  private write(level: Level, args: unknown[]): void {
    if (this.real) return void (this.real[level] as (...a: unknown[]) => void)(...args);
    const parent = this.parent as FastifyBaseLogger & { isLevelEnabled?(level: string): boolean };
    if (parent.isLevelEnabled && !parent.isLevelEnabled(level)) return;
    const [first, ...rest] = args;
    const log = parent[level] as (...a: unknown[]) => void;
    if (isPlainObject(first)) return void log.call(parent, { ...this.bindings, ...first }, ...rest);
    if (typeof first === 'string') return void log.call(parent, this.bindings, first, ...rest);
    (this.child_()[level] as (...a: unknown[]) => void)(...args);
  }

  get level(): string {
    return (this.real ?? this.parent).level;
  }

  set level(level: string) {
    this.child_().level = level;
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.child_().child(bindings, options);
  }
}

/**
 * Fastify's `childLoggerFactory`: a `LazyRequestLogger`, unless the route sets its own log level
 * or serializers, which only a real child can carry.
 */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, opts: ChildLoggerOptions): FastifyBaseLogger {
  if (opts.level !== undefined || opts.serializers !== undefined) return logger.child(bindings, opts);
  return new LazyRequestLogger(logger, bindings);
}

/**
 * The closed set of errors the system answers with. Each has a stable code, an HTTP status,
 * a catalogue message id for what a person reads, and whether its detail may be shown.
 * Customer-facing words never come from exception text.
 */
export const ERRORS = {
  validation: { status: 400, messageId: 'error.validation', expose: true },
  unauthorized: { status: 401, messageId: 'error.unauthorized', expose: true },
  forbidden: { status: 403, messageId: 'error.forbidden', expose: true },
  not_found: { status: 404, messageId: 'error.not_found', expose: true },
  conflict: { status: 409, messageId: 'error.conflict', expose: true },
  gone: { status: 410, messageId: 'error.gone', expose: true },
  too_many: { status: 429, messageId: 'error.too_many', expose: true },
  unavailable: { status: 503, messageId: 'error.unavailable', expose: false },
  internal: { status: 500, messageId: 'error.internal', expose: false },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface AppErrorOptions {
  /** A more precise catalogue message than the code's own (e.g. `banking.login.invalid`). */
  messageId?: string;
  /** A stable machine-readable reason within the code (e.g. `session_expired`), sent as `reason`. */
  reason?: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly messageId: string;
  readonly expose: boolean;
  readonly reason: string | undefined;
  constructor(
    readonly code: ErrorCode,
    /** Detail for the client when `expose` is set; never a secret. */
    message: string,
    readonly details?: unknown,
    options: AppErrorOptions = {},
  ) {
    super(message);
    const spec = ERRORS[code];
    this.status = spec.status;
    this.messageId = options.messageId ?? spec.messageId;
    this.expose = spec.expose;
    this.reason = options.reason;
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

/**
 * A module's refusals as a table `reason → error code`: the function it returns makes the
 * AppError of a reason, with the catalogue text `<prefix>.error.<reason>` and `reason` sent as is.
 */
export function reasonErrors<R extends string>(prefix: string, table: Readonly<Record<R, ErrorCode>>) {
  return (reason: R, detail: string, details?: Record<string, unknown>): AppError =>
    new AppError(table[reason], detail, details, { messageId: `${prefix}.error.${reason}`, reason });
}

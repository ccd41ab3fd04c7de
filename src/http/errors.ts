import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { t, isLocale, type Locale } from '../i18n/catalogue.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { isRetryableConflict } from '../platform/db/retry.ts';

/** The locale a request asks for: `?lang=`, then Accept-Language, Spanish by default. */
export function requestLocale(req: FastifyRequest): Locale {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(q)) return q;
  const accept = req.headers['accept-language'];
  return typeof accept === 'string' && accept.toLowerCase().startsWith('en') ? 'en' : 'es';
}

/**
 * The error handler of the app. `params` fills the placeholders the catalogue's error texts may
 * hold (`{helpPhone}`: the brand's help line, as customers dial it), the same for every answer.
 */
export function errorHandlerFor(params: Record<string, string>) {
  return (err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) => errorHandler(err, req, reply, params);
}

/**
 * Maps every error to a JSON answer `{ error, message, detail? }`. Validation errors become
 * 400 with what was wrong; unknown errors become 500 with no detail (logged, never shown);
 * a database that cannot be reached, or a conflict that outlived its retries, becomes 503.
 */
export function errorHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply, params: Record<string, string> = {}) {
  const locale = requestLocale(req);
  if (isAppError(err)) {
    if (err.status >= 500) req.log.error({ err }, 'request failed');
    return reply.status(err.status).send({
      error: err.code,
      ...(err.reason ? { reason: err.reason } : {}),
      message: t(err.messageId, locale, params),
      ...(err.expose ? { detail: err.message } : {}),
      ...(err.expose && err.details !== undefined ? { details: err.details } : {}),
    });
  }
  const fe = err as FastifyError;
  if (typeof fe.code === 'string' && fe.code.startsWith('FST_CSRF')) {
    return reply.status(403).send({ error: 'forbidden', reason: 'csrf', message: t('error.csrf', locale) });
  }
  if (fe.validation) {
    return reply.status(400).send({ error: 'validation', message: t('error.validation', locale), detail: fe.message });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.status(fe.statusCode).send({ error: 'bad_request', message: t('error.validation', locale), detail: fe.message });
  }
  const pgCode = sqlState(err);
  if (pgCode !== undefined && BAD_DATA_CODES.has(pgCode)) {
    // Input that passed its schema but that PostgreSQL refuses as a value: a NUL or a lone
    // surrogate in a text, a number out of a column's range or infinite. The client's fault.
    req.log.info({ pgCode }, 'input refused by the database');
    return reply.status(400).send({ error: 'validation', message: t('error.validation', locale) });
  }
  if (isRetryableConflict(err)) {
    // A deadlock or serialization failure that still failed after its retries (inTransaction).
    req.log.warn({ pgCode }, 'database conflict');
    return reply.status(503).header('retry-after', '1').send({ error: 'unavailable', message: t('error.unavailable', locale) });
  }
  if ((pgCode !== undefined && DOWN_CODES.has(pgCode)) || DOWN_MESSAGE.test((err as Error).message ?? '')) {
    req.log.warn({ pgCode }, 'database unavailable');
    return reply.status(503).header('retry-after', '5').send({ error: 'unavailable', message: t('error.unavailable', locale) });
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send({ error: 'internal', message: t('error.internal', locale) });
}

/** The error's code: PostgreSQL's SQLSTATE, or a socket error's (ECONNREFUSED ...). */
function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

// SQLSTATE class 22 (data exception) codes that only bad input values cause.
const BAD_DATA_CODES = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05', '22023', '22026', '2200D', '22025', '22019']);

// A database that cannot be reached: refused or dropped connections, the server shutting down.
const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08001', '08003']);
const DOWN_MESSAGE = /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i;

export { AppError };

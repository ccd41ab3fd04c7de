import fp from 'fastify-plugin';
import rateLimit, { normalizeIP, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import type { RateLimitConfig } from '../config/config.ts';
import { AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { postgresCounts, redisStore, type PostgresCounts } from './rate-limit-stores.ts';

/**
 * Throttling of the credential routes by source and by identity (issue 14, finding 8).
 *
 * A route takes a guard (`app.credentialGuard(...)`) as its `preHandler`, after the CSRF check
 * and the body's validation: the guard counts the request against the client address first and,
 * only if that allows it, against the identity it names (a user code, a document, a staff name;
 * keyed-hashed in the store). So one source spraying many accounts is stopped by the address
 * limit before any account's own counter (or a staff lockout) moves, and many sources on one
 * account by the identity limit. A refused request answers 429 `rate_limited` with `Retry-After`,
 * is logged, and counts in `cerrojo_rate_limited_total{route,kind}` on `/metrics`.
 *
 * The client address is `req.ip`: the socket's, unless the proxy in front is one of
 * `trustedProxies` (see `app.ts`), so a forged `X-Forwarded-For` escapes nothing.
 */
export type CredentialRoute = keyof Pick<RateLimitConfig, 'login' | 'recovery' | 'deviceLink' | 'staffLogin'> | 'ivrCalls';
export type LimitKind = 'ip' | 'identity';

export interface GuardOptions {
  /** Counts of its own within the route's limits (recovery steps 1 and 2 each have theirs); the route's name by default. */
  scope?: string;
  /** The identity a request names (undefined: none, only the address counts). */
  identity?: (req: FastifyRequest) => string | undefined;
  /** Count the address (off for the IVR, whose address is the telephony provider's). */
  byIp?: boolean;
  /** Answer a refused request otherwise than with the JSON 429 (the IVR speaks). */
  refuse?: (req: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number) => FastifyReply;
}

type Guard = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

export interface RateLimitPluginOptions {
  services: Services;
}

/** Which store counts: as configured, else Redis when a URL is set, PostgreSQL when that is the database, memory otherwise. */
export function rateLimitStoreKind(config: RateLimitConfig, database: Services['database']): 'memory' | 'redis' | 'postgres' {
  return config.store ?? (config.redisUrl ? 'redis' : database.kind === 'postgres' ? 'postgres' : 'memory');
}

export const rateLimitPlugin = fp<RateLimitPluginOptions>(async (app, { services }) => {
  const config = services.config.rateLimit;
  const kind = rateLimitStoreKind(config, services.database);
  let store: FastifyRateLimitStoreCtor | undefined;
  let pairs: PostgresCounts['countPair'] | undefined;
  if (kind === 'redis') {
    // Commands fail at once while Redis is away (no queue): the guard then lets the request through, logged.
    const redis = new Redis(config.redisUrl!, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true, enableOfflineQueue: false });
    redis.on('error', (err: Error) => app.log.warn({ error: err.message }, 'rate limit: Redis error'));
    await redis.connect().catch((err: unknown) => app.log.error({ error: err instanceof Error ? err.message : String(err) }, 'rate limit: Redis unreachable at start'));
    app.addHook('onClose', async () => {
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    });
    store = redisStore(redis, config.keyPrefix);
  } else if (kind === 'postgres') {
    const counts = postgresCounts(services.db, services.clock);
    store = counts.store;
    pairs = counts.countPair;
  }
  // Only the guards limit: no route is limited unless it asks. A store that fails lets the request
  // through (and is logged): the accounts' own counters in the database still hold.
  await app.register(rateLimit, { global: false, skipOnError: true, ...(store ? { store } : {}) });

  const refused = new Counter({
    name: 'cerrojo_rate_limited_total',
    help: 'Requests to credential routes refused by a rate limit, by route and by what was counted (ip or identity)',
    labelNames: ['route', 'kind'] as const,
    registers: [app.metrics],
  });
  const windowMs = config.windowSeconds * 1000;

  app.decorate('credentialGuard', (route: CredentialRoute, options: GuardOptions = {}): Guard => {
    const limits = route === 'ivrCalls' ? { perIp: 0, perIdentity: config.ivrCalls.perCaller } : config[route];
    const scope = options.scope ?? route;
    const keyOf = (limitKind: LimitKind, value: string) => `${scope}:${limitKind}:${services.hasher.hash('rate-limit', `${scope}:${value}`)}`;
    const limiter = (limitKind: LimitKind, max: number, key: (req: FastifyRequest) => string) =>
      max > 0 ? app.createRateLimit({ max, timeWindow: windowMs, keyGenerator: (req) => keyOf(limitKind, key(req)) }) : undefined;
    const byIp = options.byIp === false ? undefined : limiter('ip', limits.perIp, (req) => normalizeIP(req.ip));
    const byIdentity = options.identity ? limiter('identity', limits.perIdentity, (req) => options.identity!(req) ?? '') : undefined;
    type Verdict = { kind: LimitKind; exceeded: boolean; ttlInSeconds: number };

    // In PostgreSQL both keys are counted in one statement, the identity only when the address
    // allowed the request (as the two checks in a row do). A failing count lets the request
    // through, as the plugin's skipOnError does.
    const countBoth = async (req: FastifyRequest, identity: string): Promise<Verdict[]> => {
      try {
        const { first, second } = await pairs!({ key: keyOf('ip', normalizeIP(req.ip)), max: limits.perIp }, { key: keyOf('identity', identity), max: limits.perIdentity }, windowMs);
        const verdict = (kind: LimitKind, c: { current: number; ttl: number }, max: number): Verdict => ({ kind, exceeded: c.current > max, ttlInSeconds: Math.ceil(c.ttl / 1000) });
        return [verdict('ip', first, limits.perIp), ...(second ? [verdict('identity', second, limits.perIdentity)] : [])];
      } catch (err) {
        req.log.warn({ error: err instanceof Error ? err.message : String(err) }, 'rate limit: counting failed, request let through');
        return [];
      }
    };
    const countEach = async (req: FastifyRequest, identity: string | undefined): Promise<Verdict[]> => {
      const checks: [LimitKind, typeof byIp][] = [['ip', byIp]];
      if (identity !== undefined) checks.push(['identity', byIdentity]);
      const verdicts: Verdict[] = [];
      for (const [kind, limit] of checks) {
        if (!limit) continue;
        const result = await limit(req);
        const exceeded = !result.isAllowed && result.isExceeded;
        verdicts.push({ kind, exceeded, ttlInSeconds: result.isAllowed ? 0 : result.ttlInSeconds });
        if (exceeded) break;
      }
      return verdicts;
    };

    return async (req, reply) => {
      const identity = options.identity?.(req);
      const verdicts = pairs && byIp && byIdentity && identity !== undefined ? await countBoth(req, identity) : await countEach(req, identity);
      for (const { kind: limitKind, exceeded, ttlInSeconds } of verdicts) {
        if (!exceeded) continue;
        refused.inc({ route, kind: limitKind });
        req.log.warn({ route, kind: limitKind, ip: req.ip }, 'rate limit reached');
        const retryAfter = Math.max(1, ttlInSeconds);
        reply.header('retry-after', String(retryAfter));
        if (options.refuse) return options.refuse(req, reply, retryAfter);
        throw new AppError('too_many', `too many attempts from here; try again in ${retryAfter} s`, undefined, { messageId: 'error.rate_limited', reason: 'rate_limited' });
      }
      return undefined;
    };
  });
});

/** The identity a credential route names, reduced so that case and spacing do not make a new one. */
export const identityOf = (value: string | undefined): string | undefined => (value === undefined ? undefined : value.normalize('NFKC').toUpperCase().replace(/[\s.-]/g, ''));

declare module 'fastify' {
  interface FastifyInstance {
    /** A `preHandler` that throttles a credential route by address and by identity (see rate-limit.ts). */
    credentialGuard(route: CredentialRoute, options?: GuardOptions): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
  }
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * True when the header carries `Bearer <token>`. Both sides are hashed first so the comparison
 * takes the same time whatever the length or content of the guess.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const given = match?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

/** A hook that refuses with 401 unless the admin token is presented. */
export function requireAdmin(token: string) {
  return async (req: FastifyRequest): Promise<void> => {
    if (!bearerMatches(req.headers.authorization, token)) {
      throw new AppError('unauthorized', 'a valid admin token is required (Authorization: Bearer <token>)');
    }
  };
}

import type { LimitsConfig } from '../config/config.ts';
import type { KeyedHasher } from '../platform/crypto.ts';
import { AppError } from '../platform/errors.ts';

/** What a submitted one-time code turned out to be. */
export type CodeCheck = 'ok' | 'invalid' | 'expired' | 'exhausted' | 'not_found';

/** No one-time code lives longer than 10 minutes, whatever the caller asks (ASVS 2.7.2). */
export const MAX_CODE_TTL_SECONDS = 600;

/**
 * The keyed hash kept instead of the code. Purpose and subject are inside the hash, so the
 * same digits issued for another operation or flow never match (PSD2 RTS art. 5).
 */
export function codeHash(hasher: KeyedHasher, purpose: string, subject: string, code: string): string {
  return hasher.hash(`otp:${purpose}`, `${subject}:${code}`);
}

/** Constant-time check of a submitted code against the stored hash. */
export function codeMatches(hasher: KeyedHasher, purpose: string, subject: string, code: string, stored: string): boolean {
  return hasher.verify(`otp:${purpose}`, `${subject}:${code}`, stored);
}

/** The lifetime of a new code: the configured default, never above 10 minutes. */
export function codeTtlSeconds(limits: Pick<LimitsConfig, 'codeTtlSeconds'>, requested?: number): number {
  const ttl = requested ?? limits.codeTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < 1) throw new AppError('validation', 'a code lifetime is a positive whole number of seconds');
  return Math.min(ttl, MAX_CODE_TTL_SECONDS);
}

/** The attempts a new code allows: the configured limit unless the caller sets one. */
export function codeMaxAttempts(limits: Pick<LimitsConfig, 'codeAttempts'>, requested?: number): number {
  const max = requested ?? limits.codeAttempts;
  if (!Number.isInteger(max) || max < 1 || max > 10) throw new AppError('validation', 'a code allows 1 to 10 attempts');
  return max;
}

/** Why a code that could not be tried is not live: the answer for a caller. */
export function deadCodeStatus(row: { consumed_at: Date | null; expires_at: Date; attempts: number; max_attempts: number } | undefined, now: Date): CodeCheck {
  if (!row || row.consumed_at) return 'not_found';
  if (row.expires_at.getTime() <= now.getTime()) return 'expired';
  return 'exhausted';
}

/** Purposes and subjects are short identifiers chosen by our code, never customer input. */
export function checkCodeKey(purpose: string, subject: string): void {
  if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(purpose)) throw new AppError('validation', 'a code purpose is a short lower-case identifier');
  if (subject.length < 1 || subject.length > 200) throw new AppError('validation', 'a code subject is 1 to 200 characters');
}

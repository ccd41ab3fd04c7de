import type { CodeCheck } from '../customers/codes.ts';
import { newestCode } from '../customers/codes-store.ts';
import type { Executor } from '../platform/db/database.ts';
import type { AppError } from '../platform/errors.ts';
import { bankingError } from './errors.ts';

/** Attempts the newest code of a purpose and subject still allows (0 when there is none). */
export async function codeAttemptsLeft(ex: Executor, purpose: string, subject: string): Promise<number> {
  const row = await newestCode(ex, purpose, subject);
  return row ? Math.max(0, row.max_attempts - row.attempts) : 0;
}

/**
 * The answer for a code that did not verify: a wrong one says how many tries are left; a dead one
 * (expired, already used, never issued) asks for a new code; one whose tries ran out says so.
 */
export function codeRefusal(check: Exclude<CodeCheck, 'ok'>, attemptsLeft: number): AppError {
  if (check === 'invalid') return bankingError('invalid_code', 'wrong code', { attemptsLeft });
  if (check === 'exhausted') return bankingError('too_many', 'the code allows no more attempts', { attemptsLeft: 0 });
  return bankingError('expired_code', 'the code has expired or was already used; ask for a new one');
}

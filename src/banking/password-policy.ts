import { ZxcvbnFactory, type Score, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as esEs from '@zxcvbn-ts/language-es-es';

/**
 * The online-banking password policy, shared by the server and the web page (live meter): pure,
 * no Node-only import. Seed 001 advises 8 to 20 characters mixing cases, digits and symbols; we show
 * that as advice and enforce only a length window (ASVS §2.1.1-2.1.2: at least 8, up to 64 unless the
 * bank lowers it) and refuse weak or common passwords instead of forcing a composition (ASVS §2.1.9,
 * NIST SP 800-63B §5.1.1.2), measured by zxcvbn-ts with the Spanish, English and common dictionaries.
 */
export interface PasswordLimits {
  /** `limits.passwordMinLength` of the configuration. */
  minLength: number;
  /** `limits.passwordMaxLength` of the configuration. */
  maxLength: number;
}

export const DEFAULT_PASSWORD_LIMITS: PasswordLimits = { minLength: 8, maxLength: 64 };

/** Scores below this are refused (zxcvbn: 0 too guessable … 4 very unguessable). */
export const MIN_ACCEPTED_SCORE: Score = 2;

export type PasswordReason = 'too_short' | 'too_long' | 'too_common' | 'mismatch';

/** Words for the meter, by score: message ids in the catalogue (`banking.strength.<n>`) and their Spanish label. */
export const STRENGTH_LABELS_ES = ['Muy débil', 'Débil', 'Aceptable', 'Fuerte', 'Muy fuerte'] as const;
export const STRENGTH_LABELS_EN = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

export interface PasswordStrength {
  /** 0 (very weak) … 4 (very strong). */
  score: Score;
  /** The whole password (ignoring case) is in a common-password list. */
  common: boolean;
}

export interface PasswordVerdict extends PasswordStrength {
  ok: boolean;
  /** Why it is refused, the first failing rule in the order below; absent when ok. */
  reason?: PasswordReason;
}

let factory: ZxcvbnFactory | undefined;

/** Built once on first use: the dictionaries are large. */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...esEs.dictionary },
    graphs: common.adjacencyGraphs,
    translations: esEs.translations,
  });
  return factory;
}

/** Characters as a person counts them (code points, so an emoji is one). */
export function passwordLength(password: string): number {
  return [...password].length;
}

function isCommon(result: ZxcvbnResult, password: string): boolean {
  return result.sequence.some(
    (m) =>
      m.pattern === 'dictionary' &&
      typeof m.dictionaryName === 'string' &&
      m.dictionaryName.startsWith('passwords') &&
      m.i === 0 &&
      m.j === password.length - 1,
  );
}

/**
 * Strength of a password; `userInputs` (name, user code, …) count as known words.
 * Only the first 100 characters are measured, so a long paste stays fast in the browser.
 */
export function passwordStrength(password: string, userInputs: readonly string[] = []): PasswordStrength {
  if (password.length === 0) return { score: 0, common: false };
  const measured = password.slice(0, 100);
  const result = zxcvbn().check(measured, userInputs.filter((s) => s.length > 0));
  return { score: result.score, common: isCommon(result, measured) };
}

/**
 * The verdict on a new password: length window, then repeat match, then strength (score ≥ 2 and not
 * a common password). `repeat` is left out when only the strength meter asks.
 */
export function checkNewPassword(
  password: string,
  limits: PasswordLimits,
  options: { repeat?: string; userInputs?: readonly string[] } = {},
): PasswordVerdict {
  const length = passwordLength(password);
  const strength =
    length >= limits.minLength && length <= limits.maxLength
      ? passwordStrength(password, options.userInputs)
      : { score: 0 as Score, common: false };
  const refuse = (reason: PasswordReason): PasswordVerdict => ({ ok: false, reason, ...strength });
  if (length < limits.minLength) return refuse('too_short');
  if (length > limits.maxLength) return refuse('too_long');
  if (options.repeat !== undefined && options.repeat !== password) return refuse('mismatch');
  if (strength.common || strength.score < MIN_ACCEPTED_SCORE) return refuse('too_common');
  return { ok: true, ...strength };
}

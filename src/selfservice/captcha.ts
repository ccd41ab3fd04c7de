import { createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Challenge } from 'altcha-lib/types';
import type { WebConfig } from '../config/config.ts';
import type { Clock } from '../platform/clock.ts';
import type { KeyedHasher } from '../platform/crypto.ts';

/**
 * The self-hosted captcha of step 1 ("No soy un robot", seed 001): an ALTCHA proof of work
 * (altcha-lib v2, SHA-256, deterministic mode). The browser must try about `captchaMaxNumber`
 * hashes; the server checks the answer with one HMAC. No outside service is called.
 * Both HMAC secrets are derived from the server secret through the keyed hasher, so there is
 * nothing new to configure and rotating SECRET_KEY rotates them too.
 */
export interface CaptchaDeps {
  hasher: KeyedHasher;
  clock: Clock;
  config: { web: Pick<WebConfig, 'captchaMaxNumber' | 'captchaTtlSeconds'> };
}

const ALGORITHM = 'SHA-256';

function secrets(hasher: KeyedHasher): { hmacSignatureSecret: string; hmacKeySignatureSecret: string } {
  return { hmacSignatureSecret: hasher.hash('altcha.challenge', 'v2'), hmacKeySignatureSecret: hasher.hash('altcha.key', 'v2') };
}

/** A new signed challenge; the solver's work is a random counter between half and all of `captchaMaxNumber`. */
export function newChallenge(deps: CaptchaDeps): Promise<Challenge> {
  const { captchaMaxNumber: max, captchaTtlSeconds: ttl } = deps.config.web;
  return createChallenge({
    algorithm: ALGORITHM,
    cost: 1,
    counter: randomInt(max, Math.ceil(max / 2)),
    deriveKey,
    expiresAt: new Date(deps.clock.now().getTime() + ttl * 1000),
    ...secrets(deps.hasher),
  });
}

/** A solved challenge, ready to be spent once; or why the payload is refused (for the audit, never the page). */
export type CaptchaCheck = { ok: true; nonce: string; expiresAt: Date } | { ok: false; why: 'missing' | 'malformed' | 'expired' | 'invalid' };

interface Payload {
  challenge: Challenge;
  solution: { counter: number; derivedKey: string };
}

/** The widget's field: base64 of `{ challenge, solution }`; anything else (the widget's test mode too) is malformed. */
export function parsePayload(raw: string): Payload | null {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as Partial<Payload> | null;
    const params = value?.challenge?.parameters;
    const solution = value?.solution;
    if (!params || typeof params !== 'object' || typeof params.nonce !== 'string' || typeof value?.challenge?.signature !== 'string') return null;
    if (!solution || typeof solution.counter !== 'number' || typeof solution.derivedKey !== 'string') return null;
    return value as Payload;
  } catch {
    return null;
  }
}

/**
 * Checks a widget payload: our signature, our algorithm, not expired by our clock, and the
 * proof of work. Spending it (so it is not replayed) is the store's job, after this passes.
 */
export async function checkCaptcha(deps: CaptchaDeps, raw: string | undefined): Promise<CaptchaCheck> {
  if (!raw) return { ok: false, why: 'missing' };
  const payload = parsePayload(raw);
  if (!payload || payload.challenge.parameters.algorithm !== ALGORITHM) return { ok: false, why: 'malformed' };
  const expiresAtSeconds = payload.challenge.parameters.expiresAt;
  if (typeof expiresAtSeconds !== 'number') return { ok: false, why: 'malformed' };
  const expiresAt = new Date(expiresAtSeconds * 1000);
  try {
    const result = await verifySolution({ challenge: payload.challenge, solution: payload.solution, deriveKey, ...secrets(deps.hasher) });
    if (result.expired) return { ok: false, why: 'expired' };
    if (!result.verified) return { ok: false, why: 'invalid' };
  } catch {
    return { ok: false, why: 'malformed' };
  }
  // The signature covers expiresAt, so it is ours; the library compared it with the wall clock, we compare with ours.
  if (expiresAt.getTime() <= deps.clock.now().getTime()) return { ok: false, why: 'expired' };
  return { ok: true, nonce: payload.challenge.parameters.nonce, expiresAt };
}

import { describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.ts';
import { createKeyedHasher } from '../platform/crypto.ts';
import { checkCaptcha, newChallenge, parsePayload } from './captcha.ts';
import { solvePayload } from './test-support.ts';

// altcha-lib also checks the expiry against the wall clock, so the test clock starts at the real time.
const deps = (clock = new ManualClock(new Date())) => ({ hasher: createKeyedHasher('b2'.repeat(32)), clock, config: { web: { captchaMaxNumber: 1000, captchaTtlSeconds: 60 } } });

describe('recovery captcha (ALTCHA proof of work)', () => {
  it('accepts a solved challenge of ours, once checked (spending is the store\'s)', async () => {
    const d = deps();
    const payload = await solvePayload(await newChallenge(d));
    const check = await checkCaptcha(d, payload);
    expect(check).toMatchObject({ ok: true, nonce: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('refuses a missing, malformed, foreign or expired payload', async () => {
    const d = deps();
    expect(await checkCaptcha(d, undefined)).toEqual({ ok: false, why: 'missing' });
    expect(await checkCaptcha(d, 'not base64 json')).toEqual({ ok: false, why: 'malformed' });
    expect(parsePayload(Buffer.from(JSON.stringify({ challenge: null, solution: null, test: true })).toString('base64'))).toBeNull();
    const other = deps();
    (other as { hasher: unknown }).hasher = createKeyedHasher('c3'.repeat(32));
    const foreign = await solvePayload(await newChallenge(other));
    expect(await checkCaptcha(d, foreign)).toEqual({ ok: false, why: 'invalid' });
    const clock = new ManualClock(new Date());
    const timed = deps(clock);
    const solved = await solvePayload(await newChallenge(timed));
    clock.advance(61_000);
    expect(await checkCaptcha(timed, solved)).toEqual({ ok: false, why: 'expired' });
  });
});

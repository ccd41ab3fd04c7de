import { describe, expect, it } from 'vitest';
import { cachedTwiml, renderTwiml, type TwimlOptions } from './twiml.ts';
import type { Turn } from './turn.ts';

const options = (base: string): TwimlOptions & { base: string } => ({
  base,
  turnUrl: (turn, timeout) => `${base}/ivr/twilio/turn?turn=${turn}${timeout ? '&timeout=1' : ''}`,
  dialUrl: `${base}/ivr/twilio/dial`,
  voices: { es: 'Polly.Lucia', en: 'Polly.Amy' },
});

const menu: Turn['effects'] = [
  { type: 'say', prompt: 'ivr.reprompt.invalid', locale: 'es' },
  { type: 'gather', numDigits: 1, finishOnKey: '', timeoutSeconds: 6, prompts: [{ prompt: 'ivr.language.greeting', locale: 'es' }] },
] as Turn['effects'];

describe('cachedTwiml: the TwiML of impersonal turns kept', () => {
  it('answers exactly what renderTwiml answers, for the same turn, base and words', () => {
    const twiml = cachedTwiml();
    const fresh = renderTwiml(menu, 3, options('https://a.test'));
    expect(twiml(menu, 3, options('https://a.test'))).toBe(fresh);
    expect(twiml(menu, 3, options('https://a.test'))).toBe(fresh);
    // Another turn or another base URL is another answer.
    expect(twiml(menu, 4, options('https://a.test'))).toBe(renderTwiml(menu, 4, options('https://a.test')));
    expect(twiml(menu, 3, options('https://b.test'))).toContain('https://b.test/ivr/twilio/turn?turn=3');
  });

  it('keeps nothing said of one caller (filled placeholders) or any secret', () => {
    let renders = 0;
    const o = options('https://a.test');
    const counting = { ...o, turnUrl: (t: number, timeout: boolean) => (renders++, o.turnUrl(t, timeout)) };
    const ask = (say: object): Turn['effects'] => [say, { type: 'gather', numDigits: 1, finishOnKey: '', timeoutSeconds: 6, prompts: [{ prompt: 'ivr.language.greeting', locale: 'es' }] }] as Turn['effects'];
    const own = ask({ type: 'say', prompt: 'ivr.onlineBanking.done', locale: 'es', params: { mobileEnding: '3, 3, 1' } });
    const secret = ask({ type: 'say', prompt: 'ivr.signingCode.read', locale: 'es', params: { digits: '5, 1, 2' }, secret: true });
    const twiml = cachedTwiml();
    for (const effects of [own, secret, menu]) {
      const first = twiml(effects, 2, counting);
      const before = renders;
      expect(twiml(effects, 2, counting)).toBe(first);
      // Rendered again (turnUrl asked again) unless the turn says nothing of the caller's own.
      expect(renders > before).toBe(effects !== menu);
    }
    expect(twiml(own, 2, counting)).toContain('3, 3, 1');
  });

  it('holds at most `limit` answers, dropping the least recently used', () => {
    let renders = 0;
    const o = options('https://a.test');
    const counting = { ...o, turnUrl: (t: number, timeout: boolean) => (renders++, o.turnUrl(t, timeout)) };
    const twiml = cachedTwiml(2);
    twiml(menu, 1, counting);
    twiml(menu, 2, counting);
    twiml(menu, 1, counting); // 1 is now the most recent
    twiml(menu, 3, counting); // drops 2
    const before = renders;
    twiml(menu, 1, counting);
    expect(renders).toBe(before);
    twiml(menu, 2, counting);
    expect(renders).toBeGreaterThan(before);
  });
});

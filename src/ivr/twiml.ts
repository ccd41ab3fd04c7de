import twilio from 'twilio';
import type { Locale } from '../i18n/catalogue.ts';
import type { Say } from './state.ts';
import { ivrText } from './text.ts';
import type { Turn } from './turn.ts';

type SayAttributes = Parameters<InstanceType<typeof twilio.twiml.VoiceResponse>['say']>[0];

export interface TwimlOptions {
  /** URL of the next turn's webhook; `timeout` marks the Redirect that follows a Gather. */
  turnUrl(turn: number, timeout: boolean): string;
  /** URL the provider requests when a transfer's Dial ends (answered or not): the Dial's `action`. */
  dialUrl: string;
  voices: Record<Locale, string>;
}

const LANGUAGE: Record<Locale, string> = { es: 'es-ES', en: 'en-GB' };

/**
 * The TwiML of a turn's effects. A Gather holds its prompts (a key cuts them short) and posts
 * the keys to the next turn; Twilio goes on with the next verb when nobody presses a key, so a
 * Gather that ends the response is followed by a Redirect reporting the timeout.
 */
export function renderTwiml(effects: Turn['effects'], nextTurn: number, options: TwimlOptions): string {
  const response = new twilio.twiml.VoiceResponse();
  const attributes = (s: Say) => ({ language: LANGUAGE[s.locale], voice: options.voices[s.locale] }) as SayAttributes;
  const words = (s: Say) => ivrText(s.prompt, s.locale, s.params ?? {});
  effects.forEach((effect, i) => {
    switch (effect.type) {
      case 'say':
        response.say(attributes(effect), words(effect));
        break;
      case 'gather': {
        const gather = response.gather({
          input: ['dtmf'],
          numDigits: effect.numDigits,
          finishOnKey: effect.finishOnKey,
          timeout: effect.timeoutSeconds,
          action: options.turnUrl(nextTurn, false),
          method: 'POST',
          actionOnEmptyResult: false,
        });
        for (const prompt of effect.prompts) gather.say(attributes(prompt), words(prompt));
        if (i === effects.length - 1) response.redirect({ method: 'POST' }, options.turnUrl(nextTurn, true));
        break;
      }
      case 'transfer':
        // Rings the agent line for `timeoutSeconds`; however the Dial ends, the provider asks
        // `dialUrl` what next (the unanswered caller hears the hours and the other ways).
        response.dial({ timeout: effect.timeoutSeconds, action: options.dialUrl, method: 'POST' }, effect.number);
        break;
      case 'hangup':
        response.hangup();
        break;
    }
  });
  return response.toString();
}

/**
 * Effects that say nothing of one caller's own (no placeholder filled, no secret): their TwiML
 * depends only on the words, the turn and the base URL, so it can be kept and reused.
 */
function impersonal(effects: Turn['effects']): boolean {
  const plain = (s: Say) => s.params === undefined && !s.secret;
  return effects.every((e) => (e.type === 'say' ? plain(e) : e.type === 'gather' ? e.prompts.every(plain) : true));
}

/**
 * `renderTwiml` with the answers of impersonal turns kept (the menus, the questions, the generic
 * refusal: most webhooks), at most `limit` of them, the least recently used dropped first.
 * Building TwiML with the SDK is the largest single cost of a turn after the database; what a
 * caller typed or is told of their own is never kept.
 */
export function cachedTwiml(limit = 1000): (effects: Turn['effects'], nextTurn: number, options: TwimlOptions & { base: string }) => string {
  const kept = new Map<string, string>();
  return (effects, nextTurn, options) => {
    if (!impersonal(effects)) return renderTwiml(effects, nextTurn, options);
    const key = `${options.base} ${nextTurn} ${JSON.stringify(effects)}`;
    const hit = kept.get(key);
    if (hit !== undefined) {
      kept.delete(key);
      kept.set(key, hit);
      return hit;
    }
    const twiml = renderTwiml(effects, nextTurn, options);
    kept.set(key, twiml);
    if (kept.size > limit) kept.delete(kept.keys().next().value!);
    return twiml;
  };
}

/**
 * The effects as they may be kept for a retried webhook: a code read out is never stored, so
 * from the first secret on, the retry hears that it cannot be repeated, then how the turn ended.
 */
export function withoutSecrets(effects: Turn['effects'], notRepeated: Say['prompt']): Turn['effects'] {
  const first = effects.findIndex((e) => e.type === 'say' && e.secret);
  if (first < 0) return effects;
  let last = first;
  effects.forEach((e, i) => void (e.type === 'say' && e.secret && (last = i)));
  const locale = (effects[first] as Say).locale;
  const tail = effects.slice(last + 1).filter((e) => e.type !== 'gather');
  return [...effects.slice(0, first), { type: 'say', prompt: notRepeated, locale }, ...tail];
}

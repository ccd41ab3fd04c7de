import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import type { App } from '../http/app.ts';

/**
 * A phone for tests that behaves as Twilio does (imported only by `*.test.ts`): it signs every
 * webhook, posts the keys to the Gather's action, follows the Redirect after a Gather when it
 * "waits", and reads what the line says from the TwiML.
 */
export interface Heard {
  xml: string;
  says: { text: string; language: string }[];
  gather?: { action: string; numDigits: number; finishOnKey: string };
  redirect?: string;
  dial?: string;
  hangup: boolean;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
};

/** What a TwiML document makes the caller hear, and where the next webhook goes. */
export function parseTwiml(xml: string): Heard {
  const says = [...xml.matchAll(/<Say([^>]*)>([^<]*)<\/Say>/g)].map((m) => ({ text: decode(m[2]!), language: attr(m[1]!, 'language') ?? '' }));
  const gathers = [...xml.matchAll(/<Gather([^>]*)>/g)].map((m) => m[1]!);
  const last = gathers.at(-1);
  const redirect = /<Redirect[^>]*>([^<]*)<\/Redirect>/.exec(xml)?.[1];
  const dial = /<Dial[^>]*>([^<]*)<\/Dial>/.exec(xml)?.[1];
  return {
    xml,
    says,
    ...(last ? { gather: { action: attr(last, 'action')!, numDigits: Number(attr(last, 'numDigits')), finishOnKey: attr(last, 'finishOnKey') ?? '#' } } : {}),
    ...(redirect ? { redirect: decode(redirect) } : {}),
    ...(dial ? { dial: decode(dial) } : {}),
    hangup: /<Hangup\/>/.test(xml),
  };
}

/** Posts form parameters to an absolute URL of the app, signed as Twilio would sign them. */
export function signedPost(app: App, url: string, params: Record<string, string>, token: string, signature?: string) {
  const target = new URL(url);
  return app.inject({
    method: 'POST',
    url: target.pathname + target.search,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature ?? twilio.getExpectedTwilioSignature(token, url, params),
    },
    payload: new URLSearchParams(params).toString(),
  });
}

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;

export interface PhoneOptions {
  base: string;
  token: string;
  from: string | null;
  to: string;
  callSid?: string;
}

export class TestPhone {
  readonly callSid: string;
  last: Heard | undefined;
  /** Every document heard, in order. */
  readonly log: Heard[] = [];

  constructor(
    private app: App,
    private options: PhoneOptions,
  ) {
    this.callSid = options.callSid ?? newCallSid();
  }

  /** Places the call (`query` picks a line or a language, e.g. `?line=signature&lang=en`). */
  dial(query = ''): Promise<Heard> {
    const params: Record<string, string> = { CallSid: this.callSid, To: this.options.to, CallStatus: 'ringing', Direction: 'inbound' };
    if (this.options.from !== null) params.From = this.options.from;
    return this.post(`${this.options.base}/ivr/twilio/voice${query}`, params);
  }

  /** Types keys into the current Gather. */
  press(digits: string): Promise<Heard> {
    const action = this.last?.gather?.action;
    if (!action) throw new Error(`nothing is listening for keys:\n${this.last?.xml}`);
    return this.post(action, { CallSid: this.callSid, Digits: digits });
  }

  /** Stays silent: Twilio follows the Redirect after the Gather. */
  wait(): Promise<Heard> {
    const redirect = this.last?.redirect;
    if (!redirect) throw new Error(`no Redirect to follow:\n${this.last?.xml}`);
    return this.post(redirect, { CallSid: this.callSid });
  }

  /** The status callback the provider sends when the call is over. */
  async hangUp(status = 'completed', duration?: number): Promise<number> {
    const params: Record<string, string> = { CallSid: this.callSid, CallStatus: status };
    if (duration !== undefined) params.CallDuration = String(duration);
    return (await signedPost(this.app, `${this.options.base}/ivr/twilio/status`, params, this.options.token)).statusCode;
  }

  /** Presses each entry in turn (`wait` for silence) and returns the last thing heard. */
  async walk(keys: readonly string[]): Promise<Heard> {
    let heard = this.last!;
    for (const key of keys) heard = key === 'wait' ? await this.wait() : await this.press(key);
    return heard;
  }

  /** All the words heard so far. */
  transcript(): string {
    return this.log.flatMap((h) => h.says.map((s) => s.text)).join('\n');
  }

  private async post(url: string, params: Record<string, string>): Promise<Heard> {
    const res = await signedPost(this.app, url, params, this.options.token);
    if (res.statusCode !== 200) throw new Error(`webhook ${url} answered ${res.statusCode}: ${res.body}`);
    this.last = parseTwiml(res.body);
    this.log.push(this.last);
    return this.last;
  }
}

import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

/**
 * A software phone that behaves as Twilio does: it signs every webhook, posts the keys to the
 * Gather's action, follows the Redirect after a Gather when the caller stays silent, and reads
 * what the line says from the TwiML. The terminal phone (`cerrojo call`), the web phone's
 * simulator and the tests all drive calls through it; only the transport differs.
 */
export interface Heard {
  xml: string;
  says: { text: string; language: string }[];
  gather?: { action: string; numDigits: number; finishOnKey: string };
  redirect?: string;
  dial?: string;
  /** Where the provider reports how the Dial ended (the Dial's `action`), and how long it rings. */
  dialAction?: string;
  dialTimeout?: number;
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
  const dialMatch = /<Dial([^>]*)>([^<]*)<\/Dial>/.exec(xml);
  const dial = dialMatch?.[2];
  const dialAction = dialMatch ? attr(dialMatch[1]!, 'action') : undefined;
  const dialTimeout = dialMatch ? attr(dialMatch[1]!, 'timeout') : undefined;
  const hangup = /<Hangup\/>/.test(xml);
  // A document that ends the call by itself (the signing code read three times, with "press any
  // key to finish" between) goes on to its end when nobody presses: the phone just listens.
  const ends = hangup || !!dial;
  return {
    xml,
    says,
    ...(last && !ends ? { gather: { action: attr(last, 'action')!, numDigits: Number(attr(last, 'numDigits')), finishOnKey: attr(last, 'finishOnKey') ?? '#' } } : {}),
    ...(redirect ? { redirect: decode(redirect) } : {}),
    ...(dial ? { dial: decode(dial) } : {}),
    ...(dialAction ? { dialAction } : {}),
    ...(dialTimeout ? { dialTimeout: Number(dialTimeout) } : {}),
    hangup,
  };
}

/** Sends one signed, form-encoded webhook to an absolute URL and returns the answer. */
export type Transport = (url: string, form: string, signature: string) => Promise<{ statusCode: number; body: string }>;

/** A transport over the network (a server running elsewhere). */
export const fetchTransport: Transport = async (url, form, signature) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: form,
  });
  return { statusCode: res.status, body: await res.text() };
};

/** The signature Twilio would put on these parameters for this URL. */
export const sign = (token: string, url: string, params: Record<string, string>) => twilio.getExpectedTwilioSignature(token, url, params);

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;

export interface PhoneOptions {
  base: string;
  token: string;
  from: string | null;
  to: string;
  callSid?: string;
}

export class Softphone {
  readonly callSid: string;
  last: Heard | undefined;
  /** Every document heard, in order. */
  readonly log: Heard[] = [];

  constructor(
    private transport: Transport,
    private options: PhoneOptions,
  ) {
    this.callSid = options.callSid ?? newCallSid();
  }

  /** Whether the call is over (the line hung up or transferred). */
  get ended(): boolean {
    return !!this.last && !this.last.gather && !this.last.redirect;
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

  /**
   * The transfer's Dial is over: the provider posts its `DialCallStatus` (`no-answer`, `busy`,
   * `failed`, `canceled`, or `completed` when a person answered) to the Dial's action.
   */
  dialEnds(status: string, duration?: number): Promise<Heard> {
    const action = this.last?.dialAction;
    if (!action) throw new Error(`no Dial with an action to end:\n${this.last?.xml}`);
    const params: Record<string, string> = { CallSid: this.callSid, DialCallStatus: status, CallStatus: 'in-progress' };
    if (duration !== undefined) params.DialCallDuration = String(duration);
    return this.post(action, params);
  }

  /** The status callback the provider sends when the call is over. */
  async hangUp(status = 'completed', duration?: number): Promise<number> {
    const params: Record<string, string> = { CallSid: this.callSid, CallStatus: status };
    if (duration !== undefined) params.CallDuration = String(duration);
    return (await this.send(`${this.options.base}/ivr/twilio/status`, params)).statusCode;
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

  private send(url: string, params: Record<string, string>) {
    return this.transport(url, new URLSearchParams(params).toString(), sign(this.options.token, url, params));
  }

  private async post(url: string, params: Record<string, string>): Promise<Heard> {
    const res = await this.send(url, params);
    if (res.statusCode !== 200) throw new Error(`webhook ${url} answered ${res.statusCode}: ${res.body}`);
    this.last = parseTwiml(res.body);
    this.log.push(this.last);
    return this.last;
  }
}

import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { normalizePhone } from '../customers/phone.ts';
import { t, type Locale } from '../i18n/catalogue.ts';
import { DEV_TWILIO_AUTH_TOKEN } from './settings.ts';
import { fetchTransport, Softphone, type Heard, type Transport } from './softphone.ts';

/**
 * The terminal phone (`cerrojo call`): places a call to a running server over the same signed
 * webhooks Twilio would send, prints what the line says, sends the keys typed at `keys> `, and
 * shows the SMS the dev sink delivers to the calling phone. Works on a TTY and on piped stdin.
 */
export interface TerminalPhoneOptions {
  /** The server, e.g. `http://localhost:3000`; also the webhook base its signatures are checked against. */
  url: string;
  /** The server's Twilio auth token (the dev-mode token when absent). */
  token?: string | undefined;
  /** The calling phone (caller id), as people type it. */
  from: string;
  /** The number dialled, as people type it. */
  to: string;
  /** The phone's own language; also the call's language on a line without a language menu. */
  lang?: Locale | undefined;
  input: Readable;
  output: Writable;
  /** How often the dev message list is polled for SMS while waiting (ms). */
  pollMs?: number;
  /** How long to keep looking for SMS once the call is over, at most (ms). */
  lingerMs?: number;
  /** Hangs up (as Ctrl-C does) when aborted. */
  signal?: AbortSignal;
}

/** Exit codes: the call ran; it could not run (server, token); the arguments were wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Why the call could not go on; `message` is already in the phone's language. */
class PhoneError extends Error {}

type Outcome = 'transferred' | 'lineHungUp' | 'youHungUp';

/** Runs one call from the terminal and resolves to the process exit code. */
export async function runTerminalPhone(options: TerminalPhoneOptions): Promise<number> {
  const lang = options.lang ?? 'es';
  const write = (line: string) => void options.output.write(`${line}\n`);
  const base = parseBase(options.url);
  const from = normalizePhone(options.from);
  const to = normalizePhone(options.to);
  if (!base) return (write(t('phone.terminal.error.badUrl', lang, { url: options.url })), EXIT.usage);
  for (const [raw, parsed] of [[options.from, from], [options.to, to]] as const) {
    if (!parsed.ok) return (write(t('phone.terminal.error.badPhone', lang, { phone: raw })), EXIT.usage);
  }
  if (!from.ok || !to.ok) return EXIT.usage;

  const phone = new Softphone(checkedTransport(base, lang), { base, token: options.token ?? DEV_TWILIO_AUTH_TOKEN, from: from.e164, to: to.e164 });
  const keys = new KeyReader(options.input, options.output, { prompt: t('phone.terminal.prompt', lang), badKeys: t('phone.terminal.badKeys', lang) }, options.signal);
  const say = (line: string) => keys.print(line);
  const sms = new SmsWatcher(base, from.e164, lang, say);
  const started = Date.now();
  let answered = false;
  try {
    say(t('phone.terminal.calling', lang, { to: to.e164, from: from.e164, url: base }));
    await sms.start();
    let heard = await phone.dial(options.lang ? `?lang=${options.lang}` : '');
    answered = true;
    say(t('phone.terminal.help', lang));
    let outcome: Outcome | undefined;
    while (!outcome) {
      print(heard, lang, say);
      await sms.poll();
      if (heard.dial) outcome = 'transferred';
      else if (phone.ended) outcome = 'lineHungUp';
      else if (!heard.gather) heard = await phone.wait(); // a Redirect with nothing to answer: follow it
      else {
        const typed = await keys.next(() => sms.poll(), options.pollMs ?? 1000);
        const digits = typed === null ? null : gatheredDigits(typed, heard.gather);
        // Nothing before the finish key is silence too: Twilio then goes on to the Redirect.
        if (digits === null) outcome = 'youHungUp';
        else if (digits) heard = await phone.press(digits);
        else {
          say(t('phone.terminal.silence', lang));
          heard = await phone.wait();
        }
      }
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    await phone.hangUp('completed', seconds);
    if (outcome === 'youHungUp') say(t('phone.terminal.youHungUp', lang));
    await sms.linger(options.lingerMs ?? 4000, options.pollMs ?? 1000, () => keys.interrupted);
    say(t('phone.terminal.ended', lang, { outcome: t(`phone.terminal.outcome.${outcome}`, lang), seconds }));
    return EXIT.ok;
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
    // The server may still hold the call open: tell it the call is over, if it can hear us.
    if (answered) await phone.hangUp('completed', Math.round((Date.now() - started) / 1000)).catch(() => undefined);
    return EXIT.failed;
  } finally {
    keys.close();
  }
}

/** The server's origin and path without a trailing slash, or null when it is not http(s). */
function parseBase(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** The network transport, turning refusals into errors that tell the user what to do. */
function checkedTransport(base: string, lang: Locale): Transport {
  return async (url, form, signature) => {
    let res: Awaited<ReturnType<Transport>>;
    try {
      res = await fetchTransport(url, form, signature);
    } catch {
      throw new PhoneError(t('phone.terminal.error.unreachable', lang, { url: base }));
    }
    if (res.statusCode === 403) throw new PhoneError(t('phone.terminal.error.forbidden', lang));
    if (res.statusCode >= 300) throw new PhoneError(t('phone.terminal.error.http', lang, { status: res.statusCode, url }));
    return res;
  };
}

/** Prints one answer of the line: its words, then a transfer or a hang-up. */
function print(heard: Heard, lang: Locale, say: (line: string) => void): void {
  for (const s of heard.says) say(`🔊 ${s.text}`);
  if (heard.dial) say(t('phone.terminal.transferred', lang, { number: heard.dial }));
  else if (heard.hangup) say(t('phone.terminal.lineHungUp', lang));
}

// Twilio posts at most this many keys of a Gather without numDigits (and the webhook accepts no more).
const MAX_KEYS = 32;

/** What Twilio would post for a line of keys: up to the finish key, at most `numDigits` of them. */
export function gatheredDigits(line: string, gather: { numDigits: number; finishOnKey: string }): string {
  const max = Number.isInteger(gather.numDigits) && gather.numDigits > 0 ? Math.min(gather.numDigits, MAX_KEYS) : MAX_KEYS;
  let digits = '';
  for (const key of line) {
    if (gather.finishOnKey && key === gather.finishOnKey) break;
    digits += key;
    if (digits.length >= max) break;
  }
  return digits;
}

/**
 * Lines typed by the caller, queued as they come (piped keys may all arrive at once). `next`
 * resolves to the keys to send ('' for silence) or null once the caller hung up: at the end of
 * the input (Ctrl-D, after the lines already typed) or at once on Ctrl-C.
 */
class KeyReader {
  private readonly rl: Interface;
  private readonly lines: string[] = [];
  private readonly terminal: boolean;
  private ended = false;
  /** Ctrl-C (or the abort signal): stop at once. */
  interrupted = false;
  private prompting = false;
  private wake: (() => void) | undefined;

  constructor(
    input: Readable,
    private readonly output: Writable,
    private readonly texts: { prompt: string; badKeys: string },
    signal?: AbortSignal,
  ) {
    this.terminal = Boolean((input as { isTTY?: boolean }).isTTY && (output as { isTTY?: boolean }).isTTY);
    this.rl = createInterface({ input, ...(this.terminal ? { output, terminal: true } : { terminal: false }) });
    this.rl.setPrompt(texts.prompt);
    this.rl.on('line', (line) => (this.lines.push(line), this.wake?.()));
    this.rl.on('close', () => ((this.ended = true), this.wake?.()));
    const interrupt = () => ((this.interrupted = true), this.rl.close());
    this.rl.on('SIGINT', interrupt);
    if (signal?.aborted) interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
  }

  /** The next line of keys, running `tick` every `everyMs` while the caller thinks. */
  async next(tick: () => Promise<void>, everyMs: number): Promise<string | null> {
    this.showPrompt();
    for (;;) {
      if (this.interrupted) return this.done();
      const line = this.lines.shift();
      if (line !== undefined) {
        this.prompting = false;
        if (!this.terminal) this.output.write(`${line}\n`); // a terminal echoes what is typed; a pipe does not
        const keys = line.replace(/\s+/g, '');
        if (/^[0-9*#]*$/.test(keys)) return keys;
        this.print(this.texts.badKeys);
        this.showPrompt();
        continue;
      }
      if (this.ended) return this.done();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, everyMs);
        this.wake = () => (clearTimeout(timer), resolve());
      });
      this.wake = undefined;
      if (this.lines.length === 0 && !this.ended) await tick();
    }
  }

  /** Writes a line, keeping the prompt (and what is half typed) below it. */
  print(line: string): void {
    if (!this.prompting) return void this.output.write(`${line}\n`);
    if (this.terminal) {
      clearLine(this.output, 0);
      cursorTo(this.output, 0);
      this.output.write(`${line}\n`);
      this.rl.prompt(true);
    } else {
      this.output.write(`\n${line}\n${this.texts.prompt}`);
    }
  }

  close(): void {
    this.rl.close();
  }

  private done(): null {
    if (this.prompting) this.output.write('\n');
    this.prompting = false;
    return null;
  }

  private showPrompt(): void {
    this.prompting = true;
    if (this.terminal) this.rl.prompt(true);
    else this.output.write(this.texts.prompt);
  }
}

interface DevMessage {
  id: number;
  body: string;
}

/** Polls the dev message list for SMS to the calling phone that arrived since the call began. */
class SmsWatcher {
  private since = 0;
  private available = true;
  private busy: Promise<number> | undefined;

  constructor(
    private readonly base: string,
    private readonly phone: string,
    private readonly lang: Locale,
    private readonly say: (line: string) => void,
  ) {}

  /** Marks what was already there, so only this call's SMS are shown. */
  async start(): Promise<void> {
    const newest = await this.fetch({ limit: '1' });
    this.since = newest?.[0]?.id ?? 0;
  }

  /** Prints the SMS that arrived since the last look. */
  async poll(): Promise<void> {
    await this.pollCount();
  }

  /** Once the call is over: looks for SMS until one arrives, `ms` pass or the caller quits. */
  async linger(ms: number, everyMs: number, quit: () => boolean): Promise<void> {
    const until = Date.now() + ms;
    while (this.available && Date.now() < until && !quit()) {
      if ((await this.pollCount()) > 0) return;
      await new Promise((r) => setTimeout(r, Math.min(everyMs, Math.max(0, until - Date.now()))));
    }
  }

  // One request at a time: a tick firing while a turn's poll is still out waits for it.
  private pollCount(): Promise<number> {
    this.busy ??= this.pollOnce().finally(() => (this.busy = undefined));
    return this.busy;
  }

  private async pollOnce(): Promise<number> {
    const messages = await this.fetch({ since: String(this.since), limit: '50' });
    if (!messages?.length) return 0;
    for (const m of [...messages].reverse()) {
      this.say(t('phone.terminal.sms', this.lang, { body: m.body.replace(/\s*\n\s*/g, ' ') }));
      this.since = Math.max(this.since, m.id);
    }
    return messages.length;
  }

  /** The SMS list, newest first; undefined when it cannot be had (it is a convenience, never fatal). */
  private async fetch(query: Record<string, string>): Promise<DevMessage[] | undefined> {
    if (!this.available) return undefined;
    const params = new URLSearchParams({ to: this.phone, channel: 'sms', ...query });
    try {
      const res = await fetch(`${this.base}/api/dev/messages?${params}`);
      if (res.status === 404) {
        this.available = false;
        this.say(t('phone.terminal.smsUnavailable', this.lang));
        return undefined;
      }
      if (!res.ok) return undefined;
      return ((await res.json()) as { messages: DevMessage[] }).messages;
    } catch {
      return undefined;
    }
  }
}

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Stand-ins for the providers, counting what they accept: Twilio's Messages API over HTTP and a
 * real SMTP server. A message sent twice shows as two accepted messages (the dev sink would hide
 * it: it keeps one row per outbox id).
 */

export const TWILIO_SID = `AC${'0'.repeat(31)}7`;

/**
 * What the fake Twilio does with a message to one recipient: answer at once (201, the message
 * accepted), hold it (read but never answered, never accepted: the provider did not take it), or
 * accept it and never answer (the provider took it and the answer was lost).
 */
export type TwilioPlan = 'answer' | 'hold' | 'acceptThenHang';

export interface TwilioRequest {
  to: string;
  from: string;
  body: string;
  /** The provider took the message (it will reach the phone); its sid. */
  sid?: string;
  /** The answer went out complete. */
  answered: boolean;
  /** The connection closed before any answer was written (the client died or gave up). */
  dropped: boolean;
}

export interface FakeTwilio {
  url: string;
  requests: TwilioRequest[];
  plans: Map<string, TwilioPlan>;
  /** Messages the provider took, optionally only those to `to`. */
  accepted(to?: string): TwilioRequest[];
  close(): Promise<void>;
}

/** A stand-in for Twilio's Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`) that records every request. */
export async function startFakeTwilio(): Promise<FakeTwilio> {
  const requests: TwilioRequest[] = [];
  const plans = new Map<string, TwilioPlan>();
  let sids = 0;
  const server = createServer(async (req, res) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`) {
      return res.writeHead(404, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify({ code: 20404, message: 'not found', status: 404 }));
    }
    const rec: TwilioRequest = { to: form.To ?? '', from: form.From ?? '', body: form.Body ?? '', answered: false, dropped: false };
    requests.push(rec);
    res.on('close', () => {
      if (!res.headersSent) rec.dropped = true;
    });
    const plan = plans.get(rec.to) ?? 'answer';
    if (plan === 'hold') return;
    rec.sid = `SM${String(++sids).padStart(32, '0')}`;
    if (plan === 'acceptThenHang') return;
    const body = JSON.stringify({ sid: rec.sid, account_sid: TWILIO_SID, to: rec.to, from: rec.from, body: rec.body, status: 'queued', num_segments: '1' });
    res.on('finish', () => (rec.answered = true));
    // No keep-alive: a socket idle across a test step could be closed by one side and reused by the other.
    res.writeHead(201, { 'content-type': 'application/json', connection: 'close' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    plans,
    accepted: (to) => requests.filter((r) => r.sid !== undefined && (to === undefined || r.to === to)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface SmtpMessage {
  messageId: string;
  to: string[];
}

/** A real SMTP server (smtp-server) on a free port that keeps the envelope and Message-ID of every message it accepts. */
export async function startFakeSmtp(): Promise<{ url: string; messages: SmtpMessage[]; close(): Promise<void> }> {
  const messages: SmtpMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({ messageId: /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '', to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((r) => server.close(() => r())) };
}

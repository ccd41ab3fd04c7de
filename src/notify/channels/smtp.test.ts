import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../../test/helpers/db.ts';
import { renderMessage } from '../templates.ts';
import { deliverDue } from '../deliver.ts';
import { enqueueComposedEmail, enqueueMessage } from '../outbox.ts';
import { testDeliveryDeps } from '../test-support.ts';
import { PermanentDeliveryError } from '../channel.ts';
import { senderDomain, smtpChannel } from './smtp.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port that keeps what it receives; rejects `reject@…` with 550. */
async function startSmtpServer(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('reject@')) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(() => r())) };
}

/** The decoded headers and text of a simple single-part message (RFC 2047 words, quoted-printable). */
function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head!.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  const qp = (s: string) => Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  const words = (s: string) =>
    s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );
  for (const k of Object.keys(headers)) headers[k] = words(headers[k]!);
  const body = rest.join('\r\n\r\n');
  const encoding = headers['content-transfer-encoding'] ?? '7bit';
  const text = encoding === 'quoted-printable' ? qp(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { headers, text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

describe('SMTP channel', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());

  it('takes the Message-ID domain from the sender address', () => {
    expect(senderDomain('Cerrojo <no-reply@banco.example>')).toBe('banco.example');
    expect(senderDomain('avisos@banco.example')).toBe('banco.example');
  });

  it('a mailbox the server refuses (5xx) is a permanent failure', async () => {
    const channel = smtpChannel({ url: smtp.url, from: 'Cerrojo <no-reply@banco.example>', timeoutMs: 5000 });
    try {
      await expect(channel.send({ id: 9, to: 'reject@example.test', subject: 'x', body: 'y' })).rejects.toBeInstanceOf(PermanentDeliveryError);
    } finally {
      await channel.close?.();
    }
  });

  describeEachDatabase('delivered through the outbox', (backend) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await freshDatabase(backend);
    });
    afterAll(() => database.drop());
    beforeEach(() => void smtp.received.splice(0));

    it('reaches a real SMTP server with the exact subject and body and a Message-ID from the outbox id', async () => {
      const services = testServices(database, { 'notify.email': 'smtp', 'notify.smtpUrl': smtp.url, 'notify.emailFrom': 'Cerrojo <no-reply@banco.example>' });
      const params = { name: 'Ana Pérez', userCode: 'AB12345' };
      const { id } = await services.db.transaction().execute((tx) =>
        enqueueMessage(tx, services, { channel: 'email', to: 'ana@example.test', template: 'email.user_code', locale: 'es', params }),
      );
      const channel = smtpChannel({ url: smtp.url, from: services.config.notify.emailFrom, timeoutMs: 5000 });
      try {
        expect((await deliverDue(testDeliveryDeps(services, { email: channel }))).outcomes.sent).toBe(1);
      } finally {
        await channel.close?.();
      }

      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail!.to).toEqual(['ana@example.test']);
      expect(mail!.from).toBe('no-reply@banco.example');
      const expected = renderMessage('email.user_code', 'es', params);
      const { headers, text } = parseMail(mail!.raw);
      expect(headers.subject).toBe('Tu código de usuario de Banca a Distancia');
      expect(headers.subject).toBe(expected.subject);
      expect(text).toBe(expected.body);
      expect(headers['message-id']).toBe(`<outbox-${id}@banco.example>`);
      const stored = await services.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ status: 'sent', provider_id: `<outbox-${id}@banco.example>`, body: null });
    });

    it('sends a composed email with its copies, its lines kept and its subject on one line', async () => {
      const services = testServices(database, { 'notify.email': 'smtp', 'notify.smtpUrl': smtp.url });
      await services.db.transaction().execute((tx) =>
        enqueueComposedEmail(tx, services, { to: 'ana@example.test', cc: ['oficina0123@Example.TEST'], subject: 'Caso 1042\nBcc: x@evil.test', body: 'Hola:\r\n\nLínea dos', locale: 'es', source: 'macro.test' }),
      );
      const channel = smtpChannel({ url: smtp.url, from: services.config.notify.emailFrom, timeoutMs: 5000 });
      try {
        expect((await deliverDue(testDeliveryDeps(services, { email: channel }))).outcomes.sent).toBe(1);
      } finally {
        await channel.close?.();
      }
      const [mail] = smtp.received;
      expect(mail!.to.sort()).toEqual(['ana@example.test', 'oficina0123@example.test']);
      const { headers, text } = parseMail(mail!.raw);
      expect(headers.cc).toBe('oficina0123@example.test');
      expect(headers.subject).toBe('Caso 1042 Bcc: x@evil.test');
      expect(headers.bcc).toBeUndefined();
      expect(text).toBe('Hola:\n\nLínea dos');
    });
  });
});

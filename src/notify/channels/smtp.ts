import nodemailer from 'nodemailer';
import { PermanentDeliveryError, type Channel } from '../channel.ts';

export interface SmtpSettings {
  url: string;
  from: string;
  /** Upper bound of one delivery, kept below the worker's lease. */
  timeoutMs: number;
}

/** The domain of the sender address, for Message-IDs: `Cerrojo <no-reply@bank.es>` → `bank.es`. */
export function senderDomain(from: string): string {
  return /@([^\s>@]+)>?\s*$/.exec(from)?.[1] ?? 'cerrojo.local';
}

/**
 * Email over SMTP (nodemailer, pooled connections). The Message-ID derives from the outbox id,
 * so a message sent twice after a worker crash carries the same id and mail systems (and
 * people) can tell it is a duplicate.
 */
export function smtpChannel(settings: SmtpSettings): Channel {
  const transport = nodemailer.createTransport({
    url: settings.url,
    pool: true,
    maxConnections: 3,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  const domain = senderDomain(settings.from);
  return {
    async send(message) {
      const messageId = `<outbox-${message.id}@${domain}>`;
      try {
        await transport.sendMail({
          from: settings.from,
          to: message.to,
          ...(message.cc && message.cc.length > 0 ? { cc: [...message.cc] } : {}),
          subject: message.subject ?? '',
          text: message.body,
          messageId,
        });
      } catch (err) {
        // 5xx is the server's final word on this message; 4xx and network errors may pass later.
        const code = (err as { responseCode?: number }).responseCode;
        if (typeof code === 'number' && code >= 500) throw new PermanentDeliveryError(`SMTP ${code}`, { cause: err });
        throw err;
      }
      return { providerId: messageId };
    },
    async close() {
      transport.close();
    },
  };
}

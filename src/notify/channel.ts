import type { ChannelName } from './templates.ts';

/** One message handed to a channel: the outbox id, the recipient and the opened text. */
export interface OutgoingMessage {
  id: number;
  to: string;
  subject: string | null;
  body: string;
  /** Copies of an email, when it has any. */
  cc?: readonly string[] | undefined;
}

/** A way to deliver messages: SMTP, Twilio, or the dev sink. */
export interface Channel {
  send(message: OutgoingMessage): Promise<{ providerId: string }>;
  /** Releases connections (a pooled SMTP transport); called when the worker stops. */
  close?(): Promise<void>;
}

export type Channels = Record<ChannelName, Channel>;

/**
 * A refusal that retrying cannot fix (an invalid number, a rejected mailbox): the worker
 * gives the message up at once instead of retrying it `maxAttempts` times.
 */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

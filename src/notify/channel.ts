import type { ChannelName } from './templates.ts';

/** One message handed to a channel: the outbox id, the recipient and the opened text. */
export interface OutgoingMessage {
  id: number;
  to: string;
  subject: string | null;
  body: string;
  /** Copies of an email, when it has any. */
  cc?: readonly string[] | undefined;
  /** The channel it goes by (the worker always says; a channel serving one name may ignore it). */
  channel?: ChannelName | undefined;
}

/** A way to deliver messages: SMTP, Twilio, or the dev sink. */
export interface Channel {
  send(message: OutgoingMessage): Promise<{ providerId: string }>;
  /**
   * Sends several messages in one go (the dev sink: one insert), all or none: it resolves with
   * each message's provider id in order, or rejects for all of them. The worker hands one call
   * every claimed message whose channel shares this same function (both dev sinks do).
   */
  sendMany?(messages: readonly OutgoingMessage[]): Promise<{ providerId: string }[]>;
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

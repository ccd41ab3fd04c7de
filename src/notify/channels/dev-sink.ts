import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Channel, Channels, OutgoingMessage } from '../channel.ts';
import type { ChannelName } from '../templates.ts';

/**
 * Dev mode's "provider": delivered messages land in `dev_messages`, where the dev page shows
 * them. `outbox_id` is unique and the insert does nothing on conflict, so a message delivered
 * twice (a worker that died after sending, before recording it) still appears once. A batch
 * (`sendMany`) is one insert: all of it lands, or none of it.
 */
export function devSinkChannel(db: Db, clock: Clock, channel: ChannelName): Channel {
  const sendMany = devSinkSendMany(db, clock, channel);
  return {
    async send(message) {
      const [sent] = await sendMany([message]);
      return sent!;
    },
    sendMany,
  };
}

/**
 * The email and SMS dev sinks sharing one `sendMany`, so the worker delivers a batch of both
 * in one insert (each row keeps the channel its message names).
 */
export function devSinkChannels(db: Db, clock: Clock): Channels {
  const sendMany = devSinkSendMany(db, clock, 'sms');
  const of = (channel: ChannelName): Channel => ({
    async send(message) {
      const [sent] = await sendMany([{ ...message, channel: message.channel ?? channel }]);
      return sent!;
    },
    sendMany,
  });
  return { email: of('email'), sms: of('sms') };
}

function devSinkSendMany(db: Db, clock: Clock, fallback: ChannelName) {
  return async (messages: readonly OutgoingMessage[]): Promise<{ providerId: string }[]> => {
    if (messages.length === 0) return [];
    const at = clock.now();
    await db
      .insertInto('dev_messages')
      .values(
        messages.map((message) => ({
          outbox_id: message.id,
          channel: message.channel ?? fallback,
          recipient: message.to,
          subject: message.subject,
          body: message.body,
          cc: message.cc && message.cc.length > 0 ? JSON.stringify(message.cc) : null,
          delivered_at: at,
        })),
      )
      .onConflict((oc) => oc.column('outbox_id').doNothing())
      .execute();
    return messages.map((message) => ({ providerId: `dev-${message.id}` }));
  };
}

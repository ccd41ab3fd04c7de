import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Channel } from '../channel.ts';
import type { ChannelName } from '../templates.ts';

/**
 * Dev mode's "provider": delivered messages land in `dev_messages`, where the dev page shows
 * them. `outbox_id` is unique and the insert does nothing on conflict, so a message delivered
 * twice (a worker that died after sending, before recording it) still appears once.
 */
export function devSinkChannel(db: Db, clock: Clock, channel: ChannelName): Channel {
  return {
    async send(message) {
      await db
        .insertInto('dev_messages')
        .values({
          outbox_id: message.id,
          channel,
          recipient: message.to,
          subject: message.subject,
          body: message.body,
          cc: message.cc && message.cc.length > 0 ? JSON.stringify(message.cc) : null,
          delivered_at: clock.now(),
        })
        .onConflict((oc) => oc.column('outbox_id').doNothing())
        .execute();
      return { providerId: `dev-${message.id}` };
    },
  };
}

import type { Config } from '../../config/config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Channels } from '../channel.ts';
import { devSinkChannels } from './dev-sink.ts';
import { smtpChannel } from './smtp.ts';
import { twilioChannel } from './twilio.ts';

// One delivery must end well inside the lease, or a second worker could take the message over
// while the first is still sending it.
const deliveryTimeout = (leaseMs: number) => Math.min(30_000, Math.floor(leaseMs / 2));

const required = (value: string | undefined, key: string): string => {
  if (!value) throw new Error(`notify.${key} is required for this channel`);
  return value;
};

/** The email and SMS channels the configuration selects (`notify.email`, `notify.sms`). */
export function createChannels(notify: Config['notify'], db: Db, clock: Clock): Channels {
  const timeoutMs = deliveryTimeout(notify.leaseMs);
  // Both dev sinks share one batch insert (see devSinkChannels).
  const dev = devSinkChannels(db, clock);
  return {
    email:
      notify.email === 'smtp'
        ? smtpChannel({ url: required(notify.smtpUrl, 'smtpUrl'), from: notify.emailFrom, timeoutMs })
        : dev.email,
    sms:
      notify.sms === 'twilio'
        ? twilioChannel({
            accountSid: required(notify.twilioAccountSid, 'twilioAccountSid'),
            authToken: required(notify.twilioAuthToken, 'twilioAuthToken'),
            from: required(notify.twilioFrom, 'twilioFrom'),
            apiBaseUrl: notify.twilioApiBaseUrl,
            timeoutMs,
          })
        : dev.sms,
  };
}

import type { Locale } from '../i18n/catalogue.ts';
import type { LimitsConfig } from '../config/config.ts';
import type { Clock } from '../platform/clock.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Sealer } from '../platform/sealing.ts';
import { assertSmsAllowed } from './rate-limit.ts';
import { normaliseRecipient } from './recipient.ts';
import { renderMessage, templateChannel, type ChannelName, type TemplateId, type TemplateParams } from './templates.ts';

/** What enqueueing needs; `Services` satisfies it. */
export interface EnqueueDeps {
  sealer: Sealer;
  clock: Clock;
  config: { limits: Pick<LimitsConfig, 'smsPerCustomerPerHour'> };
}

export interface NewMessage {
  channel: ChannelName;
  /** Phone (any format libphonenumber reads, Spanish by default) or email address. */
  to: string;
  template: TemplateId;
  locale: Locale;
  params: TemplateParams;
  customerId?: string | null | undefined;
}

/**
 * Renders a message and adds it to the outbox inside the caller's transaction, so the message
 * exists if and only if the state change it reports commits. The body is sealed because it
 * often carries a one-time code; only the delivery worker opens it. SMS are rate-limited per
 * customer and per phone (throws `too_many`).
 */
export async function enqueueMessage(tx: Tx, deps: EnqueueDeps, message: NewMessage): Promise<{ id: number }> {
  if (templateChannel(message.template) !== message.channel) {
    throw new Error(`template "${message.template}" is not a ${message.channel} template`);
  }
  const recipient = normaliseRecipient(message.channel, message.to);
  const rendered = renderMessage(message.template, message.locale, message.params);
  const now = deps.clock.now();
  if (message.channel === 'sms') {
    await assertSmsAllowed(tx, {
      recipient,
      customerId: message.customerId,
      now,
      perHour: deps.config.limits.smsPerCustomerPerHour,
    });
  }
  return tx
    .insertInto('outbox')
    .values({
      channel: message.channel,
      recipient,
      template: message.template,
      locale: message.locale,
      subject: rendered.subject ?? null,
      body: deps.sealer.seal(rendered.body),
      customer_id: message.customerId ?? null,
      // Times from the injected clock, not the database's now(): the rate limit and the
      // worker compare against the same clock, and tests move it.
      created_at: now,
      next_attempt_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

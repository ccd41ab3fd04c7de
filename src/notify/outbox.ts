import type { Locale } from '../i18n/catalogue.ts';
import type { Customer } from '../platform/db/schema.ts';
import type { LimitsConfig } from '../config/config.ts';
import type { Clock } from '../platform/clock.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Sealer } from '../platform/sealing.ts';
import { sql } from 'kysely';
import { lockSmsKeys, refuseOverLimit, smsCounts } from './rate-limit.ts';
import { normaliseRecipient } from './recipient.ts';
import { renderMessage, templateChannel, type ChannelName, type TemplateId, type TemplateParams } from './templates.ts';

/** What enqueueing needs; `Services` satisfies it. */
export interface EnqueueDeps {
  sealer: Sealer;
  clock: Clock;
  config: { limits: Pick<LimitsConfig, 'smsPerCustomerPerHour'> };
}

interface MessageBase {
  channel: ChannelName;
  /** Phone (any format libphonenumber reads, Spanish by default) or email address. */
  to: string;
  template: TemplateId;
  params: TemplateParams;
}

/**
 * A message to enqueue. To a customer it always speaks the customer's registered language,
 * whatever the page or the call it came from spoke (issue 13: a rule that holds across
 * channels), so a message about a customer names the customer and takes no language of its
 * own; only a message to nobody in particular (a test, a bench) names one.
 */
export type NewMessage = MessageBase & ({ customer: Pick<Customer, 'id' | 'locale'>; locale?: never } | { locale: Locale; customer?: never });

/** The language a message is written in: its customer's, or the one it names. */
export const messageLocale = (message: NewMessage): Locale => message.customer?.locale ?? message.locale!;

/**
 * Renders a message and adds it to the outbox inside the caller's transaction, so the message
 * exists if and only if the state change it reports commits. The body is sealed because it
 * often carries a one-time code; only the delivery worker opens it. SMS are rate-limited per
 * customer and per phone (throws `too_many`).
 */
export async function enqueueMessage(tx: Tx, deps: EnqueueDeps, message: NewMessage): Promise<{ id: number }> {
  const [row] = await enqueueMessages(tx, deps, [message]);
  return row!;
}

/**
 * `enqueueMessage` for the messages of one change, in one insert: each rendered, sealed and (an
 * SMS) rate-limited as `enqueueMessage` does. With more than one SMS the later ones must count
 * the earlier, so those are added one by one. Ids in the order of `messages`.
 */
export async function enqueueMessages(tx: Tx, deps: EnqueueDeps, messages: readonly NewMessage[]): Promise<{ id: number }[]> {
  if (messages.filter((m) => m.channel === 'sms').length > 1) {
    const ids: { id: number }[] = [];
    for (const m of messages) ids.push(...(await enqueueMessages(tx, deps, [m])));
    return ids;
  }
  const now = deps.clock.now();
  const rows = messages.map((message) => {
    if (templateChannel(message.template) !== message.channel) {
      throw new Error(`template "${message.template}" is not a ${message.channel} template`);
    }
    const locale = messageLocale(message);
    const rendered = renderMessage(message.template, locale, message.params);
    return {
      channel: message.channel,
      recipient: normaliseRecipient(message.channel, message.to),
      template: message.template,
      locale,
      subject: rendered.subject ?? null,
      body: deps.sealer.seal(rendered.body),
      customer_id: message.customer?.id ?? null,
      // Times from the injected clock, not the database's now(): the rate limit and the
      // worker compare against the same clock, and tests move it.
      created_at: now,
      next_attempt_at: now,
    };
  });
  if (rows.length === 0) return [];
  const sms = rows.find((row) => row.channel === 'sms');
  if (!sms) {
    // Ids come from the sequence in the order of the values; sorted, they are in the order of `messages`.
    const ids = await tx.insertInto('outbox').values(rows).returning('id').execute();
    return ids.sort((a, b) => a.id - b.id);
  }
  // The SMS rate limit (`assertSmsAllowed`): its locks, then one statement that counts and,
  // within the limit, inserts — its snapshot, taken after the locks, sees every SMS of the
  // transactions that held them before.
  const perHour = deps.config.limits.smsPerCustomerPerHour;
  const check = { recipient: sms.recipient, customerId: sms.customer_id, now, perHour };
  await lockSmsKeys(tx, check);
  const values = rows.map(
    (r) =>
      sql`(${r.channel}::text, ${r.recipient}::text, ${r.template}::text, ${r.locale}::text, ${r.subject}::text, ${r.body}::text, ${r.customer_id}::uuid, ${r.created_at}::timestamptz, ${r.next_attempt_at}::timestamptz)`,
  );
  const { rows: [result] } = await sql<{ perPhone: number; perCustomer: number; ids: number[] | string }>`
    with counts as (${smsCounts(tx, check)}), inserted as (
      insert into outbox (channel, recipient, template, locale, subject, body, customer_id, created_at, next_attempt_at)
      select v.* from (values ${sql.join(values)}) as v(channel, recipient, template, locale, subject, body, customer_id, created_at, next_attempt_at), counts
      where counts."perPhone" < ${perHour}::int and counts."perCustomer" < ${perHour}::int
      returning id
    )
    select counts."perPhone", counts."perCustomer", coalesce((select json_agg(id order by id) from inserted), '[]'::json) as ids from counts`.execute(tx);
  refuseOverLimit(result!, perHour);
  const ids = typeof result!.ids === 'string' ? (JSON.parse(result!.ids) as number[]) : result!.ids;
  // Ids come from the sequence in the order of the values; sorted (json_agg's order), they are in the order of `messages`.
  return ids.map((id) => ({ id: Number(id) }));
}

export interface ComposedEmail {
  to: string;
  /** Copies (seed 002: the customer's office in copy of the macros' email). */
  cc: readonly string[];
  subject: string;
  body: string;
  locale: Locale;
  /** What the outbox row says it came from, e.g. `macro.posible_cliente_comprometido`. */
  source: string;
  customerId?: string | null | undefined;
}

/**
 * Adds an email a person wrote (a macro's draft an agent reviewed) to the outbox, in the
 * caller's transaction, like `enqueueMessage` but with its text as written: line breaks stay in
 * the body; the subject becomes one line, so no text can add a mail header.
 */
export async function enqueueComposedEmail(tx: Tx, deps: Pick<EnqueueDeps, 'sealer' | 'clock'>, email: ComposedEmail): Promise<{ id: number }> {
  const now = deps.clock.now();
  const cc = email.cc.map((address) => normaliseRecipient('email', address));
  return tx
    .insertInto('outbox')
    .values({
      channel: 'email',
      recipient: normaliseRecipient('email', email.to),
      cc: cc.length > 0 ? JSON.stringify(cc) : null,
      template: email.source,
      locale: email.locale,
      subject: email.subject.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim(),
      body: deps.sealer.seal(email.body.replace(/\r\n?/g, '\n')),
      customer_id: email.customerId ?? null,
      created_at: now,
      next_attempt_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { ChannelName } from './templates.ts';

export interface DevMessage {
  id: number;
  channel: ChannelName;
  recipient: string;
  /** Addresses in copy (an agent's email with the branch in cc); empty for the rest. */
  cc: string[];
  subject: string | null;
  body: string;
  template: string;
  deliveredAt: string;
}

export interface DevMessageFilter {
  to?: string | undefined;
  channel?: ChannelName | undefined;
  /** Only messages newer than this id (a page polling for what arrived since it last looked). */
  since?: number | undefined;
  limit: number;
}

/** Messages the dev sink delivered, newest first, with the template they came from; `to` matches the recipient or a copy. */
export async function listDevMessages(db: Executor, filter: DevMessageFilter): Promise<DevMessage[]> {
  let query = db
    .selectFrom('dev_messages as d')
    .innerJoin('outbox as o', 'o.id', 'd.outbox_id')
    .select(['d.id', 'd.channel', 'd.recipient', 'd.cc', 'd.subject', 'd.body', 'o.template', 'd.delivered_at'])
    .orderBy('d.id', 'desc')
    .limit(filter.limit);
  const to = filter.to;
  if (to !== undefined) query = query.where((eb) => eb.or([eb('d.recipient', '=', to), sql<boolean>`coalesce(d.cc, '[]'::jsonb) @> ${JSON.stringify([to])}::jsonb`]));
  if (filter.channel !== undefined) query = query.where('d.channel', '=', filter.channel);
  if (filter.since !== undefined) query = query.where('d.id', '>', filter.since);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    cc: Array.isArray(r.cc) ? (r.cc as string[]) : typeof r.cc === 'string' ? (JSON.parse(r.cc) as string[]) : [],
    subject: r.subject,
    body: r.body,
    template: r.template,
    deliveredAt: new Date(r.delivered_at).toISOString(),
  }));
}

import type { Executor } from '../platform/db/database.ts';
import type { ChannelName } from './templates.ts';

export interface DevMessage {
  id: number;
  channel: ChannelName;
  recipient: string;
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

/** Messages the dev sink delivered, newest first, with the template they came from. */
export async function listDevMessages(db: Executor, filter: DevMessageFilter): Promise<DevMessage[]> {
  let query = db
    .selectFrom('dev_messages as d')
    .innerJoin('outbox as o', 'o.id', 'd.outbox_id')
    .select(['d.id', 'd.channel', 'd.recipient', 'd.subject', 'd.body', 'o.template', 'd.delivered_at'])
    .orderBy('d.id', 'desc')
    .limit(filter.limit);
  if (filter.to !== undefined) query = query.where('d.recipient', '=', filter.to);
  if (filter.channel !== undefined) query = query.where('d.channel', '=', filter.channel);
  if (filter.since !== undefined) query = query.where('d.id', '>', filter.since);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    template: r.template,
    deliveredAt: new Date(r.delivered_at).toISOString(),
  }));
}

import { Type, type Static, type TSchema } from 'typebox';
import { maskPhone } from '../../customers/mask.ts';
import { isUuid } from '../../customers/store-support.ts';
import { HANDOVER_REASONS as REASONS } from '../../ivr/flow-types.ts';
import { dialAnswered } from '../../ivr/handover.ts';
import { HANDOVER_STATUSES, type HandoverStatus } from '../../ivr/schema.ts';
import type { Executor } from '../../platform/db/database.ts';

/**
 * What the handover routes answer: the context of a call the IVR handed over, as the agent who
 * takes it reads it. The caller's number is masked; the customer is named only when the call
 * identified them (every check passed), never from what the caller merely typed.
 */
const Nullable = <T extends TSchema>(t: T, options?: { description: string }) => Type.Union([t, Type.Null()], options);
const iso = (d: Date | string) => new Date(d).toISOString();
const oneOf = <T extends string>(values: readonly T[], description?: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const HANDOVER_BRANCHES = ['1.1', '1.2', '2', '3.1', '3.2', 'menu'] as const;

export const HandoverView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  callSid: Type.String({ description: 'The provider call id' }),
  status: oneOf(HANDOVER_STATUSES, 'waiting: the agent line rings; taken: answered by phone or taken in the console; unanswered: nobody answered; closed: done'),
  reason: oneOf(REASONS, 'Why the IVR handed the call over'),
  branch: oneOf(HANDOVER_BRANCHES, 'The seed branch the call was in, or menu before any'),
  line: Type.String({ description: 'The IVR line dialled (`unlock`, `support`, or a direct line)' }),
  locale: Type.Union([Type.Literal('es'), Type.Literal('en')], { description: 'The language of the call' }),
  identified: Type.Boolean({ description: 'Every check of the call passed; false: nobody is identified, whatever the caller typed' }),
  customer: Nullable(Type.Object({ id: Type.String({ format: 'uuid' }), externalId: Type.String(), name: Type.String(), officeCode: Type.String() }), {
    description: 'The identified customer; null when not identified',
  }),
  caller: Nullable(Type.String({ description: 'Caller id, masked (`+34 - 6*****331`)' })),
  agentNumber: Type.String({ description: 'The agent line the call was transferred to' }),
  createdAt: Type.String({ format: 'date-time' }),
  callStartedAt: Type.String({ format: 'date-time' }),
  dialStatus: Nullable(Type.String({ description: 'How the Dial ended (the provider’s DialCallStatus); null while it rings' })),
  answeredByPhone: Type.Boolean({ description: 'A person answered the transfer at the agent line' }),
  takenBy: Nullable(Type.String({ description: '`staff:<id>` of the agent who took it in the console' })),
  takenAt: Nullable(Type.String({ format: 'date-time' })),
  closedBy: Nullable(Type.String()),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  version: Type.Integer(),
});
export type HandoverView = Static<typeof HandoverView>;

function baseQuery(ex: Executor) {
  return ex
    .selectFrom('ivr_handovers as h')
    .innerJoin('ivr_calls as c', 'c.call_sid', 'h.call_sid')
    .leftJoin('customers as cu', 'cu.id', 'h.customer_id')
    .selectAll('h')
    .select(['c.started_at as call_started_at', 'cu.external_id as cu_external_id', 'cu.name as cu_name', 'cu.office_code as cu_office_code']);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function view(r: Row): HandoverView {
  return {
    id: r.id,
    callSid: r.call_sid,
    status: r.status,
    reason: r.reason,
    branch: r.branch,
    line: r.line,
    locale: r.locale,
    identified: r.identified,
    customer: r.identified && r.customer_id ? { id: r.customer_id, externalId: r.cu_external_id ?? '', name: r.cu_name ?? '', officeCode: r.cu_office_code ?? '' } : null,
    caller: r.caller_number ? maskPhone(r.caller_number) : null,
    agentNumber: r.agent_number,
    createdAt: iso(r.created_at),
    callStartedAt: iso(r.call_started_at),
    dialStatus: r.dial_status,
    answeredByPhone: r.dial_status !== null && dialAnswered(r.dial_status),
    takenBy: r.taken_by,
    takenAt: r.taken_at ? iso(r.taken_at) : null,
    closedBy: r.closed_by,
    closedAt: r.closed_at ? iso(r.closed_at) : null,
    version: r.version,
  };
}

export interface HandoverFilter {
  /** One status, or `active` (every one but closed). */
  status?: HandoverStatus | 'active' | undefined;
  limit: number;
}

/** The handovers, newest first: the one ringing now is on top. */
export async function listHandovers(ex: Executor, filter: HandoverFilter): Promise<HandoverView[]> {
  let q = baseQuery(ex).orderBy('h.created_at', 'desc').orderBy('h.id').limit(filter.limit);
  if (filter.status === 'active') q = q.where('h.status', '<>', 'closed');
  else if (filter.status) q = q.where('h.status', '=', filter.status);
  return (await q.execute()).map(view);
}

export async function handoverView(ex: Executor, id: string): Promise<HandoverView | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await baseQuery(ex).where('h.id', '=', id).executeTakeFirst();
  return row ? view(row) : undefined;
}

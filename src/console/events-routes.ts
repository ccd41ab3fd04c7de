import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { requireStaff, type Staff } from '../backoffice/access.ts';
import { Refusal } from '../backoffice/cases/views.ts';
import type { BackofficeTables } from '../backoffice/schema.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Services } from '../platform/services.ts';
import { requireStaffSession, staffToken } from '../staff/session-access.ts';
import { consoleEvents, sseMessage, StreamCursor, type TimelineRow } from './events.ts';

/** Rows one poll reads at most; the cursor's look-back is well below it, so a poll always moves on. */
const BATCH = 500;
/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

const LAST_ID = /^[0-9]{1,18}$/;

async function timelineAfter(ex: Executor, after: bigint): Promise<TimelineRow[]> {
  const rows = await ex
    .withTables<BackofficeTables>()
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .select(['e.id', 'e.case_id', 'e.type', 'e.data', 'c.number', 'c.queue', 'c.owner'])
    .where(sql<boolean>`e.id > ${after.toString()}::bigint`)
    .orderBy('e.id')
    .limit(BATCH)
    .execute();
  return rows.map((r) => ({ id: String(r.id), caseId: r.case_id, type: r.type, data: r.data, number: Number(r.number), queue: r.queue, owner: r.owner }));
}

async function lastTimelineId(ex: Executor): Promise<bigint> {
  const row = await ex.withTables<BackofficeTables>().selectFrom('case_events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return BigInt((row?.max as string | number | bigint | null | undefined) ?? 0);
}

/**
 * `GET /api/console/events`: server-sent events for the signed-in staff member. Every poll reads
 * the timeline in the database above the last id sent (never process memory), so any instance
 * serves any client; `Last-Event-ID` resumes where a dropped stream stopped. A session that ends
 * (logout, expiry) ends the stream; the stream itself does not count as activity.
 */
export function eventRoutes(app: FastifyInstance, services: Services): void {
  // Open streams never go idle: a closing server ends them first, or it would wait on them.
  const open = new Set<AbortController>();
  app.addHook('preClose', async () => {
    for (const c of open) c.abort();
  });
  app.get(
    '/api/console/events',
    {
      schema: {
        tags: ['backoffice'],
        summary: 'Live updates of the console (server-sent events)',
        description:
          '`event: case` with `{ caseId, number, queue, type }` when a case the caller may see is created or changes; `event: mention` with `{ mentionId, caseId, targetKind, targetId }` when the caller’s office or one of its managers is mentioned; `event: sla` with `{ noticeId, caseId, number, milestone, priority }` to supervisors and admins when a case breaches an SLA milestone. ' +
          'Each event’s `id` is the timeline position: send it back as `Last-Event-ID` to resume.',
        produces: ['text/event-stream'],
        response: { 401: Refusal, 403: Refusal },
      },
    },
    async (req, reply) => {
      const staff = await requireStaff(req, services);
      const token = req.headers.authorization === undefined ? staffToken(req) : undefined;
      const header = req.headers['last-event-id'];
      const resume = typeof header === 'string' && LAST_ID.test(header.trim()) ? BigInt(header.trim()) : undefined;
      const cursor = new StreamCursor(resume ?? (await lastTimelineId(services.db)));

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(`retry: 3000\n: connected\n\n`);
      const closed = new AbortController();
      // The response's close is the client going away (the request's fires once its body is read).
      res.on('close', () => closed.abort());
      open.add(closed);
      void stream(req, res, staff, token, cursor, closed.signal).finally(() => {
        open.delete(closed);
        res.end();
      });
    },
  );

  async function stream(req: FastifyRequest, res: ServerResponse, staff: Staff, token: string | undefined, cursor: StreamCursor, signal: AbortSignal): Promise<void> {
    // Wall time here only paces the heartbeat of the connection; nothing of the domain reads it.
    let lastWrite = Date.now();
    const offices = new Map<string, string>();
    while (!signal.aborted) {
      try {
        // A person's stream lives only as long as the session (checked without touching it).
        if (token) await requireStaffSession(services.db, services, token, false);
        const rows = cursor.take(await timelineAfter(services.db, cursor.after));
        await learnManagerOffices(services.db, rows, offices);
        const out = consoleEvents(staff, rows, (id) => offices.get(id)).map(sseMessage).join('');
        if (out || Date.now() - lastWrite >= HEARTBEAT_MS) {
          res.write(out || ': ping\n\n');
          lastWrite = Date.now();
        }
      } catch (err) {
        req.log.info({ err }, 'console event stream ended');
        if (!signal.aborted) res.write('event: end\ndata: {}\n\n');
        return;
      }
      await sleep(services.config.console.eventsPollMs, undefined, { signal }).catch(() => undefined);
    }
  }
}

/** The offices of the managers the rows mention, added to `offices` (a manager's mention reaches its office). */
async function learnManagerOffices(ex: Executor, rows: readonly TimelineRow[], offices: Map<string, string>): Promise<void> {
  const ids = rows
    .filter((r) => r.type === 'mention')
    .map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as { targetKind?: string; targetId?: string })
    .filter((d) => d.targetKind === 'manager' && typeof d.targetId === 'string' && !offices.has(d.targetId))
    .map((d) => d.targetId!);
  if (ids.length === 0) return;
  for (const m of await ex.selectFrom('managers').select(['id', 'office_code']).where('id', 'in', ids).execute()) offices.set(m.id, m.office_code);
}

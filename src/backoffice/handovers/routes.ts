import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RouteModule } from '../../http/modules.ts';
import { HandoverRefused, runHandoverCommand } from '../../ivr/handovers-store.ts';
import type { HandoverCommand } from '../../ivr/handover.ts';
import { HANDOVER_STATUSES } from '../../ivr/schema.ts';
import { answersTransfers, canReassign, requireStaff, staffActor, type Staff } from '../access.ts';
import { refusals, staffDoc } from '../cases/views.ts';
import { handoverError } from './errors.ts';
import { handoverView, HandoverView, listHandovers } from './views.ts';

/**
 * The IVR's handovers in the console (docs/ivr.md "Handover"): every call the unlock line
 * transferred to the agent line, with its context (who was identified, which branch, why). The
 * contact centre's people — agents, supervisors and admins — list them, read one, take one (it is
 * theirs: recorded) and close it when done. Branch users and the fraud team get 403.
 */
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });


export const handoverRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));

  const contactCentre = async (req: FastifyRequest) => {
    const staff = await requireStaff(req, services);
    if (!answersTransfers(staff)) throw handoverError('contact_centre_only', 'the IVR’s handovers are for the contact centre: agents, supervisors and admins');
    return staff;
  };
  const found = async (id: string) => {
    const handover = await handoverView(services.db, id);
    if (!handover) throw handoverError('handover_not_found', 'no such handover');
    return handover;
  };
  const change = async (req: FastifyRequest, id: string, command: (staff: Staff) => HandoverCommand) => {
    const staff = await contactCentre(req);
    try {
      await runHandoverCommand(services.db, services, { id }, command(staff));
    } catch (err) {
      if (!(err instanceof HandoverRefused)) throw err;
      throw handoverError(err.reason, `handover ${id}: ${err.reason}`, err.takenBy ? { takenBy: err.takenBy } : undefined);
    }
    return found(id);
  };

  app.get(
    '/api/handovers',
    {
      schema: {
        ...staffDoc,
        summary: 'The calls the IVR handed over to the agent line, newest first, with their context',
        description: '`status=active` is every one not closed. For agents, supervisors and admins (403 `contact_centre_only` otherwise).',
        querystring: Type.Object({
          status: Type.Optional(Type.Union([...HANDOVER_STATUSES.map((s) => Type.Literal(s)), Type.Literal('active')])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Object({ handovers: Type.Array(HandoverView) }), ...refusals },
      },
    },
    async (req) => {
      await contactCentre(req);
      return { handovers: await listHandovers(services.db, { status: req.query.status, limit: req.query.limit ?? 100 }) };
    },
  );

  app.get('/api/handovers/:id', { schema: { ...staffDoc, summary: 'One handover with its context', params: Id, response: { 200: HandoverView, ...refusals } } }, async (req) => {
    await contactCentre(req);
    return found(req.params.id);
  });

  app.post(
    '/api/handovers/:id/take',
    {
      schema: {
        ...staffDoc,
        summary: 'Take a handover: it becomes yours (recorded); another agent’s answers 409 `handover_taken` with who has it',
        description: 'A waiting or unanswered one (to call back), or one answered by phone that nobody took in the console. A closed one answers 409 `handover_closed`.',
        params: Id,
        response: { 200: HandoverView, ...refusals },
      },
    },
    async (req) => change(req, req.params.id, (staff) => ({ kind: 'take', actor: staffActor(staff) })),
  );

  app.post(
    '/api/handovers/:id/close',
    {
      schema: {
        ...staffDoc,
        summary: 'Close a handover once it is dealt with: whoever took it, or a supervisor or an admin',
        description: 'While the agent line still rings it answers 409 `handover_waiting`; another agent’s answers 409 `handover_taken`.',
        params: Id,
        response: { 200: HandoverView, ...refusals },
      },
    },
    async (req) => change(req, req.params.id, (staff) => ({ kind: 'close', actor: staffActor(staff), supervises: canReassign(staff) })),
  );
};

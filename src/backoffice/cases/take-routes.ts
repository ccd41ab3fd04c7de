import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RouteModule } from '../../http/modules.ts';
import { canChangeCases, requireStaff, staffActor } from '../access.ts';
import { backofficeError } from '../errors.ts';
import { visibleCase } from '../route-support.ts';
import { MAX_TEXT } from './rules.ts';
import { takeCase } from './take.ts';
import { caseSummary, CaseSummary, refusals, staffDoc } from './views.ts';

/**
 * Taking a case (issue 13: "a case being worked is locked to its owner"): `take` makes nobody's
 * case the caller's and refuses another's; `takeover` takes it from whoever has it, recorded on
 * the timeline (`taken_over`, with whom it was taken from and why) and in the audit log.
 * Supervisors also reassign with `PATCH /api/cases/{id} { owner }`.
 */
const CaseId = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const caseTakeRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));

  const take = async (req: FastifyRequest, id: string, opts: { takeover: boolean; reason?: string | undefined }) => {
    const staff = await requireStaff(req, services);
    await visibleCase(services.db, staff, id);
    if (!canChangeCases(staff)) throw backofficeError('case_read_only', 'the fraud team reads cases and works its own tasks');
    await takeCase(services.db, services, id, staffActor(staff), { takeover: opts.takeover, ...(opts.reason !== undefined ? { reason: opts.reason } : {}) });
    return (await caseSummary(services.db, id))!;
  };

  app.post(
    '/api/cases/:id/take',
    {
      schema: {
        ...staffDoc,
        summary: 'Take the case: nobody’s becomes yours; another person’s answers 409 `case_locked` with `details.owner`',
        params: CaseId,
        response: { 200: CaseSummary, ...refusals },
      },
    },
    async (req) => take(req, req.params.id, { takeover: false }),
  );

  app.post(
    '/api/cases/:id/takeover',
    {
      schema: {
        ...staffDoc,
        summary: 'Take the case over from whoever has it (recorded on the timeline and in the audit log)',
        params: CaseId,
        body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: MAX_TEXT, pattern: '^[^\\u0000\\p{Cs}]*$' })) }, { additionalProperties: false }),
        response: { 200: CaseSummary, ...refusals },
      },
    },
    async (req) => take(req, req.params.id, { takeover: true, reason: req.body?.reason }),
  );
};

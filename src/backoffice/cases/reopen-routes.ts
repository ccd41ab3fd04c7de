import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteModule } from '../../http/modules.ts';
import type { Services } from '../../platform/services.ts';
import { requireStaff, staffActor } from '../access.ts';
import { visibleCase } from '../route-support.ts';
import { unlockError } from '../unlock/errors.ts';
import { reopenCase } from './reopen.ts';
import { MAX_TEXT } from './rules.ts';
import { CaseSummary, caseSummary, refusals, staffDoc } from './views.ts';

/** `POST /api/cases/{id}/reopen`: a supervisor reopens a closed case, with the reason, recorded. */
export function reopenRoutes(plain: Parameters<RouteModule>[0], services: Services): void {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/cases/:id/reopen',
    {
      schema: {
        ...staffDoc,
        summary: 'Reopen a closed case (supervisors), with the reason: back to in progress, on the timeline and in the audit log',
        description: 'Other roles get 403 `supervisor_only`; a case that is not closed 409 `wrong_status`; an empty reason 400 `comment_required`.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: MAX_TEXT, pattern: '^[^\\u0000\\p{Cs}]*$' }) }, { additionalProperties: false }),
        response: { 200: CaseSummary, ...refusals },
      },
    },
    async (req) => {
      const staff = await requireStaff(req, services);
      if (staff.role !== 'supervisor') throw unlockError('supervisor_only', 'only a supervisor reopens a case');
      await visibleCase(services.db, staff, req.params.id);
      await reopenCase(services.db, services, req.params.id, req.body.reason, staffActor(staff));
      return (await caseSummary(services.db, req.params.id))!;
    },
  );
}

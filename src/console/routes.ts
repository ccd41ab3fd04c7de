import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { canSeeCase, requireStaff } from '../backoffice/access.ts';
import { refusals, staffDoc } from '../backoffice/case-views.ts';
import { getCase } from '../backoffice/cases-store.ts';
import { backofficeError } from '../backoffice/errors.ts';
import type { RouteModule } from '../http/modules.ts';
import { CustomerPanel, customerPanel } from './customer-panel.ts';
import { eventRoutes } from './events-routes.ts';

/** The console's own server routes (issue 6): the customer panel of a case and the live updates. */
export const consoleRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));

  app.get(
    '/api/cases/:id/customer',
    {
      schema: {
        ...staffDoc,
        summary: 'The customer panel of a case: masked identity, phones landline first, office and manager, devices, blocks, online-banking profile, representatives',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: CustomerPanel, ...refusals },
      },
    },
    async (req) => {
      const staff = await requireStaff(req, services);
      const row = await getCase(services.db, req.params.id);
      if (!row || !canSeeCase(staff, row)) throw backofficeError('case_not_found', 'no such case');
      return customerPanel(services.db, row, services.config.backoffice.recentDeviceDays);
    },
  );

  eventRoutes(app, services);
};

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { canSeeCase, requireStaff } from '../backoffice/access.ts';
import { loadAlertCatalogue } from '../backoffice/alerts/catalogue.ts';
import { refusals, staffDoc } from '../backoffice/cases/views.ts';
import { getCase } from '../backoffice/cases/store.ts';
import { backofficeError } from '../backoffice/errors.ts';
import { visibleCustomer } from '../backoffice/unlock/scope.ts';
import type { RouteModule } from '../http/modules.ts';
import { CustomerPanel, customerPanel } from './customer-panel.ts';
import { eventRoutes } from './events-routes.ts';

const Words = Type.Object({ es: Type.String(), en: Type.String() });
const AlertCatalogueView = Type.Object({
  situations: Type.Record(Type.String(), Words, { description: 'Situation key → its words' }),
  details: Type.Record(Type.String(), Words, { description: 'Alert detail key → its words' }),
});

/** The console's own server routes (issue 6): the customer panel of a case, the alert catalogue and the live updates. */
export const consoleRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  // Read and checked once, when the server starts: a bad catalogue stops the start.
  const catalogue = loadAlertCatalogue(services.config.backoffice.alertCatalogue);

  app.get(
    '/api/console/catalogue',
    {
      schema: {
        ...staffDoc,
        summary: 'The words of alert situations and detail keys, in Spanish and English (the shipped catalogue under the bank’s `backoffice.alertCatalogue`); a key missing here is shown humanised',
        response: { 200: AlertCatalogueView, 401: refusals[401] },
      },
    },
    async (req) => {
      await requireStaff(req, services);
      return catalogue;
    },
  );

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
      // The customer too is scoped to a branch user's office (issue 14, finding 5), whatever queue the case is in.
      await visibleCustomer(services.db, staff, row.customer_id);
      return customerPanel(services.db, row, services.config.backoffice.recentDeviceDays);
    },
  );

  eventRoutes(app, services);
};

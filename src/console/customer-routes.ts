import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireStaff } from '../backoffice/access.ts';
import { refusals, staffDoc } from '../backoffice/cases/views.ts';
import { visibleCustomer } from '../backoffice/unlock/scope.ts';
import type { RouteModule } from '../http/modules.ts';
import { customerHistory, HistoryItem } from './customer-history.ts';
import { customerState, CustomerState } from './customer-state.ts';

/**
 * The customer page's API (issue 13), for staff, scoped like cases: a branch user sees its own
 * office's customers only (another office's answers 404, as no customer); the contact centre and
 * admins any customer.
 */
export const customerPageRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

  app.get(
    '/api/customers/:id',
    {
      schema: {
        ...staffDoc,
        summary: 'A customer’s state: blocks in force (target, origin, who, when), cards with their PIN state, profile, devices, open cases, and the ways back the caller may take',
        params: Id,
        response: { 200: CustomerState, ...refusals },
      },
    },
    async (req) => {
      const staff = await requireStaff(req, services);
      const customer = await visibleCustomer(services.db, staff, req.params.id);
      return customerState(services.db, services, staff, customer);
    },
  );

  app.get(
    '/api/customers/:id/history',
    {
      schema: {
        ...staffDoc,
        summary: 'A customer’s history, newest first: cases, IVR calls, web recoveries, blocks set and lifted, branch unlocks',
        params: Id,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })) }),
        response: { 200: Type.Object({ items: Type.Array(HistoryItem) }), ...refusals },
      },
    },
    async (req) => {
      const staff = await requireStaff(req, services);
      const customer = await visibleCustomer(services.db, staff, req.params.id);
      return { items: await customerHistory(services.db, staff, customer.id, req.query.limit ?? 200) };
    },
  );
};

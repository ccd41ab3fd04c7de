import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RouteModule } from '../http/modules.ts';
import { AppError } from '../platform/errors.ts';
import { requireAdmin } from './admin-auth.ts';
import { provisioningDeps } from './deps.ts';
import { importRecords } from './import.ts';
import { importEnvelope, parseImportCsv } from './parse.ts';
import { ImportBody, ImportSummary } from './schema.ts';
import { CustomerView, customerView } from './view.ts';

const ErrorBody = Type.Object({ error: Type.String(), message: Type.String(), detail: Type.Optional(Type.String()) });
const IMPORT_LIMIT = 16 * 1024 * 1024;
/** Records per request: each may cost an argon2 check, so bigger batches go through `cerrojo import`. */
export const MAX_RECORDS_PER_REQUEST = 1000;

/**
 * The admin (provisioning) API: the bank's core system pushes offices, managers and customers,
 * and reads back a masked view. Every route takes `Authorization: Bearer <admin token>`.
 */
export const provisioningRoutes: RouteModule = async (fastify, { services }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const deps = provisioningDeps(services, 'admin');
  const common = { tags: ['admin'], security: [{ admin: [] }] };
  app.addHook('onRequest', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  // Checked before the body is read, so a caller without the token cannot make us parse 16 MiB.
  app.addHook('onRequest', requireAdmin(services.adminToken));
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_LIMIT }, (_req, body, done) => done(null, body));

  app.post(
    '/api/admin/import',
    {
      bodyLimit: IMPORT_LIMIT,
      schema: {
        ...common,
        summary: 'Create or update offices, managers and customers',
        description:
          'Idempotent by office code, manager id and customer externalId. Each record is checked and applied on its own: ' +
          'a bad record is listed in `errors` and the others still land. Also accepts `text/csv` (one customer per row). ' +
          `At most ${MAX_RECORDS_PER_REQUEST} records per request.`,
        consumes: ['application/json', 'text/csv'],
        body: ImportBody,
        response: { 200: ImportSummary, 400: ErrorBody, 401: ErrorBody },
      },
      // Records are validated one by one by the import, so one bad record cannot reject the rest.
      validatorCompiler: () => () => true,
    },
    async (req) => {
      const body: unknown = req.body;
      const input = typeof body === 'string' ? parseImportCsv(body) : importEnvelope(body);
      const count = (input.offices?.length ?? 0) + (input.managers?.length ?? 0) + (input.customers?.length ?? 0);
      if (count > MAX_RECORDS_PER_REQUEST) {
        throw new AppError('validation', `at most ${MAX_RECORDS_PER_REQUEST} records per request (got ${count}); split the batch or use \`cerrojo import\``);
      }
      return importRecords(services.db, deps, input);
    },
  );

  app.get(
    '/api/admin/customers/:externalId',
    {
      schema: {
        ...common,
        summary: 'A masked view of one customer',
        // The import's own shape of a customer externalId: anything else (a NUL was a 500) names nobody.
        params: Type.Object({ externalId: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,64}$' }) }),
        response: { 200: CustomerView, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const view = await customerView(services.db, req.params.externalId);
      if (!view) throw new AppError('not_found', `no customer with externalId ${req.params.externalId}`);
      return view;
    },
  );
};

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { appendAudit } from '../../audit/audit.ts';
import { activeBlocks } from '../../customers/blocks-store.ts';
import { inTransaction } from '../../customers/store-support.ts';
import type { RouteModule } from '../../http/modules.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Services } from '../../platform/services.ts';
import { requireStaff, staffActor, type Staff } from '../access.ts';
import { lockCase } from '../cases/store.ts';
import { refusals, staffDoc } from '../cases/views.ts';
import { backofficeError } from '../errors.ts';
import { unlockError } from './errors.ts';
import { performUnlock, recordUnlock } from './perform.ts';
import { approvalRefusal, canSeeRequest, documentMatches, maskSeen, requestRefusal, unlockPlan } from './rules.ts';
import { insertRequest, finishRequest, listRequests, lockRequest } from './store.ts';
import { unlockDb } from './schema.ts';
import { namedCase } from './scope.ts';
import { RequestView, requestView } from './views.ts';
import { pinRoutes } from './pin-routes.ts';
import { reopenRoutes } from '../cases/reopen-routes.ts';
import { validateDocument } from '../../customers/documents.ts';
import { getCustomer } from '../../customers/customers-store.ts';
import { ConfigError } from '../../config/config.ts';
import { checkCategory, loadCategories } from '../cases/categories.ts';
import { configFile } from '../deps.ts';

/** No NUL and no lone UTF-16 surrogate: PostgreSQL refuses both. */
const STORABLE = '^[^\\u0000\\p{Cs}]*$';
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Status = Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('rejected')]);
const Reply = Type.Object({ request: RequestView, performed: Type.Boolean({ description: 'false while it waits for a second person (four-eyes)' }) });

async function viewOf(ex: Executor, id: string): Promise<RequestView> {
  const [row] = await listRequests(ex, { id, limit: 1 });
  return requestView(row!);
}

function unlockRequestRoutes(plain: Parameters<RouteModule>[0], services: Services): void {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const db = services.db;

  app.post(
    '/api/customers/:id/unlock',
    {
      schema: {
        ...staffDoc,
        summary: 'A branch unlocks its own customer the contact centre blocked, after identifying them in person',
        description:
          'Records the document seen (type and number, checked against the customer’s: 400 `document_mismatch`), then lifts the CAE block and the contact centre’s signature block and restores the full profile, ' +
          'each a step of its own on the case timeline and in the audit log; tells the customer by SMS; categorises (`backoffice.branchUnlock.category`) and closes the case named by `caseId`. ' +
          'With `backoffice.branchUnlock.fourEyes` the request waits (`performed: false`) until a second branch user of the same office or a supervisor approves it. Branch users only (403 `branch_only`), on their own office’s customers (404 otherwise).',
        params: Id,
        body: Type.Object(
          {
            document: Type.Object({ type: Type.Union([Type.Literal('DNI'), Type.Literal('NIE'), Type.Literal('CIF'), Type.Literal('PASSPORT')]), number: Type.String({ minLength: 1, maxLength: 32, pattern: STORABLE }) }, { additionalProperties: false }),
            caseId: Type.Optional(Type.String({ format: 'uuid' })),
            note: Type.Optional(Type.String({ maxLength: 1000, pattern: STORABLE })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Reply, ...refusals },
      },
    },
    async (req) => {
      const staff = await requireStaff(req, services);
      const actor = staffActor(staff);
      const customer = await getCustomer(db, req.params.id);
      const refusal = customer ? requestRefusal(staff, customer.office_code) : 'customer_not_found';
      if (!customer || refusal) throw unlockError(refusal ?? 'customer_not_found', 'not a customer of your branch');
      if (!documentMatches(customer, req.body.document)) {
        await appendAudit(db, { at: services.clock.now(), actor, action: 'unlock.identification_failed', customerId: customer.id, subject: `customer:${customer.id}`, details: { documentType: req.body.document.type } });
        throw unlockError('document_mismatch', 'the document seen is not the customer’s');
      }
      const fourEyes = services.config.backoffice.branchUnlock.fourEyes;
      const id = await inTransaction(db, async (tx) => {
        const caseRow = req.body.caseId ? await namedCase(tx, staff, req.body.caseId, customer.id) : null;
        const user = await tx.selectFrom('online_banking_users').select('profile').where('customer_id', '=', customer.id).executeTakeFirst();
        if (unlockPlan({ blocks: await activeBlocks(tx, customer.id), profile: user?.profile ?? null }).length === 0) throw unlockError('nothing_to_unlock', 'no contact-centre block and no read-only profile');
        const seen = validateDocument(req.body.document.type, req.body.document.number);
        const input = { customerId: customer.id, caseId: caseRow?.id ?? null, officeCode: staff.officeCode!, documentType: req.body.document.type, documentMasked: maskSeen(seen.ok ? seen.value : ''), note: req.body.note?.trim() || null, requestedBy: actor, at: services.clock.now() };
        const request = await insertRequest(tx, input, fourEyes ? 'pending' : 'done');
        await recordUnlock(tx, services, request, actor, 'identified', { documentType: request.document_type, document: request.document_masked, note: request.note });
        if (fourEyes) {
          await recordUnlock(tx, services, request, actor, 'requested');
          return request.id;
        }
        const result = await performUnlock(tx, services, { request, actor, approvedBy: null });
        // No second person decided: `decidedBy` stays empty, the requester is `requestedBy`.
        await finishRequest(tx, request.id, { status: 'done', by: null, at: services.clock.now(), result });
        return request.id;
      });
      return { request: await viewOf(db, id), performed: !fourEyes };
    },
  );

  app.get(
    '/api/unlock-requests',
    {
      schema: {
        ...staffDoc,
        summary: 'Branch unlock requests, oldest first: the four-eyes approval queue with `status=pending`',
        description: 'A branch user sees its own office’s; supervisors and admins every office’s; agents none (403 `approval_not_allowed`).',
        querystring: Type.Object({ status: Type.Optional(Status), customerId: Type.Optional(Type.String({ format: 'uuid' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }),
        response: { 200: Type.Object({ requests: Type.Array(RequestView) }), ...refusals },
      },
    },
    async (req) => {
      const staff = await requireStaff(req, services);
      if (!canSeeRequest(staff, { office_code: staff.officeCode ?? '' })) throw unlockError('approval_not_allowed', 'branch users, supervisors and admins see unlock requests');
      const rows = await listRequests(db, { officeCode: staff.role === 'branch' ? staff.officeCode! : undefined, status: req.query.status, customerId: req.query.customerId, limit: req.query.limit ?? 100 });
      return { requests: rows.map(requestView) };
    },
  );

  /** Locks a pending request the person may decide on: its case first (the lock order of every case change), then the request. */
  const decidable = async (tx: Tx, staff: Staff, id: string) => {
    const peek = await unlockDb(tx).selectFrom('unlock_requests').select('case_id').where('id', '=', id).executeTakeFirst();
    if (peek?.case_id) await lockCase(tx, peek.case_id);
    const request = await lockRequest(tx, id);
    if (!canSeeRequest(staff, request)) throw unlockError('request_not_found', 'no such unlock request');
    if (request.status !== 'pending') throw unlockError('request_decided', `the request is ${request.status}`);
    const refusal = approvalRefusal(staff, request);
    if (refusal) throw unlockError(refusal, 'four-eyes: someone else of the office, or a supervisor');
    return request;
  };

  app.post(
    '/api/unlock-requests/:id/approve',
    { schema: { ...staffDoc, summary: 'Approve a pending branch unlock (four-eyes): the lift takes effect now', params: Id, response: { 200: Reply, ...refusals } } },
    async (req) => {
      const staff = await requireStaff(req, services);
      const actor = staffActor(staff);
      await inTransaction(db, async (tx) => {
        const request = await decidable(tx, staff, req.params.id);
        await recordUnlock(tx, services, request, actor, 'approved');
        const result = await performUnlock(tx, services, { request, actor, approvedBy: actor });
        await finishRequest(tx, request.id, { status: 'done', by: actor, at: services.clock.now(), result });
      });
      return { request: await viewOf(db, req.params.id), performed: true };
    },
  );

  app.post(
    '/api/unlock-requests/:id/reject',
    {
      schema: {
        ...staffDoc,
        summary: 'Reject a pending branch unlock, with the reason: recorded, and nothing is lifted',
        params: Id,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000, pattern: STORABLE }) }, { additionalProperties: false }),
        response: { 200: Reply, ...refusals },
      },
    },
    async (req) => {
      const staff = await requireStaff(req, services);
      const actor = staffActor(staff);
      const reason = req.body.reason.trim();
      if (!reason) throw backofficeError('comment_required', 'say why');
      await inTransaction(db, async (tx) => {
        const request = await decidable(tx, staff, req.params.id);
        await recordUnlock(tx, services, request, actor, 'rejected', { reason });
        await finishRequest(tx, request.id, { status: 'rejected', by: actor, at: services.clock.now(), reason });
      });
      return { request: await viewOf(db, req.params.id), performed: false };
    },
  );
}

/** The branch unlock closes its case with a category: a leaf of the tree, not a special one, or the start stops. */
function checkUnlockCategory(services: Services): void {
  const category = services.config.backoffice.branchUnlock.category;
  const tree = loadCategories(configFile(services.config.backoffice.categoriesFile, 'categories.json'));
  const check = checkCategory(tree, category, false);
  if (!check.ok) throw new ConfigError('backoffice.branchUnlock.category', `"${category}" is not a leaf of the category tree (${check.reason})`);
}

/** The ways back a person takes in the console (issue 13): the branch unlock and its approval, the card PIN lift, reopening a case. */
export const unlockRoutes: RouteModule = async (app, { services }) => {
  checkUnlockCategory(services);
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  unlockRequestRoutes(app, services);
  pinRoutes(app, services);
  reopenRoutes(app, services);
};

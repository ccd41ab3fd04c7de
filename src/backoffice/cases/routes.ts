import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RouteModule } from '../../http/modules.ts';
import { AppError } from '../../platform/errors.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../customers/store-support.ts';
import type { Services } from '../../platform/services.ts';
import { canChangeCases, canSeeCase, caseScope, canWorkQueue, CONTACT_CENTRE_QUEUE, officeQueue, requireStaff, staffActor, type Staff } from '../access.ts';
import { CASE_STATUSES, MAX_TEXT } from './rules.ts';
import { CaseDetail, caseDetail, CaseSummary, caseSummary, inbox, listCases, mentionView, MentionView, refusals, staffDoc } from './views.ts';
import { CategoryFile, checkCategory, isSpecial, loadCategories, type CategoryTree } from './categories.ts';
import { addComment, addMention, assignCase, closeCase, createCase, getCase, linkToMainCase, lockCase, setCaseCategory, setCaseStatus } from './store.ts';
import { checkManualChange } from './take.ts';
import { configFile } from '../deps.ts';
import { visibleCustomer } from '../unlock/scope.ts';
import { backofficeError } from '../errors.ts';
import { OUTCOMES, type BackofficeTables, type Case } from '../schema.ts';

/**
 * The back office's case API (seed 002), for staff (`requireStaff`): a case outside the queues
 * a person may work answers 404 as if it did not exist.
 */
const StaffIdPattern = '^[A-Za-z0-9._-]{1,64}$';
/** No NUL and no lone UTF-16 surrogate: PostgreSQL refuses both (a 500 before; found by test/security). */
const STORABLE = '^[^\\u0000\\p{Cs}]*$';
const Text = Type.String({ minLength: 1, maxLength: MAX_TEXT, pattern: STORABLE });
const Queue = Type.String({ maxLength: 40, pattern: STORABLE });
const CaseId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Outcome = Type.Union(OUTCOMES.map((o) => Type.Literal(o)));
const OpenStatus = Type.Union([Type.Literal('new'), Type.Literal('in_progress'), Type.Literal('pending_customer')]);

/** The case, if `staff` may see it; otherwise the same 404 as for no case at all. */
function visible(staff: Staff, row: Case | undefined): Case {
  if (!row || !canSeeCase(staff, row)) throw backofficeError('case_not_found', 'no such case');
  return row;
}

/** The case, if `staff` may see it and changes cases (the fraud team reads them only). */
function changeable(staff: Staff, row: Case | undefined): Case {
  const c = visible(staff, row);
  if (!canChangeCases(staff)) throw backofficeError('case_read_only', 'the fraud team reads cases and works its own tasks');
  return c;
}

async function summaryOf(ex: Executor, id: string): Promise<CaseSummary> {
  return (await caseSummary(ex, id))!;
}

function caseRoutes(plain: FastifyInstance, services: Services, tree: CategoryTree): void {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const staffOf = (req: FastifyRequest) => requireStaff(req, services);
  const tx = <T>(fn: (t: Tx) => Promise<T>) => inTransaction(services.db, fn);

  app.get(
    '/api/categories',
    { schema: { ...staffDoc, summary: 'The three-level category tree; level-2 `special` categories need `accountChanged`', response: { 200: Type.Omit(CategoryFile, ['$comment']), ...refusals } } },
    async (req) => {
      await staffOf(req);
      return { categories: tree.categories };
    },
  );

  app.get(
    '/api/cases',
    {
      schema: {
        ...staffDoc,
        summary: 'Cases of a queue, oldest first',
        description: 'Only the cases the caller may see: a branch user its office’s queue; an agent or a supervisor the contact centre’s queue and the cases it owns; an admin all. `owner=me` is the caller’s own cases.',
        querystring: Type.Object({
          queue: Type.Optional(Queue),
          status: Type.Optional(Type.Union(CASE_STATUSES.map((s) => Type.Literal(s)))),
          owner: Type.Optional(Type.String({ pattern: `^(me|${StaffIdPattern.slice(1, -1)})$` })),
          customerId: Type.Optional(Type.String({ format: 'uuid' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Object({ cases: Type.Array(CaseSummary) }), ...refusals },
      },
    },
    async (req) => {
      const staff = await staffOf(req);
      const { queue, status, owner, customerId, limit } = req.query;
      const ownerActor = owner === undefined ? undefined : owner === 'me' ? staffActor(staff) : staffActor({ id: owner });
      return { cases: await listCases(services.db, { ...caseScope(staff), queue, status, owner: ownerActor, customerId, limit: limit ?? 100 }) };
    },
  );

  app.post(
    '/api/cases',
    {
      schema: {
        ...staffDoc,
        summary: 'Open a main case for a customer (seed 002: "Creamos un caso nuevo el cual será el caso principal")',
        description:
          'A branch user opens cases for its own office’s customers, in its office’s queue: another office’s customer answers 404 `customer_not_found`, as an unknown one does; another queue 403 `queue_not_allowed`. ' +
          'An office’s queue holds only that office’s customers’ cases (400 `other_office_queue`).',
        body: Type.Object({ customerId: Type.String({ format: 'uuid' }), queue: Type.Optional(Queue) }, { additionalProperties: false }),
        response: { 201: CaseSummary, ...refusals },
      },
    },
    async (req, reply) => {
      const staff = await staffOf(req);
      const queue = req.body.queue ?? (staff.role === 'branch' ? officeQueue(staff.officeCode!) : CONTACT_CENTRE_QUEUE);
      if (!canChangeCases(staff)) throw backofficeError('case_read_only', 'the fraud team reads cases and works its own tasks');
      if (!canWorkQueue(staff, queue)) throw backofficeError('queue_not_allowed', `you cannot work on ${queue}`);
      // Customers are scoped like cases (issue 14, finding 5): another office's answers as no customer.
      const customer = await visibleCustomer(services.db, staff, req.body.customerId);
      const row = await createCase(services.db, services, { kind: 'main', customerId: customer.id, queue, actor: staffActor(staff) });
      return reply.code(201).send(await summaryOf(services.db, row.id));
    },
  );

  app.get('/api/cases/:id', { schema: { ...staffDoc, summary: 'A case with its alerts, timeline, mentions and links', params: CaseId, response: { 200: CaseDetail, ...refusals } } }, async (req) => {
    const staff = await staffOf(req);
    visible(staff, await getCase(services.db, req.params.id));
    return (await caseDetail(services.db, req.params.id))!;
  });

  app.patch(
    '/api/cases/:id',
    {
      schema: {
        ...staffDoc,
        summary: 'Change status, owner, queue or category',
        description:
          '`pending_customer` needs `pendingReason` (the "Pendiente de cliente" field). `owner` is a staff id (null leaves the case unowned). ' +
          'A case another person has answers 409 `case_locked` (`details.owner`): supervisors and admins may still reassign it; others take it over (`POST /api/cases/{id}/takeover`). ' +
          'A `category` under a special level-2 node needs `accountChanged: true` (the account or its holders really change). ' +
          'Closing is `POST /api/cases/{id}/close`. With `version`, a case changed meanwhile answers 409 `stale_version`.',
        params: CaseId,
        body: Type.Object(
          {
            version: Type.Optional(Type.Integer({ minimum: 0 })),
            status: Type.Optional(OpenStatus),
            pendingReason: Type.Optional(Text),
            queue: Type.Optional(Queue),
            owner: Type.Optional(Type.Union([Type.String({ pattern: StaffIdPattern }), Type.Null()])),
            category: Type.Optional(Type.Union([Type.String({ maxLength: 130, pattern: STORABLE }), Type.Null()])),
            accountChanged: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseSummary, ...refusals },
      },
    },
    async (req) => {
      const staff = await staffOf(req);
      const actor = staffActor(staff);
      const body = req.body;
      await tx(async (t) => {
        const row = visible(staff, await lockCase(t, req.params.id));
        if (body.version !== undefined && body.version !== row.version) throw backofficeError('stale_version', `case ${row.number} is at version ${row.version}`, { version: row.version });
        if (body.queue !== undefined && !canWorkQueue(staff, body.queue)) throw backofficeError('queue_not_allowed', `you cannot move a case to ${body.queue}`);
        const owner = body.owner === undefined ? undefined : body.owner === null ? null : staffActor({ id: body.owner });
        const others = body.status !== undefined || body.pendingReason !== undefined || body.category !== undefined || body.queue !== undefined;
        // A case another person has: only a supervisor reassigns it; nothing else changes until it is taken over.
        checkManualChange(staff, row, { ...(owner !== undefined ? { owner } : {}), others });
        if (body.category !== undefined) {
          if (body.category === null) await setCaseCategory(t, services, row.id, null, actor);
          else {
            const check = checkCategory(tree, body.category, body.accountChanged === true);
            if (!check.ok) throw backofficeError(check.reason, `category ${body.category}`);
            await setCaseCategory(t, services, row.id, body.category, actor, check.special ? { special: true, accountChanged: true } : {});
          }
        }
        if (body.queue !== undefined || body.owner !== undefined) {
          await assignCase(t, services, row.id, { ...(body.queue !== undefined ? { queue: body.queue } : {}), ...(owner !== undefined ? { owner } : {}) }, actor);
        }
        if (body.status !== undefined) await setCaseStatus(t, services, row.id, body.status, actor, body.pendingReason !== undefined ? { pendingReason: body.pendingReason } : {});
        else if (body.pendingReason !== undefined) throw backofficeError('pending_reason_required', 'pendingReason goes with status pending_customer');
      });
      return summaryOf(services.db, req.params.id);
    },
  );

  app.post(
    '/api/cases/:id/comments',
    { schema: { ...staffDoc, summary: 'A comment on the case’s timeline', params: CaseId, body: Type.Object({ text: Text }, { additionalProperties: false }), response: { 204: Type.Null(), ...refusals } } },
    async (req, reply) => {
      const staff = await staffOf(req);
      changeable(staff, await getCase(services.db, req.params.id));
      await addComment(services.db, services, req.params.id, req.body.text, staffActor(staff));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/cases/:id/close',
    {
      schema: {
        ...staffDoc,
        summary: 'Close the case with its closing comments',
        description:
          'An empty comment is refused (`closing_comment_required`); closing a closed case answers it unchanged. A case closes with a leaf category: the one it has, or `category` ' +
          '(a special one with `accountChanged: true`); without either, 400 `category_required`. A case with a special category is closed by its owner (`owner_must_close`); ' +
          'a case another person has answers 409 `case_locked`.',
        params: CaseId,
        body: Type.Object(
          {
            closingComment: Type.String({ maxLength: MAX_TEXT, pattern: STORABLE }),
            outcome: Type.Optional(Outcome),
            category: Type.Optional(Type.String({ maxLength: 130, pattern: STORABLE })),
            accountChanged: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseSummary, ...refusals },
      },
    },
    async (req) => {
      const staff = await staffOf(req);
      const actor = staffActor(staff);
      await tx(async (t) => {
        const row = changeable(staff, await lockCase(t, req.params.id));
        const { category, outcome } = req.body;
        if (category !== undefined && row.status !== 'closed') {
          const check = checkCategory(tree, category, req.body.accountChanged === true);
          if (!check.ok) throw backofficeError(check.reason, `category ${category}`);
        }
        const closingCategory = category ?? row.category;
        // Seed 002: for limit and holder changes, "el propietario del caso que cierre será el que previamente haya ejecutado el PER o el ACUERDO".
        if (row.status !== 'closed' && closingCategory && isSpecial(tree, closingCategory) && row.owner !== actor) throw backofficeError('owner_must_close', `case ${row.number} is closed by its owner`, { owner: row.owner });
        checkManualChange(staff, row);
        await closeCase(t, services, row.id, req.body.closingComment, actor, { ...(outcome ? { outcome } : {}), ...(category !== undefined ? { category } : {}) });
      });
      return summaryOf(services.db, req.params.id);
    },
  );

  app.post(
    '/api/cases/:id/link',
    {
      schema: {
        ...staffDoc,
        summary: 'Link the case to a main case of the same customer',
        params: CaseId,
        body: Type.Object({ mainCaseId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: CaseSummary, ...refusals },
      },
    },
    async (req) => {
      const staff = await staffOf(req);
      checkManualChange(staff, changeable(staff, await getCase(services.db, req.params.id)));
      visible(staff, await getCase(services.db, req.body.mainCaseId));
      await linkToMainCase(services.db, services, req.params.id, req.body.mainCaseId, staffActor(staff));
      return summaryOf(services.db, req.params.id);
    },
  );

  app.post(
    '/api/cases/:id/mentions',
    {
      schema: {
        ...staffDoc,
        summary: 'Mention an office (by code) or a manager (by id): it lands in their inbox',
        params: CaseId,
        body: Type.Object({ targetKind: Type.Union([Type.Literal('office'), Type.Literal('manager')]), targetId: Type.String({ minLength: 1, maxLength: 40, pattern: STORABLE }), text: Text }, { additionalProperties: false }),
        response: { 201: MentionView, ...refusals },
      },
    },
    async (req, reply) => {
      const staff = await staffOf(req);
      changeable(staff, await getCase(services.db, req.params.id));
      const mention = await addMention(services.db, services, req.params.id, { kind: req.body.targetKind, id: req.body.targetId }, req.body.text, staffActor(staff));
      return reply.code(201).send(mentionView(mention));
    },
  );

  /** Which inbox a request names, if the caller may read it (a branch user: its office and its office's managers). */
  const inboxTarget = async (staff: Staff, office: string | undefined, manager: string | undefined) => {
    if ((office === undefined) === (manager === undefined)) throw new AppError('validation', 'give exactly one of office or manager');
    const target = office !== undefined ? { kind: 'office' as const, id: office } : { kind: 'manager' as const, id: manager! };
    if (staff.role === 'branch') {
      const officeOf = target.kind === 'office' ? target.id : (await services.db.selectFrom('managers').select('office_code').where('id', '=', target.id).executeTakeFirst())?.office_code;
      if (officeOf !== staff.officeCode) throw backofficeError('inbox_not_allowed', 'a branch user reads its own office’s inbox and its managers’');
    }
    return target;
  };

  app.get(
    '/api/inbox',
    {
      schema: {
        ...staffDoc,
        summary: 'The mentions of an office or a manager, newest first',
        querystring: Type.Object({
          office: Type.Optional(Type.String({ minLength: 1, maxLength: 16, pattern: STORABLE })),
          manager: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: STORABLE })),
          unread: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Object({ mentions: Type.Array(MentionView) }), ...refusals },
      },
    },
    async (req) => {
      const staff = await staffOf(req);
      const target = await inboxTarget(staff, req.query.office, req.query.manager);
      return { mentions: await inbox(services.db, target, req.query.unread === true, req.query.limit ?? 100) };
    },
  );

  app.post(
    '/api/inbox/:id/read',
    { schema: { ...staffDoc, summary: 'Mark a mention read', params: CaseId, response: { 200: MentionView, ...refusals } } },
    async (req) => {
      const staff = await staffOf(req);
      const mentions = services.db.withTables<BackofficeTables>();
      const mention = await mentions.selectFrom('mentions').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!mention) throw backofficeError('mention_not_found', 'no such mention');
      await inboxTarget(staff, mention.target_kind === 'office' ? mention.target_id : undefined, mention.target_kind === 'manager' ? mention.target_id : undefined);
      const read = await mentions.updateTable('mentions').set({ read_at: services.clock.now() }).where('id', '=', mention.id).where('read_at', 'is', null).returningAll().executeTakeFirst();
      return mentionView(read ?? mention);
    },
  );
}

/** The case routes; the category tree is read at start, so a bad file stops the start. */
export const casesRoutes: RouteModule = async (app, { services }) => {
  const tree = loadCategories(configFile(services.config.backoffice.categoriesFile, 'categories.json'));
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  caseRoutes(app, services, tree);
};

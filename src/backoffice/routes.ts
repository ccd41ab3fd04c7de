import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RouteModule } from '../http/modules.ts';
import { AppError } from '../platform/errors.ts';
import type { Executor, Tx } from '../platform/db/database.ts';
import { inTransaction } from '../customers/store-support.ts';
import type { Services } from '../platform/services.ts';
import { canSeeCase, caseScope, canWorkQueue, CONTACT_CENTRE_QUEUE, officeQueue, requireStaff, staffActor, type Staff } from './access.ts';
import { alertSources, checkAlertHeaders, checkAlertSignature, type AlertSource } from './alert-auth.ts';
import { MAX_DETAILS_BYTES, receiveAlert } from './alerts.ts';
import { CASE_STATUSES, MAX_TEXT } from './case-rules.ts';
import { BACKOFFICE_TAGS, CaseDetail, caseDetail, CaseSummary, caseSummary, inbox, listCases, mentionView, MentionView, refusals, staffDoc } from './case-views.ts';
import { CategoryFile, checkCategory, isSpecial, loadCategories, type CategoryTree } from './categories.ts';
import { addComment, addMention, assignCase, closeCase, createCase, getCase, linkToMainCase, lockCase, setCaseCategory, setCaseStatus } from './cases-store.ts';
import { configFile } from './deps.ts';
import { backofficeError } from './errors.ts';
import { OUTCOMES, type BackofficeTables, type Case } from './schema.ts';

/**
 * The back office's alert and case API (seed 002). `POST /api/alerts` is for the fraud engine,
 * authenticated per source (`alert-auth.ts`); every other route is for staff (`requireStaff`), and
 * a case outside the queues a person may work answers 404 as if it did not exist.
 */
const tags = BACKOFFICE_TAGS;

const StaffIdPattern = '^[A-Za-z0-9._-]{1,64}$';
/** No NUL and no lone UTF-16 surrogate: PostgreSQL refuses both (a 500 before; found by test/security). */
const STORABLE = '^[^\\u0000\\p{Cs}]*$';
const Text = Type.String({ minLength: 1, maxLength: MAX_TEXT, pattern: STORABLE });
const Queue = Type.String({ maxLength: 40, pattern: STORABLE });
const CaseId = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Outcome = Type.Union(OUTCOMES.map((o) => Type.Literal(o)));
const OpenStatus = Type.Union([Type.Literal('new'), Type.Literal('in_progress'), Type.Literal('pending_customer')]);

const AlertBody = Type.Object(
  {
    sourceAlertId: Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$', description: "The source's own id of the alert: posting it again answers the same alert and case" }),
    customer: Type.Union(
      [
        Type.Object({ externalId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
        Type.Object(
          { documentType: Type.Union([Type.Literal('DNI'), Type.Literal('NIE'), Type.Literal('CIF'), Type.Literal('PASSPORT')]), document: Type.String({ minLength: 1, maxLength: 20 }) },
          { additionalProperties: false },
        ),
      ],
      { description: 'The customer by the bank’s id, or by identity document' },
    ),
    operationReference: Type.Optional(Type.String({ pattern: '^[0-9]{8}$', description: 'The 8-digit reference of the operation the alert is about' })),
    situation: Type.String({ pattern: '^[a-z0-9][a-z0-9_.:-]{0,63}$', description: 'What happened, as a stable key (e.g. `transfer_new_beneficiary`): alerts of one customer and situation within the dedupe window join one case' }),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: `Anything the agent should see; at most ${MAX_DETAILS_BYTES} bytes of JSON` })),
  },
  { additionalProperties: false },
);
const AlertReply = Type.Object({
  alertId: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.Integer(),
  joined: Type.Boolean({ description: 'The alert joined an open case of the same situation' }),
  repeated: Type.Boolean({ description: 'This post repeats one already received' }),
});
const AlertHeaders = Type.Object({
  'x-alert-source': Type.String({ description: 'The configured source id' }),
  'x-api-key': Type.Optional(Type.String({ description: 'The source’s key (key authentication)' })),
  'x-signature': Type.Optional(Type.String({ description: '`sha256=<hex>` HMAC-SHA256 of `<X-Timestamp>.<raw body>` (signature authentication)' })),
  'x-timestamp': Type.Optional(Type.String({ description: 'Unix seconds; within 5 minutes of the server clock' })),
});

/** Request bodies of alert posts exactly as received, for the signature (dropped with the request). */
const rawBodies = new WeakMap<FastifyRequest, string>();
const signedBy = new WeakMap<FastifyRequest, AlertSource>();

async function alertRoutes(plain: FastifyInstance, services: Services): Promise<void> {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const json = app.getDefaultJsonParser('error', 'error');
  // This plugin's own JSON parser keeps the raw text the signature covers.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (req, body, done) => {
    rawBodies.set(req, body as string);
    json(req, body as string, done);
  });
  app.post(
    '/api/alerts',
    {
      // The source and its key are checked before the body is read; a signature once it is.
      onRequest: async (req) => {
        const { source, signed } = checkAlertHeaders(alertSources(services.config), req.headers, services.clock.now());
        signedBy.set(req, source);
        if (!signed) rawBodies.delete(req);
      },
      preValidation: async (req) => {
        const source = signedBy.get(req)!;
        if (req.headers['x-signature'] !== undefined) checkAlertSignature(source, req.headers, rawBodies.get(req) ?? '');
      },
      schema: {
        tags,
        summary: 'An alert of the fraud engine: idempotent, deduplicated into cases',
        description:
          'Authenticated per source: `X-Alert-Source` and either `X-Api-Key`, or `X-Signature: sha256=<hex>` (HMAC-SHA256 of `<X-Timestamp>.<raw body>`) with `X-Timestamp` within 5 minutes. ' +
          '201 for a new alert; 200 with the same ids when the source posts the same `sourceAlertId` again (409 `alert_id_reused` when its data differ). ' +
          'Alerts of one customer and situation within `backoffice.dedupeWindowMinutes` of the case’s newest alert join that open case; an alert about a different operation opens its own.',
        headers: AlertHeaders,
        body: AlertBody,
        response: { 200: AlertReply, 201: AlertReply, ...refusals },
      },
    },
    async (req, reply) => {
      const source = signedBy.get(req)!;
      const result = await receiveAlert(services.db, services, source.id, req.body);
      return reply.code(result.created ? 201 : 200).send({ alertId: result.alert.id, caseId: result.case.id, caseNumber: Number(result.case.number), joined: result.joined, repeated: !result.created });
    },
  );
}

/** The case, if `staff` may see it; otherwise the same 404 as for no case at all. */
function visible(staff: Staff, row: Case | undefined): Case {
  if (!row || !canSeeCase(staff, row)) throw backofficeError('case_not_found', 'no such case');
  return row;
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
        body: Type.Object({ customerId: Type.String({ format: 'uuid' }), queue: Type.Optional(Queue) }, { additionalProperties: false }),
        response: { 201: CaseSummary, ...refusals },
      },
    },
    async (req, reply) => {
      const staff = await staffOf(req);
      const queue = req.body.queue ?? (staff.role === 'branch' ? officeQueue(staff.officeCode!) : CONTACT_CENTRE_QUEUE);
      if (!canWorkQueue(staff, queue)) throw backofficeError('queue_not_allowed', `you cannot work on ${queue}`);
      const row = await createCase(services.db, services, { kind: 'main', customerId: req.body.customerId, queue, actor: staffActor(staff) });
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
        if (body.category !== undefined) {
          if (body.category === null) await setCaseCategory(t, services, row.id, null, actor);
          else {
            const check = checkCategory(tree, body.category, body.accountChanged === true);
            if (!check.ok) throw backofficeError(check.reason, `category ${body.category}`);
            await setCaseCategory(t, services, row.id, body.category, actor, check.special ? { special: true, accountChanged: true } : {});
          }
        }
        if (body.queue !== undefined && !canWorkQueue(staff, body.queue)) throw backofficeError('queue_not_allowed', `you cannot move a case to ${body.queue}`);
        if (body.queue !== undefined || body.owner !== undefined) {
          await assignCase(t, services, row.id, { ...(body.queue !== undefined ? { queue: body.queue } : {}), ...(body.owner !== undefined ? { owner: body.owner === null ? null : staffActor({ id: body.owner }) } : {}) }, actor);
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
      visible(staff, await getCase(services.db, req.params.id));
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
        description: 'An empty comment is refused (`closing_comment_required`); closing a closed case answers it unchanged. A case with a special category is closed by its owner (`owner_must_close`).',
        params: CaseId,
        body: Type.Object({ closingComment: Type.String({ maxLength: MAX_TEXT, pattern: STORABLE }), outcome: Type.Optional(Outcome) }, { additionalProperties: false }),
        response: { 200: CaseSummary, ...refusals },
      },
    },
    async (req) => {
      const staff = await staffOf(req);
      const actor = staffActor(staff);
      await tx(async (t) => {
        const row = visible(staff, await lockCase(t, req.params.id));
        // Seed 002: for limit and holder changes, "el propietario del caso que cierre será el que previamente haya ejecutado el PER o el ACUERDO".
        if (row.status !== 'closed' && row.category && isSpecial(tree, row.category) && row.owner !== actor) throw backofficeError('owner_must_close', `case ${row.number} is closed by its owner`, { owner: row.owner });
        await closeCase(t, services, row.id, req.body.closingComment, actor, req.body.outcome ? { outcome: req.body.outcome } : {});
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
      visible(staff, await getCase(services.db, req.params.id));
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
      visible(staff, await getCase(services.db, req.params.id));
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

/** The alerts and cases routes; the category tree is read at start, so a bad file stops the start. */
export const backofficeRoutes: RouteModule = async (app, { services }) => {
  const tree = loadCategories(configFile(services.config.backoffice.categoriesFile, 'categories.json'));
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  await app.register(async (child) => alertRoutes(child, services));
  caseRoutes(app, services, tree);
};

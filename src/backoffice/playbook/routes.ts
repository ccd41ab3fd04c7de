import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requestLocale } from '../../http/errors.ts';
import type { RouteModule } from '../../http/modules.ts';
import { t, type Locale } from '../../i18n/catalogue.ts';
import { requireStaff, staffActor, type Staff } from '../access.ts';
import { contactCentreStaff, visibleCase, working } from '../route-support.ts';
import { MAX_TEXT } from '../cases/rules.ts';
import { Nullable, refusals, staffDoc } from '../cases/views.ts';
import { configFile } from '../deps.ts';
import { checkCategory, loadCategories } from '../cases/categories.ts';
import { backofficeError } from '../errors.ts';
import { checkOutcomeCategories } from './outcome-categories.ts';
import { draftView, getDraft, listDrafts, MAX_BODY, MAX_SUBJECT, sendDraft, updateDraft } from './drafts.ts';
import { loadMacros } from './macros.ts';
import { applyOutcome, drive, getRun, outcomeOptions, resumeWaitingOn, runOfCase, runView, type PlaybookDeps } from './engine.ts';
import { playbookError } from './errors.ts';
import { stepsOf } from './rules.ts';
import { OFFICE_VARIANTS, PLAYBOOK, type PlaybookStep } from './playbook.ts';
import { OUTCOMES } from '../schema.ts';

/**
 * The playbook's API (seed 002): the definition itself, the outcomes that run the playbook, and
 * the macros' drafts (the contact panel and the security questions are `contact/routes.ts`). Every route is
 * for staff (`requireStaff`); a case outside the queues a person may work answers 404 as if it
 * did not exist, and only the contact centre (agents, supervisors, admins) acts on a playbook.
 */
const doc = staffDoc;

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Lang = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('es'), Type.Literal('en')])) });
const Result = Type.Record(Type.String(), Type.Unknown());

const Step = Type.Object({
  stepNo: Type.Integer(),
  action: Type.String(),
  label: Type.String(),
  on: Type.String(),
  say: Nullable(Type.String()),
  seed: Type.String({ description: "The seed's own words" }),
  done: Type.Boolean(),
  doneAt: Nullable(Type.String({ format: 'date-time' })),
  result: Nullable(Result),
});
const RunReply = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  outcome: Type.String(),
  title: Type.String(),
  variant: Nullable(Type.String()),
  status: Type.Union([Type.Literal('running'), Type.Literal('waiting'), Type.Literal('done'), Type.Literal('failed')]),
  lastError: Nullable(Type.String()),
  startedAt: Type.String({ format: 'date-time' }),
  startedBy: Type.String(),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  answeredBy: Nullable(Type.String()),
  mainCaseId: Nullable(Type.String()),
  waitingFor: Nullable(Type.Object({ draftIds: Type.Array(Type.String()) })),
  steps: Type.Array(Step),
});
const OutcomeOption = Type.Object({
  outcome: Type.String(),
  title: Type.String(),
  available: Type.Boolean(),
  missing: Type.Array(Type.Object({ requirement: Type.String(), text: Type.String() })),
  needsClosingComment: Type.Boolean(),
  category: Type.String({ description: 'The category it would close with: the case’s own, else the outcome’s' }),
});
const Draft = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  macro: Type.String(),
  macroName: Type.String(),
  audience: Type.String(),
  to: Type.String({ description: 'Masked when it is the customer' }),
  cc: Type.Array(Type.String()),
  subject: Type.String(),
  body: Type.String(),
  locale: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('sent')]),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  sentBy: Nullable(Type.String()),
});
const DefStep = Type.Object({ action: Type.String(), label: Type.String(), on: Type.String(), say: Nullable(Type.String()), seed: Type.String(), macro: Nullable(Type.String()) });
const Definition = Type.Object({
  id: Type.String(),
  version: Type.String(),
  anyDoubt: Type.String(),
  virtualOffice: Type.Object({ code: Type.String(), email: Type.String() }),
  outcomes: Type.Array(
    Type.Object({
      outcome: Type.String(),
      title: Type.String(),
      seed: Type.String(),
      requires: Type.Array(Type.String()),
      needsClosingComment: Type.Boolean(),
      steps: Type.Array(DefStep),
      variants: Nullable(Type.Record(Type.String(), Type.Array(DefStep))),
    }),
  ),
});

const defStep = (s: PlaybookStep, locale: Locale) => ({
  action: s.action,
  label: t(`playbook.action.${s.action}`, locale),
  on: s.on ?? 'alert',
  say: s.say ? t(`playbook.say.${s.say}`, locale) : null,
  seed: s.seed,
  macro: s.macro ?? null,
});

export const playbookRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const deps: PlaybookDeps & typeof services = services;
  // Read at start: a bad macro file stops the start, naming the file; so does an outcome's category outside the tree.
  loadMacros(configFile(services.config.backoffice.macrosFile, 'macros.json'));
  const tree = loadCategories(configFile(services.config.backoffice.categoriesFile, 'categories.json'));
  const categories = services.config.backoffice.outcomeCategories;
  checkOutcomeCategories(categories, tree);
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));

  const staffOf = (req: FastifyRequest) => requireStaff(req, services);
  const visible = visibleCase;
  const contactCentre = (req: FastifyRequest) => contactCentreStaff(req, services);
  const locale = (req: FastifyRequest): Locale => requestLocale(req);

  app.get('/api/playbook', { schema: { ...doc, summary: 'The playbook of seed 002 as data: each outcome, its ordered steps and office variants, with the seed’s wording', querystring: Lang, response: { 200: Definition, ...refusals } } }, async (req) => {
    await staffOf(req);
    const l = locale(req);
    return {
      id: PLAYBOOK.id,
      version: PLAYBOOK.version,
      anyDoubt: PLAYBOOK.anyDoubt,
      virtualOffice: PLAYBOOK.virtualOffice,
      outcomes: OUTCOMES.map((o) => {
        const def = PLAYBOOK.outcomes[o];
        return {
          outcome: o,
          title: t(`backoffice.outcome.${o}`, l),
          seed: def.seed,
          requires: [...def.requires],
          needsClosingComment: stepsOf(def, def.variants ? 'branch' : null).some((s) => s.action === 'close_case' || s.action === 'link_and_close_alert_case'),
          steps: def.steps.map((s) => defStep(s, l)),
          variants: def.variants ? Object.fromEntries(OFFICE_VARIANTS.map((v) => [v, def.variants![v].map((s) => defStep(s, l))])) : null,
        };
      }),
    };
  });

  app.get(
    '/api/cases/:id/playbook',
    {
      schema: {
        ...doc,
        summary: 'The playbook on a case: its run (every step, done or not) and which outcomes may be applied now',
        params: Id,
        querystring: Lang,
        response: { 200: Type.Object({ run: Nullable(RunReply), outcomes: Type.Array(OutcomeOption) }), ...refusals },
      },
    },
    async (req) => {
      const staff = await staffOf(req);
      const row = await visible(services.db, staff, req.params.id);
      const run = await runOfCase(services.db, row.id);
      return { run: run ? await runView(services.db, run, locale(req)) : null, outcomes: await outcomeOptions(services.db, run?.case_id ?? row.id, locale(req), categories) };
    },
  );

  app.post(
    '/api/cases/:id/outcome',
    {
      schema: {
        ...doc,
        summary: 'Apply an outcome of seed 002 to an alert case and run its playbook',
        description:
          'Requirements: `confirmed` / `not_confirmed` an answered call and passed security questions; `failed_security` failed questions; `no_answer` three failed attempts; `doubt` none (409 `requirements_not_met` with `details.missing`). ' +
          '`closingComment` is required by the outcomes that close a case. Every case the run closes is categorised: with `category` (a leaf, not a special one), else the case’s own, else the outcome’s (`backoffice.outcomeCategories`). ' +
          'The steps run in order, each recorded once done; the run answers `done`, `waiting` (send the macro’s draft: that resumes it) or `failed` (`lastError`; resume it). ' +
          'Posting the outcome the case already has resumes its run and changes nothing twice; another outcome answers 409 `outcome_already_set`.',
        params: Id,
        querystring: Lang,
        body: Type.Object(
          {
            outcome: Type.Union(OUTCOMES.map((o) => Type.Literal(o))),
            closingComment: Type.Optional(Type.String({ maxLength: MAX_TEXT })),
            answeredBy: Type.Optional(Type.String({ format: 'uuid' })),
            category: Type.Optional(Type.String({ maxLength: 130, pattern: '^[^\\u0000\\p{Cs}]*$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: RunReply, ...refusals },
      },
    },
    async (req) => {
      const staff = await contactCentre(req);
      if (req.body.category !== undefined) {
        const check = checkCategory(tree, req.body.category, false);
        if (!check.ok) throw backofficeError(check.reason, `category ${req.body.category}`);
      }
      await working(services, staff, req.params.id, async () => undefined);
      const run = await applyOutcome(deps, req.params.id, req.body, staffActor(staff));
      return runView(services.db, run, locale(req));
    },
  );

  app.post(
    '/api/playbook-runs/:id/resume',
    { schema: { ...doc, summary: 'Resume a run from its first unfinished step (after a failure, or a crash)', params: Id, querystring: Lang, response: { 200: RunReply, ...refusals } } },
    async (req) => {
      const staff = await contactCentre(req);
      const run = await getRun(services.db, req.params.id);
      await visible(services.db, staff, run.case_id);
      await working(services, staff, run.case_id, async () => undefined);
      return runView(services.db, await drive(deps, run.id, staffActor(staff)), locale(req));
    },
  );

  app.get('/api/cases/:id/drafts', { schema: { ...doc, summary: 'The email drafts of a case (macros)', params: Id, response: { 200: Type.Object({ drafts: Type.Array(Draft) }), ...refusals } } }, async (req) => {
    const staff = await staffOf(req);
    await visible(services.db, staff, req.params.id);
    return { drafts: (await listDrafts(services.db, req.params.id)).map((d) => draftView(d, services)) };
  });

  const draftOf = async (staff: Staff, id: string) => {
    const draft = await getDraft(services.db, id);
    if (!draft) throw playbookError('draft_not_found', 'no such draft');
    await visible(services.db, staff, draft.case_id);
    return draft;
  };

  app.get('/api/drafts/:id', { schema: { ...doc, summary: 'An email draft', params: Id, response: { 200: Draft, ...refusals } } }, async (req) => draftView(await draftOf(await staffOf(req), req.params.id), services));

  app.put(
    '/api/drafts/:id',
    {
      schema: {
        ...doc,
        summary: 'Edit the subject and/or text of a draft not yet sent',
        description: 'The recipient and the copies stay as the macro set them (the customer, the office in copy).',
        params: Id,
        body: Type.Object({ subject: Type.Optional(Type.String({ maxLength: MAX_SUBJECT })), body: Type.Optional(Type.String({ maxLength: MAX_BODY })) }, { additionalProperties: false }),
        response: { 200: Draft, ...refusals },
      },
    },
    async (req) => {
      const staff = await contactCentre(req);
      const draft = await draftOf(staff, req.params.id);
      return draftView(await working(services, staff, draft.case_id, (tx) => updateDraft(tx, services, draft.id, req.body, staffActor(staff))), services);
    },
  );

  app.post(
    '/api/drafts/:id/send',
    {
      schema: {
        ...doc,
        summary: 'Send a draft through the outbox, with its copies; resumes the run waiting for it',
        description: 'Sending twice sends once: the second answers the sent draft.',
        params: Id,
        querystring: Lang,
        response: { 200: Type.Object({ draft: Draft, sentNow: Type.Boolean(), runs: Type.Array(RunReply) }), ...refusals },
      },
    },
    async (req) => {
      const staff = await contactCentre(req);
      const draft = await draftOf(staff, req.params.id);
      const actor = staffActor(staff);
      const sent = await working(services, staff, draft.case_id, (tx) => sendDraft(tx, services, draft.id, actor));
      const runs = await resumeWaitingOn(deps, draft.case_id, actor);
      return { draft: draftView(sent.draft, services), sentNow: sent.sentNow, runs: await Promise.all(runs.map((r) => runView(services.db, r, locale(req)))) };
    },
  );
};

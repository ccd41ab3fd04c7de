import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requestLocale } from '../../http/errors.ts';
import type { RouteModule } from '../../http/modules.ts';
import { isLocale, type Locale } from '../../i18n/catalogue.ts';
import { requireStaff, staffActor } from '../access.ts';
import { Nullable, refusals, staffDoc } from '../cases/views.ts';
import { playbookError } from '../playbook/errors.ts';
import { contactCentreStaff, visibleCase, working } from '../route-support.ts';
import { contactView, recordAttempt } from './contact.ts';
import { callView, canCall, liveCall, settleStaleCalls } from '../calls/calls.ts';
import { voiceProvider } from '../calls/provider.ts';
import { CONFIRMATIONS } from '../calls/rules.ts';
import { CallSchema } from '../calls/schemas.ts';
import { ATTEMPT_RESULTS } from './rules.ts';
import { answerCheck, findCheck, listChecks, MAX_ANSWER, questionBank, startCheck } from './security-checks.ts';

/**
 * Calling the customer (seed 002): the contact panel of an alert case, its attempts ("3 intentos
 * por alerta", landline first), and the security questions that verify who answered. Reading is
 * for staff who may see the case; calling and judging answers are the contact centre's.
 */
const doc = staffDoc;
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Lang = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('es'), Type.Literal('en')])) });

const Phone = Type.Object({ kind: Type.Union([Type.Literal('landline'), Type.Literal('mobile')]), number: Type.String() });
export const Attempt = Type.Object({
  attemptNo: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  phone: Type.String(),
  phoneKind: Type.String(),
  result: Type.String(),
  answeredBy: Nullable(Type.String()),
  by: Type.String(),
  callId: Nullable(Type.String({ description: 'The console’s call this attempt was; null when the agent typed it' })),
  durationSeconds: Nullable(Type.Integer({ description: 'Seconds the customer was on the call' })),
});
const ContactPanel = Type.Object({
  caseId: Type.String(),
  customer: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() }),
  phones: Type.Array(Phone, { description: 'In the order to call them: the landline first' }),
  attempts: Type.Array(Attempt),
  attemptsLeft: Type.Integer(),
  next: Nullable(Type.Object({ attemptNo: Type.Integer(), suggested: Phone, allowed: Type.Array(Phone) })),
  proposal: Nullable(Type.Literal('no_answer')),
  representatives: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() }), { description: 'For a legal entity: who may answer and confirm' }),
  results: Type.Array(Type.String()),
  script: Type.Object({ locale: Type.String(), lines: Type.Array(Type.String()) }),
  call: Nullable(CallSchema, { description: 'The case’s call in progress' }),
  calling: Type.Object({
    provider: Type.Union([Type.Literal('twilio'), Type.Literal('dev'), Type.Literal('off')]),
    canCall: Type.Boolean({ description: 'The provider is on and, with Twilio, has this agent’s phone' }),
  }),
  confirmations: Type.Array(Type.String(), { description: 'What the agent may say about a picked-up call' }),
});
const Check = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  answeredBy: Type.String(),
  questions: Type.Array(Type.Object({ id: Type.String(), text: Type.String() })),
  passed: Nullable(Type.Boolean()),
  askedAt: Type.String({ format: 'date-time' }),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
});
export const contactRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  // Read at start: a bad question bank stops the start, naming the file.
  questionBank(services);
  const provider = voiceProvider(services.config);
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  const staffOf = (req: FastifyRequest) => requireStaff(req, services);
  const visible = visibleCase;
  const contactCentre = (req: FastifyRequest) => contactCentreStaff(req, services);
  const locale = (req: FastifyRequest): Locale => requestLocale(req);

  app.get(
    '/api/cases/:id/contact',
    {
      schema: {
        ...doc,
        summary: 'The contact panel of an alert case: phones (landline first), attempts, the next attempt, representatives, the call script',
        description: 'The script is in the customer’s language unless `lang` asks otherwise. After the third failed attempt `proposal` is `no_answer`.',
        params: Id,
        querystring: Lang,
        response: { 200: ContactPanel, ...refusals },
      },
    },
    async (req) => {
      const staff = await staffOf(req);
      const row = await visible(services.db, staff, req.params.id);
      const lang = (req.query as { lang?: string }).lang;
      await settleStaleCalls(services, { caseId: row.id });
      const [view, live] = await Promise.all([contactView(services.db, row, isLocale(lang) ? lang : undefined), liveCall(services.db, row.id)]);
      const calling = { provider: provider?.name ?? ('off' as const), canCall: canCall(services.config, provider, staff.id) };
      return { ...view, call: live ? callView(live) : null, calling, confirmations: [...CONFIRMATIONS] };
    },
  );

  app.post(
    '/api/cases/:id/contact-attempts',
    {
      schema: {
        ...doc,
        summary: 'Record a contact attempt (at most 3 per alert case, at any hour)',
        description:
          'The first attempt goes to the landline when the customer has one (`phone_not_allowed` otherwise); `phoneKind` defaults to the suggested phone. ' +
          '`answered` needs `answeredBy` for a legal entity (one of its representatives); `not_holder` records a call someone else answered. A fourth attempt answers 409 `attempt_limit`.',
        params: Id,
        body: Type.Object(
          {
            result: Type.Union(ATTEMPT_RESULTS.map((r) => Type.Literal(r))),
            phoneKind: Type.Optional(Type.Union([Type.Literal('landline'), Type.Literal('mobile')])),
            answeredBy: Type.Optional(Type.String({ format: 'uuid' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ attempt: Attempt, attemptsLeft: Type.Integer(), proposal: Nullable(Type.Literal('no_answer')) }), ...refusals },
      },
    },
    async (req, reply) => {
      const staff = await contactCentre(req);
      await settleStaleCalls(services, { caseId: req.params.id });
      const result = await working(services, staff, req.params.id, (tx) => recordAttempt(tx, services, req.params.id, { ...req.body, actor: staffActor(staff) }));
      return reply.code(201).send(result);
    },
  );

  app.get('/api/cases/:id/security-checks', { schema: { ...doc, summary: 'The security checks of a case (questions and pass/fail; never an expected answer)', params: Id, querystring: Lang, response: { 200: Type.Object({ checks: Type.Array(Check) }), ...refusals } } }, async (req) => {
    const staff = await staffOf(req);
    await visible(services.db, staff, req.params.id);
    return { checks: await listChecks(services.db, services, req.params.id, locale(req)) };
  });

  app.post(
    '/api/cases/:id/security-checks',
    {
      schema: {
        ...doc,
        summary: 'Draw the security questions for the person who answered',
        description:
          '`answeredBy` is the holder (default) or, for a legal entity, the representative who answered a recorded attempt. The questions come from the configured bank, over that person’s data, ' +
          '`backoffice.securityQuestionsAsked` of them. An unanswered check for the same person is answered again as it is; after a failed check no new questions are drawn.',
        params: Id,
        querystring: Lang,
        body: Type.Object({ answeredBy: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
        response: { 201: Check, ...refusals },
      },
    },
    async (req, reply) => {
      const staff = await contactCentre(req);
      const input = { ...(req.body.answeredBy ? { answeredBy: req.body.answeredBy } : {}), actor: staffActor(staff), locale: locale(req) };
      const check = await working(services, staff, req.params.id, (tx) => startCheck(tx, services, req.params.id, input));
      return reply.code(201).send(check);
    },
  );

  app.post(
    '/api/security-checks/:id/answers',
    {
      schema: {
        ...doc,
        summary: 'The answers the customer gave; the server judges them (pass or fail, once)',
        description: 'Every question asked, once. All must be right to pass; the answer says pass or fail only.',
        params: Id,
        querystring: Lang,
        body: Type.Object(
          { answers: Type.Array(Type.Object({ questionId: Type.String({ maxLength: 40 }), answer: Type.String({ maxLength: MAX_ANSWER }) }, { additionalProperties: false }), { maxItems: 10 }) },
          { additionalProperties: false },
        ),
        response: { 200: Check, ...refusals },
      },
    },
    async (req) => {
      const staff = await contactCentre(req);
      const check = await findCheck(services.db, req.params.id);
      if (!check) throw playbookError('check_not_found', 'no such security check');
      await visible(services.db, staff, check.case_id);
      return working(services, staff, check.case_id, (tx) => answerCheck(tx, services, check.id, req.body.answers, staffActor(staff), locale(req)));
    },
  );
};

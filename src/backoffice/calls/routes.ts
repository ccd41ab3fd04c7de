import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import twilio from 'twilio';
import { normalizePhone } from '../../customers/phone.ts';
import type { RouteModule } from '../../http/modules.ts';
import { t } from '../../i18n/catalogue.ts';
import { DEFAULT_VOICES } from '../../ivr/settings.ts';
import { providerBase, twilioSignatureHook, webhookAuthToken } from '../../ivr/webhook-auth.ts';
import { staffActor } from '../access.ts';
import { Refusal, refusals, staffDoc } from '../cases/views.ts';
import { Attempt } from '../contact/routes.ts';
import { CallSchema } from './schemas.ts';
import { contactCentreStaff, working } from '../route-support.ts';
import { advanceCall, callView, confirmPickedUp, dialReserved, endCall, findCall, reserveCall, settleStaleCalls, type CallsDeps } from './calls.ts';
import { voiceProvider } from './provider.ts';
import { CONFIRMATIONS, customerLegResult, isFinalStatus } from './rules.ts';

/**
 * "Llamar" from the console (issue 15 §2) and the provider's callbacks. The agent's routes take
 * a staff session of the contact centre; the callbacks (`/calls/twilio/*`) take a valid
 * `X-Twilio-Signature` and nothing else, as the IVR's webhooks do.
 */
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const CallId = Type.Object({ callId: Type.String({ format: 'uuid' }) });
const Sid = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });
const CallDuration = Type.Integer({ minimum: 0, maximum: 86_400, description: 'Seconds' });
const form = { additionalProperties: true };
const StatusBody = Type.Object({ CallSid: Sid, ParentCallSid: Type.Optional(Sid), CallStatus: Type.String({ pattern: '^[a-z-]{1,32}$' }), CallDuration: Type.Optional(CallDuration) }, form);
const hook = { tags: ['calls'], consumes: ['application/x-www-form-urlencoded'] };

export const callRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const provider = voiceProvider(services.config);
  const deps: CallsDeps = services;
  const { publicBaseUrl } = services.config;
  const base = (req: FastifyRequest) => providerBase(req, publicBaseUrl);

  app.post(
    '/api/cases/:id/calls',
    {
      schema: {
        ...staffDoc,
        summary: 'Call the customer: the contact attempt as a real call through the voice provider',
        description:
          'Refused before anyone is called when the attempt would break seed 002’s rules: 409 `attempt_limit` past the 3 attempts, 400 `phone_not_allowed` for the mobile first when there is a landline, ' +
          '409 `call_in_progress` while a call of the case is live; 409 `calls_off` without a provider, 409 `no_agent_phone` when Twilio has no phone of the agent (`calls.agentPhones`). ' +
          'With Twilio the agent’s phone rings first and is then bridged to the customer; in dev mode the `/phone` page showing the customer’s number rings. The provider’s callbacks record the attempt.',
        params: Id,
        body: Type.Object({ phoneKind: Type.Optional(Type.Union([Type.Literal('landline'), Type.Literal('mobile')])) }, { additionalProperties: false }),
        response: { 201: Type.Object({ call: CallSchema }), ...refusals, 503: Refusal },
      },
    },
    async (req, reply) => {
      const staff = await contactCentreStaff(req, services);
      const input = { ...(req.body.phoneKind ? { phoneKind: req.body.phoneKind } : {}), staffId: staff.id, actor: staffActor(staff) };
      await settleStaleCalls(deps, { caseId: req.params.id });
      const reserved = await working(services, staff, req.params.id, (tx) => reserveCall(tx, deps, provider, req.params.id, input));
      const urls = { bridge: `${base(req)}/calls/twilio/${reserved.id}/bridge`, agentStatus: `${base(req)}/calls/twilio/${reserved.id}/agent-status` };
      const call = await dialReserved(deps, provider!, reserved, urls);
      return reply.code(201).send({ call: callView(call) });
    },
  );

  app.post(
    '/api/cases/:id/contact-attempts/:attemptNo/confirm',
    {
      schema: {
        ...staffDoc,
        summary: 'Say who picked up a call the provider recorded as `picked_up`',
        description: '`answered` is the holder (for a legal entity, `answeredBy` names the representative); `not_holder`, `voicemail` and `wrong_number` do not reach the holder. Said once.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), attemptNo: Type.Integer({ minimum: 1, maximum: 100 }) }),
        body: Type.Object({ result: Type.Union(CONFIRMATIONS.map((r) => Type.Literal(r))), answeredBy: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ attempt: Attempt }), ...refusals },
      },
    },
    async (req) => {
      const staff = await contactCentreStaff(req, services);
      const input = { result: req.body.result, ...(req.body.answeredBy ? { answeredBy: req.body.answeredBy } : {}), actor: staffActor(staff) };
      const attempt = await working(services, staff, req.params.id, (tx) => confirmPickedUp(tx, services, req.params.id, req.params.attemptNo, input));
      return { attempt };
    },
  );

  // The provider's callbacks: signed, or refused before anything is read.
  await app.register(async (hooks) => {
    const signed = hooks.withTypeProvider<TypeBoxTypeProvider>();
    signed.addHook('preValidation', twilioSignatureHook(webhookAuthToken(services.config), publicBaseUrl));
    const ownCall = async (callId: string, sid: string) => {
      const call = await findCall(services.db, callId);
      return call && call.provider === 'twilio' && call.provider_sid === sid ? call : undefined;
    };

    signed.post(
      '/calls/twilio/:callId/bridge',
      { schema: { ...hook, summary: 'The agent answered: TwiML that dials the customer', params: CallId, body: Type.Object({ CallSid: Sid }, form), response: { 200: { description: 'TwiML', content: { 'text/xml': { schema: { type: 'string' } } } } } } },
      async (req, reply) => {
        const response = new twilio.twiml.VoiceResponse();
        const call = await ownCall(req.params.callId, req.body.CallSid);
        // A repeated request (the provider retrying) gets the same Dial; an ended call, a hang-up.
        const ringing = call && call.status !== 'ended' ? ((await advanceCall(deps, call.id, 'ringing')) ?? call) : undefined;
        if (!ringing) {
          response.hangup();
        } else {
          const locale = services.config.defaultLocale;
          response.say({ language: locale === 'es' ? 'es-ES' : 'en-GB', voice: DEFAULT_VOICES[locale] } as Parameters<typeof response.say>[0], t('calls.bridge.connecting', locale));
          const dial = response.dial({ callerId: services.config.calls.callerId, timeout: services.config.calls.ringTimeoutSeconds, answerOnBridge: true });
          const number = normalizePhone(ringing.phone);
          dial.number(
            { statusCallback: `${base(req)}/calls/twilio/${ringing.id}/customer-status`, statusCallbackMethod: 'POST', statusCallbackEvent: ['answered', 'completed'] },
            number.ok ? number.e164 : ringing.phone,
          );
        }
        return reply.type('text/xml; charset=utf-8').send(response.toString());
      },
    );

    signed.post(
      '/calls/twilio/:callId/customer-status',
      { schema: { ...hook, summary: 'How the customer’s leg goes: answered, then how it ended (records the attempt)', params: CallId, body: StatusBody, response: { 204: Type.Null() } } },
      async (req, reply) => {
        const { CallStatus: status, CallDuration: duration, ParentCallSid: parent } = req.body;
        const call = await ownCall(req.params.callId, parent ?? req.body.CallSid);
        if (call) {
          const result = customerLegResult(status);
          if (result) await endCall(deps, call.id, result, duration ?? 0);
          else if (status === 'in-progress' || status === 'answered') await advanceCall(deps, call.id, 'in_progress');
        }
        return reply.code(204).send(null);
      },
    );

    signed.post(
      '/calls/twilio/:callId/agent-status',
      { schema: { ...hook, summary: 'The agent’s leg ended: a call whose agent never answered ends without an attempt', params: CallId, body: StatusBody, response: { 204: Type.Null() } } },
      async (req, reply) => {
        const call = await ownCall(req.params.callId, req.body.CallSid);
        // Once the customer's phone rang, the customer's leg says how the attempt ended.
        if (call && isFinalStatus(req.body.CallStatus) && (call.status === 'placing' || call.status === 'calling_agent')) await endCall(deps, call.id, 'agent_unreachable', 0);
        return reply.code(204).send(null);
      },
    );
  });
};

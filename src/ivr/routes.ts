import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { keyedHashPinVerifier } from '../customers/pin-verifier.ts';
import { ivrEnabled } from '../config/config.ts';
import type { RouteModule } from '../http/modules.ts';
import type { IvrDeps, Render } from './service.ts';
import { answerCall, continueCall, dialEnded, endCall } from './service.ts';
import { ivrSettings, type IvrSettings } from './settings.ts';
import { cachedTwiml } from './twiml.ts';
import { providerBase, twilioSignatureHook } from './webhook-auth.ts';

/**
 * Twilio's voice webhooks (and any TwiML-compatible provider's). Set on the number:
 * "A call comes in" → POST `<base>/ivr/twilio/voice` (optionally `?line=<name>&lang=es|en`),
 * "Call status changes" → POST `<base>/ivr/twilio/status`. A transfer's `<Dial action>` posts to
 * `<base>/ivr/twilio/dial` by itself (nothing to set). Every request must carry a valid
 * `X-Twilio-Signature` for the URL the provider called (`publicBaseUrl` behind a proxy).
 */
const CallSid = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Provider call id' });
const Phone = Type.String({ maxLength: 64 });
const form = { additionalProperties: true };

const VoiceQuery = Type.Object({
  line: Type.Optional(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,31}$', description: 'A line of the flow, for a provider number that is not one of the bank numbers' })),
  lang: Type.Optional(Type.Union([Type.Literal('es'), Type.Literal('en')], { description: 'Language of a line without a language menu' })),
});
const VoiceBody = Type.Object({ CallSid, To: Phone, From: Type.Optional(Phone) }, form);
const TurnQuery = Type.Object({
  turn: Type.Integer({ minimum: 0, maximum: 100_000 }),
  timeout: Type.Optional(Type.Literal('1', { description: 'Set on the Redirect after a Gather: nobody pressed a key' })),
});
const TurnBody = Type.Object({ CallSid, Digits: Type.Optional(Type.String({ pattern: '^[0-9*#]{0,32}$' })) }, form);
// A call lasts at most a day (Twilio's own ceiling): a larger or infinite duration ("1e309") is a 400, never a 500 from the integer column.
const CallDuration = Type.Integer({ minimum: 0, maximum: 86_400, description: 'Seconds' });
const StatusBody = Type.Object({ CallSid, CallStatus: Type.String({ maxLength: 32 }), CallDuration: Type.Optional(CallDuration) }, form);
const DialBody = Type.Object(
  {
    CallSid,
    DialCallStatus: Type.Optional(
      Type.String({ pattern: '^[a-z-]{1,32}$', description: 'How the Dial ended: completed or answered (a person answered), no-answer, busy, failed, canceled' }),
    ),
    DialCallDuration: Type.Optional(CallDuration),
  },
  form,
);
const doc = { tags: ['ivr'], consumes: ['application/x-www-form-urlencoded'] };
const TwiML = { 200: { description: 'TwiML', content: { 'text/xml': { schema: { type: 'string' } } } } };

export const ivrRoutes: RouteModule = async (plain, { services }) => {
  // A deployment without the phone line (`ivr.enabled: false`) answers 404 on every webhook.
  if (!ivrEnabled(services.config)) return;
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const settings = ivrSettings(services.config);
  const deps: IvrDeps = { ...services, pinVerifier: keyedHashPinVerifier(services.hasher), settings, log: app.log };
  // This app's answers of impersonal turns (its voices and base URL are its own).
  const twimlOf = cachedTwiml();

  // Checked before the body is validated: an unsigned request learns nothing, not even a 400.
  app.addHook('preValidation', twilioSignatureHook(settings.authToken, settings.publicBaseUrl));

  // Calls per caller number (issue 14, finding 8): every request comes from the provider, so the
  // address says nothing. A withheld number is not counted: it never passes identification (the
  // caller id must be one of the customer's phones). Past the limit the caller hears why, and the call ends.
  const callGuard = app.credentialGuard('ivrCalls', {
    byIp: false,
    identity: (req) => (req.body as { From?: string } | undefined)?.From?.replace(/[^+0-9]/g, '') || undefined,
    refuse: (req, reply) => {
      const locale = (req.query as { lang?: 'es' | 'en' } | undefined)?.lang ?? settings.defaultLocale;
      const twiml = renderer(req, settings, twimlOf)([{ type: 'say', prompt: 'ivr.rate_limited', locale }, { type: 'hangup' }], 0);
      return reply.code(200).type('text/xml; charset=utf-8').send(twiml);
    },
  });

  app.post('/ivr/twilio/voice', { preHandler: callGuard, schema: { ...doc, summary: 'A call comes in (voice webhook)', querystring: VoiceQuery, body: VoiceBody, response: TwiML } }, async (req, reply) => {
    const { CallSid: callSid, To: to, From: from } = req.body;
    return answer(reply, deps, renderer(req, settings, twimlOf), (render) => answerCall(deps, render, { callSid, to, from, line: req.query.line, locale: req.query.lang }));
  });

  app.post('/ivr/twilio/turn', { schema: { ...doc, summary: 'The keys pressed, or silence, for one turn of a call', querystring: TurnQuery, body: TurnBody, response: TwiML } }, async (req, reply) => {
    const digits = req.body.Digits;
    const event = req.query.timeout || digits === undefined ? ({ type: 'timeout' } as const) : ({ type: 'digits', digits } as const);
    return answer(reply, deps, renderer(req, settings, twimlOf), (render) => continueCall(deps, render, req.body.CallSid, req.query.turn, event));
  });

  app.post(
    '/ivr/twilio/dial',
    {
      schema: {
        ...doc,
        summary: "A transfer's Dial ended (the Dial's action): unanswered, the caller hears the agents' hours and the other ways, then the call ends",
        body: DialBody,
        response: TwiML,
      },
    },
    async (req, reply) => {
      const render = renderer(req, settings, twimlOf);
      let twiml: string;
      try {
        twiml = await dialEnded(deps, render, req.body.CallSid, req.body.DialCallStatus ?? 'failed');
      } catch (err) {
        // Never dial again from here (that could loop): the caller hears an apology and the call ends.
        deps.log.error({ error: err instanceof Error ? err.message : String(err) }, 'IVR dial action failed; ending the call');
        const locale = settings.defaultLocale;
        twiml = render([{ type: 'say', prompt: 'ivr.error', locale }, { type: 'say', prompt: 'ivr.handover.alternatives', locale }, { type: 'say', prompt: 'ivr.goodbye', locale }, { type: 'hangup' }], 0);
      }
      return reply.type('text/xml; charset=utf-8').send(twiml);
    },
  );

  app.post('/ivr/twilio/status', { schema: { ...doc, summary: 'Call status callback: closes the call record', body: StatusBody, response: { 204: { type: 'null' } } } }, async (req, reply) => {
    await endCall(deps, req.body.CallSid, req.body.CallStatus, req.body.CallDuration);
    return reply.code(204).send(null);
  });
};

const base = (req: FastifyRequest, settings: IvrSettings): string => providerBase(req, settings.publicBaseUrl);

function renderer(req: FastifyRequest, settings: IvrSettings, twimlOf: ReturnType<typeof cachedTwiml>): Render {
  const at = base(req, settings);
  const turnUrl = (turn: number, timeout: boolean) => `${at}/ivr/twilio/turn?turn=${turn}${timeout ? '&timeout=1' : ''}`;
  const dialUrl = `${at}/ivr/twilio/dial`;
  return (effects, nextTurn) => twimlOf(effects, nextTurn, { base: at, turnUrl, dialUrl, voices: settings.voices });
}

/**
 * Sends the TwiML of a turn. If the turn cannot be played at all (the database is down), the
 * caller still hears an apology and reaches an agent rather than the provider's error tone.
 */
async function answer(reply: FastifyReply, deps: IvrDeps, render: Render, play: (render: Render) => Promise<string>): Promise<FastifyReply> {
  let twiml: string;
  try {
    twiml = await play(render);
  } catch (err) {
    deps.log.error({ error: err instanceof Error ? err.message : String(err) }, 'IVR webhook failed; transferring the caller');
    const locale = deps.settings.defaultLocale;
    const { agentNumber: number, transferTimeoutSeconds: timeoutSeconds } = deps.settings.flow.settings;
    twiml = render([{ type: 'say', prompt: 'ivr.error', locale }, { type: 'say', prompt: 'ivr.transfer.agent', locale }, { type: 'transfer', number, timeoutSeconds, reason: 'error' }], 0);
  }
  return reply.type('text/xml; charset=utf-8').send(twiml);
}

import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RouteModule } from '../http/modules.ts';
import { AppError } from '../platform/errors.ts';
import { ivrSettings } from './settings.ts';
import { hangUpCall, placeCall, pressKeys, staySilent, type SimulatorContext } from './simulator.ts';
import { phoneDirectory } from './simulator-directory.ts';

const Heard = Type.Object({
  says: Type.Array(Type.Object({ text: Type.String(), language: Type.String() })),
  listening: Type.Boolean({ description: 'A Gather waits for keys' }),
  numDigits: Type.Optional(Type.Integer({ description: 'Keys the Gather takes before it posts on its own' })),
  finishOnKey: Type.Optional(Type.String({ description: 'The key that posts what was typed (#)' })),
  ended: Type.Boolean(),
  transferredTo: Type.Optional(Type.String({ description: 'Number the call was put through to' })),
});
const Phone = Type.String({ minLength: 3, maxLength: 32, description: 'A phone number in any usual form (Spanish by default)' });
const NewCall = Type.Object(
  { from: Phone, to: Phone, lang: Type.Optional(Type.Union([Type.Literal('es'), Type.Literal('en')], { description: 'Language of a line without a language menu' })) },
  { additionalProperties: false },
);
const CallParams = Type.Object({ callId: Type.String({ pattern: '^CA[0-9a-f]{32}$', description: 'The call id the simulator returned' }) });
const Keys = Type.Object({ digits: Type.String({ pattern: '^[0-9*#]{1,32}$', description: 'Keys typed, as Twilio posts them' }) }, { additionalProperties: false });
const Line = Type.Object({ key: Type.String(), number: Type.String(), description: Type.String() });
const Caller = Type.Object({ name: Type.String(), phone: Type.String(), kind: Type.Union([Type.Literal('mobile'), Type.Literal('landline')]) });

/**
 * Dev mode only: the web phone places calls through these routes, which sign the IVR's
 * webhooks with the server's own token (the browser cannot). Outside dev mode every route
 * answers 404, as `/api/dev/messages` does.
 */
export const phoneSimulatorRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const settings = ivrSettings(services.config);
  const doc = (summary: string) => ({ tags: ['dev'], summary: `${summary} (dev mode only)`, hide: !services.config.dev });
  const ctx = (): SimulatorContext => {
    if (!services.config.dev || settings.authToken === null) throw new AppError('not_found', 'the phone simulator exists only in dev mode');
    return { app: plain, db: services.db, token: settings.authToken, publicBaseUrl: settings.publicBaseUrl };
  };
  const heard = { 200: Type.Object({ heard: Heard }) };

  app.get('/api/dev/phone/directory', { schema: { ...doc('The lines to dial and the demo callers'), response: { 200: Type.Object({ lines: Type.Array(Line), callers: Type.Array(Caller) }) } } }, async () => {
    ctx();
    return phoneDirectory(settings.flow, services.clock.now());
  });

  app.post('/api/dev/phone/calls', { schema: { ...doc('Place a call to the IVR'), body: NewCall, response: { 201: Type.Object({ callId: Type.String(), heard: Heard }) } } }, async (req, reply) => {
    return reply.code(201).send(await placeCall(ctx(), req.body));
  });

  app.post('/api/dev/phone/calls/:callId/keys', { schema: { ...doc('Press keys during a call'), params: CallParams, body: Keys, response: heard } }, async (req) => ({
    heard: await pressKeys(ctx(), req.params.callId, req.body.digits),
  }));

  app.post('/api/dev/phone/calls/:callId/silence', { schema: { ...doc('Stay silent until the line stops waiting'), params: CallParams, response: heard } }, async (req) => ({
    heard: await staySilent(ctx(), req.params.callId),
  }));

  app.post('/api/dev/phone/calls/:callId/hangup', { schema: { ...doc('Hang up'), params: CallParams, response: { 204: Type.Null() } } }, async (req, reply) => {
    await hangUpCall(ctx(), req.params.callId);
    return reply.code(204).send(null);
  });
};

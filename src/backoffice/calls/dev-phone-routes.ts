import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { callsProvider } from '../../config/config.ts';
import type { RouteModule } from '../../http/modules.ts';
import { AppError } from '../../platform/errors.ts';
import { advanceCall, devCallsTo, endCall, findCall, settleStaleCalls, type CallsDeps } from './calls.ts';
import { secondsBetween } from './rules.ts';

const Incoming = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('ringing'), Type.Literal('in_progress')]),
  from: Type.Union([Type.String(), Type.Null()], { description: 'The caller id the bank shows (calls.callerId)' }),
  ringingAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  answeredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const CallId = Type.Object({ callId: Type.String({ format: 'uuid' }) });

/**
 * Dev mode with `calls.provider: dev`: the `/phone` page is the customer's phone. It asks what
 * rings at its number; the person there answers, declines or hangs up, and the call ends here as
 * Twilio's callbacks would end it (`endCall`), so the attempt is recorded the same way. A call
 * left ringing ends as "no answer" after `calls.ringTimeoutSeconds`. Outside it, every route is a 404.
 */
export const devCallPhoneRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const deps: CallsDeps = services;
  const on = services.config.dev && callsProvider(services.config) === 'dev';
  const doc = (summary: string) => ({ tags: ['dev'], summary: `${summary} (dev mode only)`, hide: !on });
  const devOnly = () => {
    if (!on) throw new AppError('not_found', 'the dev phone takes calls only in dev mode with calls.provider "dev"');
  };
  const devCall = async (id: string) => {
    devOnly();
    const call = await findCall(services.db, id);
    if (!call || call.provider !== 'dev' || call.status === 'ended') throw new AppError('not_found', 'no such call ringing or in progress');
    return call;
  };

  app.get(
    '/api/dev/phone/incoming',
    {
      schema: {
        ...doc('The console’s calls ringing at, or connected to, a number'),
        querystring: Type.Object({ number: Type.String({ minLength: 3, maxLength: 32 }) }),
        response: { 200: Type.Object({ calls: Type.Array(Incoming), ringTimeoutSeconds: Type.Integer() }) },
      },
    },
    async (req, reply) => {
      devOnly();
      reply.header('cache-control', 'no-store');
      await settleStaleCalls(deps, { phone: req.query.number });
      const calls = await devCallsTo(services.db, req.query.number);
      return {
        calls: calls.map((c) => ({
          id: c.id,
          status: c.status as 'ringing' | 'in_progress',
          from: services.config.calls.callerId ?? null,
          ringingAt: c.ringing_at?.toISOString() ?? null,
          answeredAt: c.answered_at?.toISOString() ?? null,
        })),
        ringTimeoutSeconds: services.config.calls.ringTimeoutSeconds,
      };
    },
  );

  app.post('/api/dev/phone/incoming/:callId/answer', { schema: { ...doc('Answer the ringing call'), params: CallId, response: { 204: Type.Null() } } }, async (req, reply) => {
    const call = await devCall(req.params.callId);
    await settleStaleCalls(deps, { caseId: call.case_id });
    if (!(await advanceCall(deps, call.id, 'in_progress'))) throw new AppError('conflict', 'the call stopped ringing');
    return reply.code(204).send(null);
  });

  app.post(
    '/api/dev/phone/incoming/:callId/hangup',
    { schema: { ...doc('Hang up: a call in progress ends answered with its length; a ringing one is declined (busy)'), params: CallId, response: { 204: Type.Null() } } },
    async (req, reply) => {
      const call = await devCall(req.params.callId);
      if (call.status === 'in_progress') await endCall(deps, call.id, 'picked_up', secondsBetween(call.answered_at, services.clock.now()));
      else await endCall(deps, call.id, 'busy', 0);
      return reply.code(204).send(null);
    },
  );
};

import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { RouteModule } from '../http/modules.ts';
import { AppError } from '../platform/errors.ts';
import { listDevMessages } from './dev-messages.ts';
import { normaliseRecipient } from './recipient.ts';

const DevMessageSchema = Type.Object({
  id: Type.Integer(),
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
  recipient: Type.String(),
  cc: Type.Array(Type.String(), { description: 'Addresses in copy' }),
  subject: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  template: Type.String(),
  deliveredAt: Type.String({ format: 'date-time' }),
});

const Query = Type.Object({
  to: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'Phone (any format) or email address' })),
  channel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms')])),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  since: Type.Optional(Type.Integer({ minimum: 0, description: 'Only messages with a greater id' })),
});

/**
 * Matches the recipient in the form the outbox stores it. A `+` in a query string arrives as a
 * space (`?to=+34600...`) and people type phones in many shapes, so phones go to E.164.
 */
function recipientFilter(to: string): string {
  const value = to.trim();
  const channel = value.includes('@') ? 'email' : 'sms';
  const typed = channel === 'sms' && /^\d/.test(value) && to.startsWith(' ') ? `+${value}` : value;
  try {
    return normaliseRecipient(channel, typed);
  } catch {
    return value; // not a valid recipient: it matches nothing, which is the right answer
  }
}

/**
 * Dev mode only: the messages the dev sink "delivered", so a person trying the flows can read
 * the SMS and emails they would have received. Outside dev mode the route answers 404.
 */
export const devMessageRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/dev/messages',
    {
      schema: {
        tags: ['dev'],
        summary: 'Messages delivered by the dev sink, newest first (dev mode only)',
        hide: !services.config.dev,
        querystring: Query,
        response: { 200: Type.Object({ messages: Type.Array(DevMessageSchema) }) },
      },
    },
    async (req) => {
      if (!services.config.dev) throw new AppError('not_found', 'the dev message list exists only in dev mode');
      const { to, channel, limit, since } = req.query;
      const messages = await listDevMessages(services.db, { to: to === undefined ? undefined : recipientFilter(to), channel, limit, since });
      return { messages };
    },
  );
};

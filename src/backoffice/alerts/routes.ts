import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { RouteModule } from '../../http/modules.ts';
import type { Services } from '../../platform/services.ts';
import { BACKOFFICE_TAGS, refusals } from '../cases/views.ts';
import { alertSources, checkAlertHeaders, checkAlertSignature, type AlertSource } from './auth.ts';
import { MAX_DETAILS_BYTES, MAX_DETAILS_DEPTH, receiveAlert } from './alerts.ts';

/**
 * `POST /api/alerts`, for the fraud engine (seed 002): authenticated per source (`auth.ts`),
 * idempotent on the source's alert id, deduplicated into cases (`dedupe.ts`).
 */
const tags = BACKOFFICE_TAGS;

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
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: `Anything the agent should see; at most ${MAX_DETAILS_BYTES} bytes of JSON, nested at most ${MAX_DETAILS_DEPTH} levels (400 \`details_too_deep\`)` })),
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

/** The alert route, in its own plugin: its JSON parser keeps the raw body the signature covers. */
export const alertsRoutes: RouteModule = async (app, { services }) => {
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));
  await app.register(async (child) => alertRoutes(child, services));
};

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { secureCookies } from '../config/config.ts';
import { keyedHashPinVerifier } from '../customers/pin-verifier.ts';
import type { RouteModule } from '../http/modules.ts';
import { identityOf } from '../http/rate-limit.ts';
import { newChallenge } from './captcha.ts';
import { confirmRecovery } from './confirm.ts';
import type { RecoveryDeps } from './deps.ts';
import { refusal } from './errors.ts';
import { findFlow } from './flows-store.ts';
import { resendCode } from './resend.ts';
import { startRecovery } from './start.ts';

/** The cookie that names the browser's recovery flow (a random token; the database keeps its keyed hash). */
export const RECOVERY_COOKIE = 'cerrojo_recovery';

const Refusal = Type.Object({
  error: Type.String(),
  reason: Type.Optional(Type.String()),
  message: Type.String(),
  detail: Type.Optional(Type.String()),
  details: Type.Optional(Type.Object({ attemptsLeft: Type.Optional(Type.Integer()) })),
});
const CodeSent = Type.Object({ step: Type.Literal('code_sent'), expiresAt: Type.String({ format: 'date-time' }) });
const VisitBranch = Type.Object({ step: Type.Literal('visit_branch') }, { description: 'Only a branch can help: a contact-centre block, the read-only profile, or no contact data' });
const Done = Type.Object({
  step: Type.Literal('done'),
  email: Type.String({ description: 'Masked: sb*****@ebcc.es' }),
  mobile: Type.String({ description: 'Masked: +34 - 6*****331' }),
});
const StartBody = Type.Object(
  {
    documentType: Type.Union([Type.Literal('DNI'), Type.Literal('NIE'), Type.Literal('PASSPORT'), Type.Literal('CIF')]),
    document: Type.String({ minLength: 1, maxLength: 20 }),
    pan: Type.String({ minLength: 1, maxLength: 30, description: 'Card number as printed (spaces or dashes allowed)' }),
    pin: Type.String({ minLength: 1, maxLength: 12 }),
    altcha: Type.Optional(Type.String({ maxLength: 4000, description: 'The ALTCHA widget payload (base64)' })),
  },
  { additionalProperties: false },
);
const ConfirmBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });
const Challenge = Type.Object({
  parameters: Type.Object({
    algorithm: Type.String(),
    nonce: Type.String(),
    salt: Type.String(),
    cost: Type.Integer(),
    keyLength: Type.Integer(),
    keyPrefix: Type.String(),
    keySignature: Type.Optional(Type.String()),
    expiresAt: Type.Optional(Type.Integer({ description: 'Unix seconds' })),
  }),
  signature: Type.Optional(Type.String()),
});

const tags = ['selfservice'];

/** The document step 1 names, as one identity whatever its case or spacing. */
function documentOf(body: unknown): string | undefined {
  const { documentType, document } = (body ?? {}) as { documentType?: string; document?: string };
  return document === undefined ? undefined : identityOf(`${documentType ?? ''}:${document}`);
}

/**
 * Web self-service recovery (seed 001): captcha, step 1 "Tu dato", step 2 "Confirmación".
 * Every POST needs the CSRF token (`x-csrf-token`, from GET /api/csrf).
 */
export const recoveryRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const deps: RecoveryDeps = { ...services, pinVerifier: keyedHashPinVerifier(services.hasher) };
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: secureCookies(services.config) };
  // A session cookie: the flow's expiry is the server's to judge, so an expired flow says so (410).
  const keepFlow = (reply: FastifyReply, token: string) => reply.setCookie(RECOVERY_COOKIE, token, cookieOptions);
  const endFlow = (reply: FastifyReply) => reply.clearCookie(RECOVERY_COOKIE, cookieOptions);
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));

  app.get(
    '/api/recovery/captcha',
    { schema: { tags, summary: 'A new ALTCHA proof-of-work challenge for step 1 (the widget fetches it)', response: { 200: Challenge } } },
    async () => newChallenge(deps),
  );

  // Steps 1 and 2 are throttled by address, then by document (step 1) or by flow (step 2): issue 14, finding 8.
  const startGuard = app.credentialGuard('recovery', { identity: (req) => documentOf(req.body) });
  const confirmGuard = app.credentialGuard('recovery', { scope: 'recovery-confirm', identity: (req) => req.cookies[RECOVERY_COOKIE] || undefined });
  app.post(
    '/api/recovery/start',
    {
      onRequest: app.csrfProtection,
      preHandler: startGuard,
      schema: {
        tags,
        summary: 'Step 1 "Tu dato": document, card, PIN and solved captcha',
        description: 'The same 200 `code_sent` answer (and a flow cookie) for an unknown document, a card of someone else, a wrong PIN and the right data; only the last gets the SMS code.',
        body: StartBody,
        response: { 200: Type.Union([CodeSent, VisitBranch]), 400: Refusal, 429: Refusal },
      },
    },
    async (req, reply) => {
      const { altcha, ...input } = req.body;
      const result = await startRecovery(deps, input, altcha);
      if (result.step === 'visit_branch') {
        endFlow(reply);
        return result;
      }
      keepFlow(reply, result.token);
      return { step: result.step, expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/recovery/confirm',
    {
      onRequest: app.csrfProtection,
      preHandler: confirmGuard,
      schema: {
        tags,
        summary: 'Step 2 "Confirmación": the SMS code',
        description:
          'On success the user code goes by email and a temporary password by SMS. 400 `invalid_code` carries `details.attemptsLeft`; 400 `expired_code` spends no attempt. ' +
          'A flow already completed (another tab sent the right code) answers 409 `flow_done`: its cookie is kept until the flow expires so every tab can be told.',
        body: ConfirmBody,
        response: { 200: Type.Union([Done, VisitBranch]), 400: Refusal, 409: Refusal, 410: Refusal },
      },
    },
    async (req, reply) => {
      try {
        const result = await confirmRecovery(deps, req.cookies[RECOVERY_COOKIE], req.body.code);
        // A completed flow keeps its cookie (it can do nothing more) so another tab hears `flow_done`.
        if (result.step !== 'done') endFlow(reply);
        return result;
      } catch (err) {
        if ((err as { status?: number }).status === 410) endFlow(reply);
        throw err;
      }
    },
  );

  app.post(
    '/api/recovery/resend',
    {
      onRequest: app.csrfProtection,
      schema: { tags, summary: 'Sends a new SMS code for the flow (rate-limited; failed attempts carry over)', response: { 200: CodeSent, 409: Refusal, 410: Refusal, 429: Refusal } },
    },
    async (req) => {
      const result = await resendCode(deps, req.cookies[RECOVERY_COOKIE]);
      return { step: result.step, expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.get(
    '/api/recovery/flow',
    {
      schema: {
        tags,
        summary: "The browser's recovery flow: where it stands",
        description: '`none` when there is no live flow; 410 `flow_expired` or `too_many_attempts` when it ended that way.',
        response: { 200: Type.Union([CodeSent, Type.Object({ step: Type.Literal('none') })]), 410: Refusal },
      },
    },
    async (req, reply) => {
      const flow = await findFlow(services.db, services.hasher, req.cookies[RECOVERY_COOKIE]);
      if (!flow || flow.step === 'done' || flow.step === 'identify') return { step: 'none' as const };
      const ended = flow.step === 'failed' ? 'too_many_attempts' : flow.expires_at.getTime() <= services.clock.now().getTime() ? 'flow_expired' : null;
      if (ended) {
        endFlow(reply);
        throw refusal(ended);
      }
      return { step: 'code_sent' as const, expiresAt: flow.expires_at.toISOString() };
    },
  );
};

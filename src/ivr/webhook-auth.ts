import type { FastifyRequest, preValidationHookHandler } from 'fastify';
import twilio from 'twilio';
import type { Config } from '../config/config.ts';
import { AppError } from '../platform/errors.ts';

/**
 * The dev-mode Twilio auth token: webhooks are signed even on a laptop, and the terminal phone
 * (`cerrojo call`) signs its requests with the same value. Never accepted outside dev mode.
 */
export const DEV_TWILIO_AUTH_TOKEN = 'cerrojo-dev-twilio-auth-token-not-secret';

/** The token Twilio signs its webhooks with; null refuses every webhook (no token outside dev mode). */
export function webhookAuthToken(config: Pick<Config, 'notify' | 'dev'>): string | null {
  return config.notify.twilioAuthToken ?? (config.dev ? DEV_TWILIO_AUTH_TOKEN : null);
}

/** Where the provider reached us: the configured public base URL, else this request's own origin. */
export function providerBase(req: FastifyRequest, publicBaseUrl: string | undefined): string {
  return publicBaseUrl ? publicBaseUrl.replace(/\/+$/, '') : `${req.protocol}://${req.host}`;
}

/**
 * A hook refusing (403) any request without a valid `X-Twilio-Signature` for the URL the
 * provider called and the form it posted (the SDK's `validateRequest`). Run it before the body
 * is validated: an unsigned request learns nothing, not even a 400.
 */
export function twilioSignatureHook(authToken: string | null, publicBaseUrl: string | undefined): preValidationHookHandler {
  return async (req) => {
    const signature = req.headers['x-twilio-signature'];
    const params = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    const valid = authToken !== null && typeof signature === 'string' && twilio.validateRequest(authToken, signature, `${providerBase(req, publicBaseUrl)}${req.url}`, params);
    if (!valid) throw new AppError('forbidden', 'missing or invalid X-Twilio-Signature');
  };
}

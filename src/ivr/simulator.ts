import type { FastifyInstance } from 'fastify';
import { normalizePhone } from '../customers/phone.ts';
import { AppError } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';
import { findCall } from './calls-store.ts';
import { Softphone, type Heard, type Transport } from './softphone.ts';

/**
 * The web phone's simulator: the browser cannot sign Twilio webhooks (the auth token is a
 * secret), so the server places the call for it through a `Softphone` that injects signed
 * webhooks into this same app. Nothing is held in memory between requests: each request
 * rebuilds the phone from the call record (`ivr_calls`), so any instance serves any key.
 */

/** What the browser needs from one answer of the line. */
export interface HeardView {
  says: { text: string; language: string }[];
  /** A Gather is waiting for keys. */
  listening: boolean;
  numDigits?: number;
  finishOnKey?: string;
  ended: boolean;
  transferredTo?: string;
}

/** The answer as the web phone shows and speaks it. */
export function heardView(heard: Heard): HeardView {
  return {
    says: heard.says,
    listening: heard.gather !== undefined,
    ...(heard.gather ? { numDigits: heard.gather.numDigits, finishOnKey: heard.gather.finishOnKey } : {}),
    ended: !heard.gather && !heard.redirect,
    ...(heard.dial ? { transferredTo: heard.dial } : {}),
  };
}

/** Where the simulated provider says it reached us when no public base URL is configured. */
export const SIMULATOR_ORIGIN = 'http://phone-simulator.invalid';

/**
 * A transport that injects each webhook into `app`. The URL is signed as the provider would
 * sign it, so the request carries the Host of `base` and only the part after `base` as path.
 */
export function injectTransport(app: FastifyInstance, base?: string): Transport {
  return async (url, form, signature) => {
    const target = new URL(url);
    const path = base && url.startsWith(base) ? url.slice(base.length) || '/' : target.pathname + target.search;
    const res = await app.inject({
      method: 'POST',
      url: path,
      headers: { host: target.host, 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      payload: form,
    });
    return { statusCode: res.statusCode, body: res.body };
  };
}

/** A phone number as typed, in E.164 (Spanish by default); a 400 when it is not a number. */
export function e164(raw: string, field: string): string {
  const phone = normalizePhone(raw);
  if (!phone.ok) throw new AppError('validation', `${field}: ${phone.reason}`);
  return phone.e164;
}

export interface SimulatorContext {
  app: FastifyInstance;
  db: Executor;
  /** The token the IVR routes check (`ivrSettings(config).authToken`). */
  token: string;
  /** The public base URL the IVR routes sign against, if configured. */
  publicBaseUrl: string | undefined;
}

const baseOf = (ctx: SimulatorContext) => (ctx.publicBaseUrl ? ctx.publicBaseUrl.replace(/\/+$/, '') : SIMULATOR_ORIGIN);
const phoneFor = (ctx: SimulatorContext, from: string | null, to: string, callSid?: string) =>
  new Softphone(injectTransport(ctx.app, baseOf(ctx)), { base: baseOf(ctx), token: ctx.token, from, to, ...(callSid ? { callSid } : {}) });

/** Places a call from `from` to `to` (`lang` picks the language of a line without a language menu). */
export async function placeCall(ctx: SimulatorContext, call: { from: string; to: string; lang?: 'es' | 'en' }): Promise<{ callId: string; heard: HeardView }> {
  const phone = phoneFor(ctx, e164(call.from, 'from'), e164(call.to, 'to'));
  const heard = await phone.dial(call.lang ? `?lang=${call.lang}` : '');
  return { callId: phone.callSid, heard: heardView(heard) };
}

/**
 * The phone of a call in progress, its next webhook taken from the record: the routes put
 * the call's current turn in the Gather's action (`/ivr/twilio/turn?turn=N`) and add
 * `&timeout=1` on the Redirect after it (see `renderer` in routes.ts).
 */
async function resume(ctx: SimulatorContext, callId: string): Promise<Softphone> {
  const call = await findCall(ctx.db, callId);
  if (!call) throw new AppError('not_found', 'no such call');
  if (call.ended_at || call.state.status === 'ended') throw new AppError('conflict', 'the call is over');
  const phone = phoneFor(ctx, call.from_number, call.to_number, callId);
  const action = `${baseOf(ctx)}/ivr/twilio/turn?turn=${call.turn}`;
  phone.last = { xml: '', says: [], gather: { action, numDigits: 0, finishOnKey: '#' }, redirect: `${action}&timeout=1`, hangup: false };
  return phone;
}

/** Types keys into the call's current Gather. */
export async function pressKeys(ctx: SimulatorContext, callId: string, digits: string): Promise<HeardView> {
  return heardView(await (await resume(ctx, callId)).press(digits));
}

/** Stays silent until the Gather times out. */
export async function staySilent(ctx: SimulatorContext, callId: string): Promise<HeardView> {
  return heardView(await (await resume(ctx, callId)).wait());
}

/** Hangs up: the provider's status callback closes the record (harmless when already closed). */
export async function hangUpCall(ctx: SimulatorContext, callId: string): Promise<void> {
  const call = await findCall(ctx.db, callId);
  if (!call) throw new AppError('not_found', 'no such call');
  const status = await phoneFor(ctx, call.from_number, call.to_number, callId).hangUp('completed');
  if (status !== 204) throw new Error(`status callback answered ${status}`);
}

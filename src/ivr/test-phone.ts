import type { App } from '../http/app.ts';
import { Softphone, sign, type PhoneOptions, type Transport } from './softphone.ts';

export { parseTwiml, newCallSid, type Heard, type PhoneOptions } from './softphone.ts';

/** Helpers for tests (imported only by `*.test.ts`): the softphone over `app.inject`. */

/** A transport that injects the webhook into an app in process. */
export function injectTransport(app: App): Transport {
  return async (url, form, signature) => {
    const res = await inject(app, url, form, signature);
    return { statusCode: res.statusCode, body: res.body };
  };
}

function inject(app: App, url: string, form: string, signature: string) {
  const target = new URL(url);
  return app.inject({
    method: 'POST',
    url: target.pathname + target.search,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    payload: form,
  });
}

/** Posts form parameters to an absolute URL of the app, signed as Twilio would sign them (or with `signature`). */
export function signedPost(app: App, url: string, params: Record<string, string>, token: string, signature?: string) {
  return inject(app, url, new URLSearchParams(params).toString(), signature ?? sign(token, url, params));
}

/** The softphone calling an app in process. */
export class TestPhone extends Softphone {
  constructor(app: App, options: PhoneOptions) {
    super(injectTransport(app), options);
  }
}

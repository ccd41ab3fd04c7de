import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { PermanentDeliveryError, type Channel } from '../channel.ts';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from: string;
  /** Replaces `https://api.twilio.com` (a test's local server, or a proxy). */
  apiBaseUrl?: string | undefined;
  timeoutMs: number;
}


/**
 * The SDK's own HTTP client, sending every request to another origin. The SDK documents a
 * custom `httpClient` as the way to change how it talks HTTP; region and edge settings can only
 * pick another twilio.com host, so they cannot reach a local server.
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: URL,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    const target = new URL(this.baseUrl);
    target.pathname = this.baseUrl.pathname.replace(/\/$/, '') + original.pathname;
    target.search = original.search;
    return super.request<TData>({ ...opts, uri: target.href });
  }
}

/** The SDK's REST client for an account, sent to `apiBaseUrl` instead of twilio.com when set. */
export function twilioRestClient(settings: Pick<TwilioSettings, 'accountSid' | 'authToken' | 'apiBaseUrl' | 'timeoutMs'>): twilio.Twilio {
  const httpClient = settings.apiBaseUrl
    ? new BaseUrlRequestClient(new URL(settings.apiBaseUrl), settings.timeoutMs)
    : new twilio.RequestClient({ timeout: settings.timeoutMs });
  return twilio(settings.accountSid, settings.authToken, { httpClient });
}

/** SMS through Twilio's Messages API with the official SDK. */
export function twilioChannel(settings: TwilioSettings): Channel {
  const client = twilioRestClient(settings);
  return {
    async send(message) {
      try {
        const sent = await client.messages.create({ to: message.to, from: settings.from, body: message.body });
        return { providerId: sent.sid };
      } catch (err) {
        // 400 is Twilio refusing this message itself (invalid or unsubscribed number, see its
        // error codes 21211, 21610 ...); any other failure may pass on a later attempt.
        if (err instanceof twilio.RestException && err.status === 400) {
          throw new PermanentDeliveryError(`Twilio ${err.status} code ${err.code ?? 'unknown'}`, { cause: err });
        }
        throw err;
      }
    },
  };
}

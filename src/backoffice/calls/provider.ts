import { randomBytes } from 'node:crypto';
import { callsProvider, type Config } from '../../config/config.ts';
import { twilioRestClient } from '../../notify/channels/twilio.ts';

/**
 * The voice provider behind the console's "Llamar" (issue 15 §2), chosen by `calls.provider`:
 * Twilio's REST API, or in dev mode the `/phone` page. Either way the call's state is in the
 * database (`contact_calls`); the provider only places the call and later reports how it ended.
 */
export interface PlaceCall {
  /** Our call id, in the callback URLs. */
  id: string;
  /** The customer's number. */
  to: string;
  /** The agent's own phone or softphone, rung first; null with the dev phone (the console is the agent's end). */
  agentPhone: string | null;
  /** Where the provider asks what to do once the agent answers, and reports the agent's leg. */
  urls: { bridge: string; agentStatus: string };
}

export interface VoiceProvider {
  readonly name: 'twilio' | 'dev';
  /** Whether an agent needs a phone of their own in `calls.agentPhones`. */
  readonly needsAgentPhone: boolean;
  /** Places the call; answers the provider's call id and what is ringing now. */
  place(call: PlaceCall): Promise<{ sid: string; status: 'calling_agent' | 'ringing' }>;
}

/**
 * Twilio: the agent's phone is called first; when they answer, Twilio fetches the bridge TwiML,
 * which `<Dial>`s the customer (Twilio's documented click-to-call). Its status callbacks, signed
 * with the account's auth token, say how each leg ended.
 */
export function twilioVoice(settings: { accountSid: string; authToken: string; apiBaseUrl?: string | undefined; callerId: string; ringTimeoutSeconds: number }): VoiceProvider {
  const client = twilioRestClient({ ...settings, timeoutMs: 10_000 });
  return {
    name: 'twilio',
    needsAgentPhone: true,
    async place(call) {
      if (!call.agentPhone) throw new Error('the agent has no phone');
      const created = await client.calls.create({
        to: call.agentPhone,
        from: settings.callerId,
        url: call.urls.bridge,
        method: 'POST',
        statusCallback: call.urls.agentStatus,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: ['completed'],
        timeout: settings.ringTimeoutSeconds,
      });
      return { sid: created.sid, status: 'calling_agent' };
    },
  };
}

/**
 * Dev mode: no network. The agent is at the console, so the customer's phone (the `/phone`
 * page showing that number) rings at once; the person there answers, declines or lets it ring,
 * and the dev phone's routes end the call as the provider's callbacks would.
 */
export const devVoice: VoiceProvider = {
  name: 'dev',
  needsAgentPhone: false,
  place: async () => ({ sid: `CA${randomBytes(16).toString('hex')}`, status: 'ringing' }),
};

/** The provider of the configuration; null when calls are off. */
export function voiceProvider(config: Config): VoiceProvider | null {
  const name = callsProvider(config);
  if (name === 'off') return null;
  if (name === 'dev') return devVoice;
  const { twilioAccountSid, twilioAuthToken, twilioApiBaseUrl } = config.notify;
  if (!twilioAccountSid || !twilioAuthToken || !config.calls.callerId) throw new Error('calls.provider "twilio" without its keys (checked at start)');
  return twilioVoice({ accountSid: twilioAccountSid, authToken: twilioAuthToken, apiBaseUrl: twilioApiBaseUrl, callerId: config.calls.callerId, ringTimeoutSeconds: config.calls.ringTimeoutSeconds });
}

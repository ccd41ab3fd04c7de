import { ConfigError, type Config } from '../config/config.ts';
import { transferProblems } from './check.ts';
import type { Locale } from '../i18n/catalogue.ts';
import { unlockLine } from './flow.ts';
import { webhookAuthToken } from './webhook-auth.ts';
import type { FlowDefinition, FlowSettings } from './flow-types.ts';

export { DEV_TWILIO_AUTH_TOKEN } from './webhook-auth.ts';

/** The optional `ivr` section of the configuration (keys `ivr.*`). */
export interface IvrConfig extends Partial<FlowSettings> {
  /** Whether the webhooks are served at all (`ivr.enabled`); not a setting of the flow. */
  enabled?: boolean;
  /** Text-to-speech voice per language (a Twilio `<Say voice>`). */
  voices?: Partial<Record<Locale, string>>;
}

export interface IvrSettings {
  /** The unlock line with the deployment's settings applied. */
  flow: FlowDefinition;
  /** Signs and checks webhooks; null refuses every webhook (no token outside dev mode). */
  authToken: string | null;
  /** Base of the URLs the provider calls, when behind a proxy; else taken from each request. */
  publicBaseUrl: string | undefined;
  voices: Record<Locale, string>;
  defaultLocale: Locale;
}

export const DEFAULT_VOICES: Record<Locale, string> = { es: 'Polly.Lucia', en: 'Polly.Amy' };

/**
 * The IVR's settings from the configuration, with the flow's own defaults where a key is unset.
 * A transfer number that would not reach a person (not an agent line, or a line of the flow
 * itself) stops the start.
 */
export function ivrSettings(config: Config & { ivr?: IvrConfig }): IvrSettings {
  const { voices, enabled: _enabled, ...flowSettings } = config.ivr ?? {};
  const defined = Object.fromEntries(Object.entries(flowSettings).filter(([, v]) => v !== undefined)) as Partial<FlowSettings>;
  const flow: FlowDefinition = { ...unlockLine, settings: { ...unlockLine.settings, ...defined } };
  const problems = transferProblems(flow);
  if (problems.length > 0) throw new ConfigError('ivr.agentNumber', problems.join('; '));
  return {
    flow,
    authToken: webhookAuthToken(config),
    publicBaseUrl: config.publicBaseUrl,
    voices: { ...DEFAULT_VOICES, ...voices },
    defaultLocale: config.defaultLocale,
  };
}

import { normalizePhone } from '../customers/phone.ts';
import type { FlowSettings, GuardName } from './flow-types.ts';
import type { CallState } from './state.ts';

/** Pure conditions the definition names in guarded `next` lists. */
export const GUARDS: Readonly<Record<GuardName, (state: CallState, settings: FlowSettings) => boolean>> = {
  // A withheld or unusable caller id can never match a registered phone: say so before asking anything.
  callerIdWithheld: (state) => state.from === null || !normalizePhone(state.from).ok,
  // Identity failures are re-asked as often as any invalid input, then the call gives up.
  verificationExhausted: (state, settings) => (state.counters.verification ?? 0) > settings.reprompts,
  // An identification of this branch met a blocked PIN: the agent learns it, the caller hears the usual words.
  pinBlocked: (state) => state.context.pinBlocked === true,
};

import type { Locale } from '../i18n/catalogue.ts';
import type { ActionName, ActionOutcome, BranchId, CallOutcome, CounterName, HandoverReason, NodeId, PromptId } from './flow-types.ts';

/**
 * What the engine keeps between turns of a call, persisted as one JSON value. It holds no
 * secret: a PIN lives only in `Secrets` during the request that typed it, and a code read out
 * only in the effects of that request.
 */
export interface CallContext {
  branch?: BranchId;
  document?: { type: 'DNI' | 'NIE'; number: string };
  /** The 8-digit reference of an operation, as shown in online banking. */
  reference?: string;
  cardLast4?: string;
  /** The customer every check of this branch's action identified (never set by a claim alone). */
  customerId?: string;
  /** An identification in this branch met a card whose PIN is blocked (for the agent, never said). */
  pinBlocked?: true;
}

/** Typed by the caller and handed to the one action that consumes it, never persisted. */
export interface Secrets {
  pin?: string;
}

export interface CallState {
  flow: string;
  version: string;
  node: NodeId;
  status: 'active' | 'ended';
  locale: Locale;
  /** Caller id as the telephony provider gave it; null when withheld. */
  from: string | null;
  context: CallContext;
  /** Re-prompts already spent at the current node. */
  retries: number;
  counters: Partial<Record<CounterName, number>>;
  /** Nodes entered, in order, for the call record and containment reports. */
  path: NodeId[];
  outcome: CallOutcome | null;
}

export type CallEvent =
  | { type: 'start' }
  | { type: 'digits'; digits: string }
  | { type: 'timeout' }
  | {
      type: 'actionResult';
      action: ActionName;
      outcome: ActionOutcome;
      data?: Readonly<Record<string, string>>;
      /** The customer the action identified, when every check passed. */
      customerId?: string;
      /** The identification met a card whose PIN is blocked. */
      pinBlocked?: boolean;
    }
  /** The caller hung up (status callback). */
  | { type: 'hangup' };

/** One thing to say, in a language, with its placeholders filled from `params`. */
export interface Say {
  prompt: PromptId;
  locale: Locale;
  params?: Readonly<Record<string, string>>;
  /** Carries a secret (a code read out): the adapter must not store or log it. */
  secret?: boolean;
}

export type Effect =
  | ({ type: 'say' } & Say)
  /** Say the prompts while listening for keys; with no key, the call goes on with the next effect. */
  | { type: 'gather'; prompts: Say[]; numDigits: number; finishOnKey: string; timeoutSeconds: number }
  | { type: 'runAction'; action: ActionName; context: CallContext; from: string | null; locale: Locale; secrets: Secrets }
  /** Dial the agent line; `reason` goes into the handover record the turn writes. */
  | { type: 'transfer'; number: string; timeoutSeconds: number; reason: HandoverReason }
  | { type: 'hangup' };

export interface Transition {
  state: CallState;
  effects: Effect[];
}

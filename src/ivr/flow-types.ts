import type { Locale } from '../i18n/catalogue.ts';

/**
 * The vocabulary of a call-flow definition. The definition itself (`flow.ts`) is plain data
 * typed by these shapes; the engine (`engine.ts`) interprets it. Guards, input readers and
 * actions are referenced by name and implemented elsewhere, so the data stays readable.
 */

export type NodeId = string;

/**
 * A reserved target: the flow's `onExhausted` node for the configured `whenExhausted`
 * (an agent, or a polite goodbye where no agent answers).
 */
export const EXHAUSTED = '@exhausted';
/** A message id of `messages.ts`; every spoken word comes from there, in both languages. */
export type PromptId = `ivr.${string}`;
/** A prompt in the call's language, or pinned to one (the bilingual language menu). */
export type PromptRef = PromptId | { id: PromptId; locale: Locale };
export type Prompts = PromptRef | readonly PromptRef[];

/** Keys of a phone keypad. */
export type Key = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#';

/** The seed's branch numbers. */
export type BranchId = '1.1' | '1.2' | '2' | '3.1' | '3.2';

/** What a caller types at an input step; each has a reader in `fields.ts`. */
export type FieldName = 'dni' | 'nie' | 'reference' | 'cardLast4' | 'pin';

/** Pure conditions over the call state, implemented in `guards.ts`. */
export type GuardName = 'callerIdWithheld' | 'verificationExhausted' | 'pinBlocked';

/** Work with side effects (database, messages), implemented in `actions.ts`. */
export type ActionName = 'recoverOnlineBanking' | 'resetPhoneBanking' | 'sendUnlockCode' | 'unlockSignature' | 'readSigningCode';

/**
 * What an action reports. `rejected` covers every failed check alike (unknown document, caller
 * id, card, PIN, reference) so the caller hears the same words; `visitBranch` only follows a
 * fully verified caller; `signatureBlocked` (3.2 only) a verified caller whose signature is
 * blocked, so no code could sign; `error` is a technical failure.
 */
export type ActionOutcome = 'done' | 'rejected' | 'visitBranch' | 'unavailable' | 'signatureBlocked' | 'error';
export const ACTION_OUTCOMES: readonly ActionOutcome[] = ['done', 'rejected', 'visitBranch', 'unavailable', 'signatureBlocked', 'error'];
/** Outcomes only some actions report (3.2's `signatureBlocked`); a node that can get one names where it leads. */
export type OptionalOutcome = 'signatureBlocked' | 'error';

/** Counters kept per call, for loops a guard must bound. */
export type CounterName = 'verification';

/**
 * How a call ended, for containment reports: `resolved` (self-service done), `referred` (told
 * to visit the branch), `goodbye` (ended politely without a result), `transferred` (agent),
 * `abandoned` (the caller hung up first).
 */
export type CallOutcome = 'resolved' | 'referred' | 'goodbye' | 'transferred' | 'abandoned';

/**
 * Why a call is handed over to a person, as the agent who takes it reads it (`ivr_handovers`):
 * the caller has a CIF or a passport (seed 000), ran out of re-prompts or identification retries,
 * did so with a card whose PIN is blocked, met a technical error, asked for an agent (the support
 * line's options 1 and 2), or was identified but the line cannot do the work (no mobile, SMS limit).
 */
export type HandoverReason = 'cif_passport' | 'retries_exhausted' | 'pin_blocked' | 'error' | 'asked_for_agent' | 'unavailable';
export const HANDOVER_REASONS: readonly HandoverReason[] = ['cif_passport', 'retries_exhausted', 'pin_blocked', 'error', 'asked_for_agent', 'unavailable'];

/** A next step, unconditional or the first guarded entry that holds (the last has no guard). */
export type Next = NodeId | readonly GuardedNext[];
export interface GuardedNext {
  when?: GuardName;
  goto: NodeId;
}

export type MenuChoice = NodeId | { goto: NodeId; locale: Locale };

/** Says its prompt and waits for one key. */
export interface MenuNode {
  kind: 'menu';
  prompt: Prompts;
  options: Partial<Record<Key, MenuChoice>>;
  /** Where to go once re-prompts run out; `EXHAUSTED` otherwise. */
  onExhausted?: NodeId;
  /** The re-prompt's words in each of these languages, in order (a menu heard before a language is chosen); the call's language otherwise. */
  repromptIn?: readonly Locale[];
}

/** Says its prompt and collects digits. A `secret` field never enters the persisted state. */
export interface InputNode {
  kind: 'input';
  prompt: Prompts;
  field: FieldName;
  digits: { min: number; max: number };
  /** Key that ends the entry early (needed when min < max). */
  finishOnKey?: '#';
  next: Next;
  onExhausted?: NodeId;
  repromptIn?: readonly Locale[];
}

/** Runs a named action; its outcome picks the next node. */
export interface ActionNode {
  kind: 'action';
  action: ActionName;
  outcomes: Record<Exclude<ActionOutcome, OptionalOutcome>, NodeId> & Partial<Record<OptionalOutcome, NodeId>>;
}

/** Says something and moves on at once. */
export interface SayNode {
  kind: 'say';
  prompt: Prompts;
  /** The words carry a secret from the action (a code read out): never stored, never replayed. */
  secret?: boolean;
  /** Increments a call counter on entry. */
  count?: CounterName;
  /** Says it again up to `times` times, offering between repetitions to end with any key. */
  repeat?: { times: number; offer: PromptId };
  next: Next;
}

/** A handover reason, unconditional or the first guarded entry that holds (the last has no guard). */
export type Reason = HandoverReason | readonly { when?: GuardName; reason: HandoverReason }[];

/**
 * Hands the call over to a person: a `<Dial>` to the agent line with a timeout, and a record of
 * the call's context (`ivr_handovers`) for the agent who takes it, written in the same turn.
 */
export interface TransferNode {
  kind: 'transfer';
  prompt?: Prompts;
  outcome: 'transferred';
  reason: Reason;
}

export interface HangupNode {
  kind: 'hangup';
  prompt?: Prompts;
  outcome: Exclude<CallOutcome, 'transferred' | 'abandoned'>;
}

export type FlowNode = MenuNode | InputNode | ActionNode | SayNode | TransferNode | HangupNode;

/** A dialled number (or a named line) and where its calls begin. */
export interface Line {
  numbers: readonly string[];
  start: NodeId;
  /** Language of a line without a language menu. */
  locale?: Locale;
  description: string;
}

/** Knobs a deployment may change; `settings.ts` fills them from the configuration. */
export interface FlowSettings {
  /** Re-prompts after no input or invalid input before giving up (and verification retries). */
  reprompts: number;
  /** Seconds to wait for a key. */
  timeoutSeconds: number;
  /** Where a transfer goes: an agent line of the directory, never a number the flow answers. */
  agentNumber: string;
  /** Seconds the transfer rings before it counts as unanswered (the Dial's `timeout`). */
  transferTimeoutSeconds: number;
  /** What happens once re-prompts run out. */
  whenExhausted: 'agent' | 'goodbye';
}

export interface FlowDefinition {
  id: string;
  /** Persisted with every call, so a call started on one version is never run by another. */
  version: string;
  settings: FlowSettings;
  lines: Readonly<Record<string, Line>>;
  /** The line of a dialled number that matches no line. */
  defaultLine: string;
  /** Where each seed branch begins (entering it starts a fresh identification). */
  branches: Readonly<Record<BranchId, NodeId>>;
  reprompt: { noInput: PromptId; invalid: PromptId };
  onExhausted: { agent: NodeId; goodbye: NodeId };
  /** Where a failed or missing action result leads. */
  onError: NodeId;
  /**
   * What the caller hears when nobody answers a transfer (the Dial's action), before the call
   * ends: `ivr.handover.hours` gets `{hours}` from the agent line's hours in the directory, and is
   * left out when those are not stated.
   */
  unanswered: Prompts;
  nodes: Readonly<Record<NodeId, FlowNode>>;
}

/**
 * The web recovery of seed 001 as data: its steps in order, what each request needs, and the
 * rules that decide the answer. Pure: no I/O, no clock of its own (the caller passes `now`).
 *
 *   1 "Tu dato"        POST /start   document, card as printed, PIN, captcha → code by SMS
 *   2 "Confirmación"   POST /confirm the SMS code                           → credentials sent
 *   3 "Selección confirmada"         masked email and mobile, "¡Felicidades!"
 */
export type RecoveryStep = 'identify' | 'code_sent' | 'done' | 'failed';

export const RECOVERY_STEPS: readonly RecoveryStep[] = ['identify', 'code_sent', 'done', 'failed'];

/** The seed's stepper, by catalogue id, with the flow steps each stage covers. */
export const STEPPER: readonly { labelId: string; steps: readonly RecoveryStep[] }[] = [
  { labelId: 'recovery.stepper.1', steps: ['identify'] },
  { labelId: 'recovery.stepper.2', steps: ['code_sent'] },
  { labelId: 'recovery.stepper.3', steps: ['done'] },
];

/** The requests that act on an existing flow, and the one step each accepts (ASVS 5.0 §2.3.1: in order only). */
export type FlowRequest = 'confirm' | 'resend';
export const REQUIRED_STEP: Readonly<Record<FlowRequest, RecoveryStep>> = { confirm: 'code_sent', resend: 'code_sent' };

/** Why a request on a flow is refused: the `reason` of the answer. */
export type GateRefusal = 'wrong_step' | 'flow_done' | 'flow_expired' | 'too_many_attempts';

export interface FlowView {
  step: RecoveryStep;
  expiresAt: Date;
}

/**
 * Whether `request` may act on `flow` now. No flow (no cookie, a forged token) is a skipped
 * step; a completed one says so (another tab finished it: its credentials are on their way);
 * an expired or failed flow is gone and the page starts again.
 */
export function gate(flow: FlowView | undefined, request: FlowRequest, now: Date): GateRefusal | null {
  if (!flow) return 'wrong_step';
  if (flow.step === 'done') return 'flow_done';
  if (flow.step === 'failed') return 'too_many_attempts';
  if (flow.expiresAt.getTime() <= now.getTime()) return 'flow_expired';
  return flow.step === REQUIRED_STEP[request] ? null : 'wrong_step';
}

/** Wrong codes left after `attempts` (already counted) of `max`. */
export function attemptsLeft(attempts: number, max: number): number {
  return Math.max(0, max - attempts);
}

/** What a code submission turned into, for the flow (the code's own check says ok/invalid/...). */
export type CodeOutcome = 'done' | 'invalid' | 'expired_code' | 'failed';

/**
 * The flow's answer to a code check. `verified` is true only for the right code of a flow whose
 * customer proved document, card and PIN; a flow of nobody never completes, whatever is typed.
 * The flow fails when its own count reaches the limit, even if the code's count did not.
 */
export function codeOutcome(check: 'ok' | 'invalid' | 'expired' | 'exhausted' | 'not_found', verified: boolean, attempts: number, max: number): CodeOutcome {
  if (check === 'ok' && verified) return 'done';
  if (attempts >= max || check === 'exhausted') return 'failed';
  if (check === 'expired') return 'expired_code';
  return 'invalid';
}

/** Resends of one flow's code: how many, and how far apart (nobody floods a phone through one flow). */
export interface ResendPolicy {
  maxResends: number;
  minIntervalSeconds: number;
}

export const RESEND_POLICY: ResendPolicy = { maxResends: 3, minIntervalSeconds: 30 };

/** Whether a new code may be sent now; the refusal is the answer's reason. */
export function resendAllowed(flow: { resends: number; lastCodeAt: Date | null }, now: Date, policy: ResendPolicy = RESEND_POLICY): 'ok' | 'resend_limit' | 'resend_too_soon' {
  if (flow.resends >= policy.maxResends) return 'resend_limit';
  if (flow.lastCodeAt && now.getTime() - flow.lastCodeAt.getTime() < policy.minIntervalSeconds * 1000) return 'resend_too_soon';
  return 'ok';
}

/** The flow's expiry: a fixed life from its first step, never extended by later steps. */
export function flowExpiry(now: Date, ttlSeconds: number): Date {
  return new Date(now.getTime() + ttlSeconds * 1000);
}

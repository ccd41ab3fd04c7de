import type { Block, BlockOrigin, BlockTarget } from '../platform/db/schema.ts';

export type { Block, BlockOrigin, BlockTarget };

/**
 * Who asks to lift a block: the self-service channels, the contact centre, a branch, the bank's
 * core system through provisioning (`core`: a card reissued, a PIN changed), or the system itself.
 */
export type LiftChannel = 'ivr' | 'web' | 'contact_centre' | 'office' | 'core' | 'system';

export const LIFT_CHANNELS: readonly LiftChannel[] = ['ivr', 'web', 'contact_centre', 'office', 'core', 'system'];
export const BLOCK_TARGETS: readonly BlockTarget[] = ['access', 'signature', 'operation', 'card_pin', 'phone_banking'];
export const BLOCK_ORIGINS: readonly BlockOrigin[] = ['failed_attempts', 'customer', 'contact_centre', 'fraud_rule', 'office'];

interface LiftRule {
  /** Channels that may lift a block of this origin, unless `forTarget` names its target. */
  channels: readonly LiftChannel[];
  /** The channels for one target instead of `channels`. */
  forTarget?: Partial<Record<BlockTarget, readonly LiftChannel[]>>;
  /** Why, with the seed it comes from. */
  why: string;
}

/**
 * Which channel may lift which origin (DESIGN.md section 3). Read it beside the seeds: a
 * branch may lift anything; self-service only lifts what the customer caused by mistake, and
 * an operation a fraud rule held once the customer has the unlock code sent to their phone.
 * A card PIN blocked by wrong PINs is the exception: every self-service flow asks for that PIN,
 * so the failed channel can never be the way back.
 */
export const LIFT_POLICY: Readonly<Record<BlockOrigin, LiftRule>> = {
  failed_attempts: {
    channels: ['ivr', 'web', 'office'],
    forTarget: { card_pin: ['office', 'contact_centre', 'core'] },
    why:
      'seeds 000/001: the customer unlocks their own user or signature by self-service; a card PIN, which self-service itself asks for, ' +
      'is lifted by a branch, by an agent after the security questions, or by the core system when it reissues the card or changes its PIN',
  },
  customer: {
    channels: ['office', 'contact_centre'],
    why: 'the customer asked for the block; the bank lifts it after identifying them',
  },
  contact_centre: {
    channels: ['office'],
    why: 'seed 002: the CAE block is lifted only by the branch; self-service sends the customer there',
  },
  fraud_rule: {
    channels: ['office'],
    forTarget: { operation: ['ivr', 'web', 'office'] },
    why: 'seed 000 branch 2: a held operation is released with the unlock code sent by SMS',
  },
  office: {
    channels: ['office'],
    why: 'what a branch decided, only a branch undoes',
  },
};

/** Whether `channel` may lift `block` under the policy table. */
export function canLift(block: Pick<Block, 'origin' | 'target'>, channel: LiftChannel): boolean {
  const rule = LIFT_POLICY[block.origin];
  return (rule.forTarget?.[block.target] ?? rule.channels).includes(channel);
}

/** Whether only a branch can lift it: what self-service must answer with "visit your branch". */
export function onlyBranchCanLift(block: Pick<Block, 'origin' | 'target'>): boolean {
  return LIFT_CHANNELS.every((c) => c === 'office' || !canLift(block, c));
}

/**
 * The read-only profile ("perfil CONSULTAS") is not a block record, but the same rule holds:
 * only a branch restores the full profile (seed 002).
 */
export function canRestoreFullProfile(channel: LiftChannel): boolean {
  return channel === 'office';
}

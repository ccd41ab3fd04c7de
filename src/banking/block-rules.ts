import { canLift, type Block } from '../customers/blocks.ts';

/**
 * What the customer's active blocks mean for online banking (DESIGN.md §3, seed 002):
 * - `branchOnly`: a contact-centre block (BLOQUEO CAE) on anything, or an access block the web
 *   may not lift → no login; the customer is told to visit the branch, nothing else.
 * - `selfLiftableAccess`: an access block from failed attempts → no login; recovery or the IVR lifts it.
 * - `signatureBlocked`: no operation can be signed until the signature is unlocked (IVR 3.1).
 */
export interface BlockFacts {
  branchOnly: boolean;
  selfLiftableAccess: boolean;
  signatureBlocked: boolean;
}

export function blockFacts(blocks: readonly Pick<Block, 'origin' | 'target'>[]): BlockFacts {
  return {
    branchOnly: blocks.some((b) => b.origin === 'contact_centre' || (b.target === 'access' && !canLift(b, 'web'))),
    selfLiftableAccess: blocks.some((b) => b.target === 'access' && canLift(b, 'web')),
    signatureBlocked: blocks.some((b) => b.target === 'signature'),
  };
}

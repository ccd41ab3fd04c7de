import { liftCardPin } from '../customers/pin-lift.ts';
import { RecordError, type ApplyContext } from './apply-context.ts';
import type { NormalizedCard } from './validate-customer.ts';

/** How far ahead of our clock the core's may run before a date counts as "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Refuses a reissue or PIN-change date in the future: it would lift blocks not yet set. */
export function checkCardDates(ctx: ApplyContext, card: NormalizedCard, i: number): void {
  for (const [field, date] of [['reissuedAt', card.reissuedAt], ['pinChangedAt', card.pinChangedAt]] as const) {
    if (date && date.getTime() > ctx.at.getTime() + CLOCK_SKEW_MS) throw new RecordError(`cards.${i}.${field}`, 'is in the future');
  }
}

/**
 * The core system's way back from a blocked card PIN (DESIGN.md §3): the card was reissued or
 * its PIN changed after the block — a new `pin` in the record, or a `reissuedAt` or
 * `pinChangedAt` later than the block. The lift goes through the lift policy as channel `core`
 * (`liftCardPin`), audited and told to the customer by SMS. A date before the block lifts
 * nothing, so a feed repeating yesterday's file cannot undo today's block. Returns whether it lifted.
 */
export async function liftPinByFeed(ctx: ApplyContext, customerId: string, stored: { id: string; pin_blocked_at: Date | null }, card: NormalizedCard, pinChanged: boolean): Promise<boolean> {
  const blockedAt = stored.pin_blocked_at;
  if (blockedAt === null) return false;
  const after = (d: Date | undefined) => d !== undefined && d.getTime() > blockedAt.getTime();
  const reason = pinChanged || after(card.pinChangedAt) ? 'pin_changed' : after(card.reissuedAt) ? 'reissued' : undefined;
  if (!reason) return false;
  const result = await liftCardPin(ctx.tx, ctx.deps, { customerId, cardId: stored.id, channel: 'core', by: ctx.deps.actor, reason });
  return result.lifted;
}

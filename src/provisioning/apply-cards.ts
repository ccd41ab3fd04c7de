import { randomUUID } from 'node:crypto';
import { panHash } from '../customers/pin-verifier.ts';
import { RecordError, changedFields, type ApplyContext } from './apply-context.ts';
import { checkCardDates, liftPinByFeed } from './apply-pin-lift.ts';
import type { NormalizedCard } from './validate-customer.ts';

/**
 * Adds or updates the customer's cards, matched by the keyed hash of the number. Cards not in
 * the record are kept: a card's cancellation is not something a partial feed (one CSV row
 * holds one card) may imply. A reissue or a PIN change lifts the card's PIN block
 * (`apply-pin-lift.ts`). Returns whether anything changed.
 */
export async function applyCards(ctx: ApplyContext, customerId: string, cards: NormalizedCard[]): Promise<boolean> {
  let changed = false;
  for (const [i, card] of cards.entries()) {
    if (await applyCard(ctx, customerId, card, i)) changed = true;
  }
  return changed;
}

async function applyCard(ctx: ApplyContext, customerId: string, card: NormalizedCard, i: number): Promise<boolean> {
  const { tx, deps } = ctx;
  checkCardDates(ctx, card, i);
  const hash = panHash(deps.hasher, card.pan);
  const existing = await tx.selectFrom('cards').selectAll().where('pan_hash', '=', hash).forUpdate().executeTakeFirst();
  if (!existing) {
    const id = randomUUID();
    const pinRef = await deps.pinVerifier.enroll(hash, card.pin);
    await tx
      .insertInto('cards')
      .values({ id, customer_id: customerId, last4: card.last4, pan_hash: hash, pin_ref: pinRef, brand: card.brand, kind: card.kind })
      .execute();
    await ctx.audit('card.provisioned', customerId, `card:${id}`, { last4: card.last4, brand: card.brand, kind: card.kind });
    return true;
  }
  if (existing.customer_id !== customerId) {
    throw new RecordError(`cards.${i}.pan`, 'this card already belongs to another customer');
  }
  const fields: string[] = changedFields(existing, { brand: card.brand, kind: card.kind });
  // Ask the verifier rather than compare references: an HSM may make a new reference each time.
  const samePin = await deps.pinVerifier.verify(hash, card.pin, existing.pin_ref);
  const pinRef = samePin ? existing.pin_ref : await deps.pinVerifier.enroll(hash, card.pin);
  if (!samePin) fields.push('pin');
  if (fields.length) {
    await tx.updateTable('cards').set({ brand: card.brand, kind: card.kind, pin_ref: pinRef }).where('id', '=', existing.id).execute();
    await ctx.audit('card.updated', customerId, `card:${existing.id}`, { last4: existing.last4, fields });
  }
  const lifted = await liftPinByFeed(ctx, customerId, existing, card, !samePin);
  return fields.length > 0 || lifted;
}

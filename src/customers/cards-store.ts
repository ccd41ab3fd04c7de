import { appendAudit } from '../audit/audit.ts';
import type { KeyedHasher } from '../platform/crypto.ts';
import type { Executor, Tx } from '../platform/db/database.ts';
import type { Card } from '../platform/db/schema.ts';
import type { EnqueueDeps } from '../notify/outbox.ts';
import type { LiftChannel } from './blocks.ts';
import { createBlock, liftBlocks } from './blocks-store.ts';
import { noticeCustomer } from './notices.ts';
import { panHash, type PinVerifier } from './pin-verifier.ts';
import { inTransaction, isUuid, type ClockDeps, type LimitsDeps } from './store-support.ts';

export type PinCheck = 'ok' | 'wrong' | 'blocked';

/** What a PIN check needs: the limits, the verifier, and the outbox for the SMS sent when the PIN blocks. */
export interface PinDeps extends LimitsDeps, Pick<EnqueueDeps, 'sealer'> {
  pinVerifier: PinVerifier;
}

export interface PinAttempt {
  customerId: string;
  last4: string;
  pin: string;
  /** Restricts the check to one card (the web form knows the whole number); else any card with those last four. */
  cardId?: string;
  /** Restricts the check to the card with this number (as printed, keyed-hashed here): `findCardByPan` and the check in one statement. */
  pan?: string;
  /** Who is asking, for the audit log: `ivr`, `web` ... */
  by?: string;
}

// Stands in for a card that does not exist, so an unknown card costs the verifier's time too.
const DUMMY_PAN_HASH = 'cerrojo-no-such-card';
const DUMMY_PIN_REF = 'cerrojo-no-such-pin-ref';

/**
 * Checks a card PIN like an ATM would: failures count per card, and at `limits.pinAttempts`
 * the card's PIN is blocked with a `card_pin` block, which self-service never lifts (it asks for
 * that very PIN): a branch, an agent after the security questions or the core system does
 * (`blocks.ts`). The customer gets an SMS when it happens. Success resets the count. With several cards ending in the
 * same four digits, a PIN matching any unblocked one is accepted and a wrong PIN counts against each.
 */
export async function checkCardPin(ex: Executor, deps: PinDeps & { hasher?: KeyedHasher }, attempt: PinAttempt): Promise<PinCheck> {
  return (await checkCardPinOf(ex, deps, attempt)).check;
}

/** `checkCardPin`, with the card whose PIN matched (null unless 'ok'). */
export function checkCardPinOf(ex: Executor, deps: PinDeps & { hasher?: KeyedHasher }, attempt: PinAttempt): Promise<{ check: PinCheck; cardId: string | null }> {
  return inTransaction(ex, async (tx) => {
    let query = tx.selectFrom('cards').selectAll().where('customer_id', '=', attempt.customerId).where('last4', '=', attempt.last4);
    if (attempt.cardId !== undefined) query = query.where('id', '=', isUuid(attempt.cardId) ? attempt.cardId : '00000000-0000-0000-0000-000000000000');
    if (attempt.pan !== undefined) {
      if (!deps.hasher) throw new Error('a check by card number needs the keyed hasher');
      query = query.where('pan_hash', '=', panHash(deps.hasher, attempt.pan));
    }
    const cards = await query.orderBy('id').forUpdate().execute();
    const open = cards.filter((c) => c.pin_blocked_at === null);
    if (open.length === 0) {
      await deps.pinVerifier.verify(DUMMY_PAN_HASH, attempt.pin, DUMMY_PIN_REF);
      return { check: cards.length === 0 ? 'wrong' : 'blocked', cardId: null };
    }
    // Every candidate is verified, matched or not, so timing does not tell which card matched.
    const results = await Promise.all(open.map((c) => deps.pinVerifier.verify(c.pan_hash, attempt.pin, c.pin_ref)));
    const matched = open.find((_, i) => results[i]);
    const by = attempt.by ?? 'system';
    if (matched) {
      // Read under the row lock: no reset to write when there was no failure to forget.
      if (matched.failed_pin_attempts > 0) await tx.updateTable('cards').set({ failed_pin_attempts: 0 }).where('id', '=', matched.id).execute();
      await appendAudit(tx, { at: deps.clock.now(), actor: by, action: 'card.pin_verified', customerId: attempt.customerId, subject: `card:${matched.id}`, details: { last4: matched.last4 } });
      return { check: 'ok', cardId: matched.id };
    }
    let stillOpen = 0;
    for (const card of open) if (!(await countFailure(tx, deps, card, by))) stillOpen++;
    return { check: stillOpen > 0 ? 'wrong' : 'blocked', cardId: null };
  });
}

/** Counts one wrong PIN against a card; returns whether that blocked it. */
async function countFailure(tx: Tx, deps: PinDeps, card: Card, by: string): Promise<boolean> {
  const at = deps.clock.now();
  const failures = card.failed_pin_attempts + 1;
  const blocked = failures >= deps.config.limits.pinAttempts;
  await tx.updateTable('cards').set({ failed_pin_attempts: failures, pin_blocked_at: blocked ? at : null }).where('id', '=', card.id).execute();
  await appendAudit(tx, { at, actor: by, action: 'card.pin_failed', customerId: card.customer_id, subject: `card:${card.id}`, details: { last4: card.last4, failures, blocked } });
  if (blocked) {
    await createBlock(tx, deps, { customerId: card.customer_id, target: 'card_pin', subjectId: card.id, origin: 'failed_attempts', reason: 'PIN attempts exhausted', by });
    // "If it was not you, call …": a stranger who knows the card's last four digits may be trying.
    await noticeCustomer(tx, deps, { customerId: card.customer_id, template: 'sms.card_pin_blocked', params: { last4: card.last4 }, line: 'card-report', by });
  }
  return blocked;
}

/** The card with this number (as printed), found by the keyed hash of the number; undefined when none. */
export function findCardByPan(ex: Executor, hasher: KeyedHasher, pan: string): Promise<Card | undefined> {
  return ex.selectFrom('cards').selectAll().where('pan_hash', '=', panHash(hasher, pan)).executeTakeFirst();
}

/**
 * Clears a card's PIN block and failure count, lifting its `card_pin` block where the channel
 * may (the lift policy); returns whether the PIN is usable again. `pin-lift.ts` is the way in
 * that also tells the customer.
 */
export function unblockCardPin(ex: Executor, deps: ClockDeps, input: { customerId: string; cardId: string; channel: LiftChannel; by: string; reason?: string }): Promise<boolean> {
  return inTransaction(ex, async (tx) => {
    const { kept } = await liftBlocks(tx, deps, { customerId: input.customerId, target: 'card_pin', subjectId: input.cardId, channel: input.channel, by: input.by });
    if (kept.length > 0) return false;
    const row = await tx.updateTable('cards').set({ failed_pin_attempts: 0, pin_blocked_at: null }).where('id', '=', input.cardId).where('customer_id', '=', input.customerId).returning('id').executeTakeFirst();
    if (row) await appendAudit(tx, { at: deps.clock.now(), actor: input.by, action: 'card.pin_unblocked', customerId: input.customerId, subject: `card:${input.cardId}`, details: { channel: input.channel, reason: input.reason ?? null } });
    return row !== undefined;
  });
}

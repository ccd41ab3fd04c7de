import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder } from 'kysely';
import { appendAudit } from '../audit/audit.ts';
import type { Executor } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import { BLOCK_ORIGINS, canLift, type Block, type BlockOrigin, type BlockTarget, type LiftChannel } from './blocks.ts';
import { inTransaction, type ClockDeps } from './store-support.ts';

export interface NewBlock {
  customerId: string;
  target: BlockTarget;
  /** What is blocked within the target: a card id, an operation id; none for access or signature. */
  subjectId?: string | null;
  origin: BlockOrigin;
  reason: string;
  /** Who set it, as in the audit log: `ivr`, `agent:<id>`, `office:<code>`, `system`. */
  by: string;
}

/**
 * Records a block, or returns the active one already recorded for the same customer, target,
 * subject and origin (a unique index makes that hold under concurrency too).
 */
export function createBlock(ex: Executor, deps: ClockDeps, input: NewBlock): Promise<Block> {
  return inTransaction(ex, async (tx) => {
    const at = deps.clock.now();
    const subjectId = input.subjectId ?? null;
    const inserted = await tx
      .insertInto('blocks')
      .values({ id: randomUUID(), customer_id: input.customerId, target: input.target, subject_id: subjectId, origin: input.origin, reason: input.reason, created_by: input.by, created_at: at })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      let existing = tx.selectFrom('blocks').selectAll().where('customer_id', '=', input.customerId).where('target', '=', input.target).where('origin', '=', input.origin).where('lifted_at', 'is', null);
      existing = subjectId === null ? existing.where('subject_id', 'is', null) : existing.where('subject_id', '=', subjectId);
      return existing.executeTakeFirstOrThrow();
    }
    await appendAudit(tx, {
      at,
      actor: input.by,
      action: 'block.created',
      customerId: input.customerId,
      subject: `block:${inserted.id}`,
      details: { target: input.target, subjectId, origin: input.origin, reason: input.reason },
    });
    return inserted;
  });
}

export interface LiftRequest {
  customerId: string;
  target: BlockTarget;
  /** Only the blocks on this subject; all of the target's blocks when absent. */
  subjectId?: string;
  /** Only the blocks of this origin (a branch lifting what the contact centre set); all when absent. */
  origin?: BlockOrigin;
  channel: LiftChannel;
  by: string;
}

/**
 * Lifts the active blocks the channel may lift; the others stay, and are returned as `kept`.
 * One statement: the lift is an update conditional on the block still being active (a
 * concurrent lift that won waits us out and records the audit, not us), and the kept ones are
 * read beside it. Both lists oldest first.
 */
export function liftBlocks(ex: Executor, deps: ClockDeps, req: LiftRequest): Promise<{ lifted: Block[]; kept: Block[] }> {
  return inTransaction(ex, async (tx) => {
    const at = deps.clock.now();
    const liftable = BLOCK_ORIGINS.filter((origin) => canLift({ origin, target: req.target }, req.channel));
    const active = (eb: ExpressionBuilder<DB, 'blocks'>) =>
      eb.and([
        eb('customer_id', '=', req.customerId),
        eb('target', '=', req.target),
        eb('lifted_at', 'is', null),
        ...(req.subjectId !== undefined ? [eb('subject_id', '=', req.subjectId)] : []),
        ...(req.origin !== undefined ? [eb('origin', '=', req.origin)] : []),
      ]);
    const rows = await tx
      .with('lifted', (db) => {
        const update = db.updateTable('blocks').set({ lifted_at: at, lifted_by: req.by, lifted_channel: req.channel }).where(active);
        return (liftable.length > 0 ? update.where('origin', 'in', liftable) : update.where(sql<boolean>`false`)).returningAll();
      })
      .selectFrom('lifted')
      .selectAll()
      .select(sql<boolean>`true`.as('was_lifted'))
      .unionAll((db) => {
        const kept = db.selectFrom('blocks').selectAll().select(sql<boolean>`false`.as('was_lifted')).where(active);
        return liftable.length > 0 ? kept.where('origin', 'not in', liftable) : kept;
      })
      .execute();
    const oldestFirst = (x: Block, y: Block) => x.created_at.getTime() - y.created_at.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
    const strip = ({ was_lifted: _, ...block }: (typeof rows)[number]): Block => block;
    const lifted = rows.filter((r) => r.was_lifted).map(strip).sort(oldestFirst);
    const kept = rows.filter((r) => !r.was_lifted).map(strip).sort(oldestFirst);
    for (const row of lifted) {
      await appendAudit(tx, {
        at,
        actor: req.by,
        action: 'block.lifted',
        customerId: req.customerId,
        subject: `block:${row.id}`,
        details: { target: row.target, subjectId: row.subject_id, origin: row.origin, channel: req.channel },
      });
    }
    return { lifted, kept };
  });
}

/** The customer's active blocks, oldest first. */
export function activeBlocks(ex: Executor, customerId: string): Promise<Block[]> {
  return ex.selectFrom('blocks').selectAll().where('customer_id', '=', customerId).where('lifted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
}

/**
 * Whether the contact centre has blocked the customer (the "BLOQUEO CAE"), on any target.
 * The read-only profile is a separate fact, read from the online-banking user.
 */
export async function hasContactCentreBlock(ex: Executor, customerId: string): Promise<boolean> {
  const row = await ex.selectFrom('blocks').select('id').where('customer_id', '=', customerId).where('origin', '=', 'contact_centre').where('lifted_at', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

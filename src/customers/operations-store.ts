import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.ts';
import type { Executor, Tx } from '../platform/db/database.ts';
import type { Operation } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { LiftChannel } from './blocks.ts';
import { createBlock, liftBlocks } from './blocks-store.ts';
import { checkMoney, isOperationReference, newOperationReference } from './operations.ts';
import { inTransaction, isUuid, type ClockDeps } from './store-support.ts';

export interface NewOperation {
  customerId: string;
  kind: string;
  description: string;
  details?: Record<string, unknown>;
  amountCents?: number | null;
  currency?: string | null;
  beneficiary?: string | null;
  status: 'pending_signature' | 'held';
  /** Required when the operation starts held: why the fraud rule held it. */
  heldReason?: string;
  by: string;
}

// A collision among 90 million references is rare; a handful of retries makes it vanish.
const REFERENCE_TRIES = 8;

export interface OperationDeps extends ClockDeps {
  /** Where references come from; the CSPRNG unless a test forces a collision. */
  newReference?: () => string;
}

/** Creates an operation with a fresh unique reference; a held one also gets its `operation` block. */
export async function createOperation(ex: Executor, deps: OperationDeps, input: NewOperation): Promise<Operation> {
  const nextReference = deps.newReference ?? newOperationReference;
  checkMoney(input);
  if (input.status === 'held' && !input.heldReason) throw new AppError('validation', 'a held operation needs the reason it is held');
  return inTransaction(ex, async (tx) => {
    const at = deps.clock.now();
    const id = randomUUID();
    for (let i = 0; i < REFERENCE_TRIES; i++) {
      const row = await tx
        .insertInto('operations')
        .values({
          id,
          reference: nextReference(),
          customer_id: input.customerId,
          kind: input.kind,
          description: input.description,
          details: JSON.stringify(input.details ?? {}),
          amount_cents: input.amountCents ?? null,
          currency: input.currency ?? null,
          beneficiary: input.beneficiary ?? null,
          status: input.status,
          held_reason: input.status === 'held' ? input.heldReason! : null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('reference').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) continue;
      await appendAudit(tx, { at, actor: input.by, action: 'operation.created', customerId: input.customerId, subject: `operation:${id}`, details: { reference: row.reference, kind: row.kind, status: row.status } });
      if (row.status === 'held') await blockHeld(tx, deps, row, input.heldReason!, input.by);
      return row;
    }
    throw new AppError('unavailable', 'could not allocate an operation reference');
  });
}

/** The customer's operation with this reference; undefined for another customer's or a malformed one. */
export function findOperationByReference(ex: Executor, customerId: string, reference: string): Promise<Operation | undefined> {
  if (!isOperationReference(reference)) return Promise.resolve(undefined);
  return ex.selectFrom('operations').selectAll().where('customer_id', '=', customerId).where('reference', '=', reference).executeTakeFirst();
}

async function blockHeld(tx: Tx, deps: ClockDeps, op: Operation, reason: string, by: string): Promise<void> {
  await createBlock(tx, deps, { customerId: op.customer_id, target: 'operation', subjectId: op.id, origin: 'fraud_rule', reason, by });
  await appendAudit(tx, { at: deps.clock.now(), actor: by, action: 'operation.held', customerId: op.customer_id, subject: `operation:${op.id}`, details: { reference: op.reference, reason } });
}

async function lockOperation(tx: Tx, operationId: string): Promise<Operation> {
  const op = isUuid(operationId) ? await tx.selectFrom('operations').selectAll().where('id', '=', operationId).forUpdate().executeTakeFirst() : undefined;
  if (!op) throw new AppError('not_found', 'no such operation');
  return op;
}

/** Holds an operation awaiting signature (a fraud rule fired): status `held` plus an `operation` block. */
export function holdOperation(ex: Executor, deps: ClockDeps, input: { operationId: string; reason: string; by: string }): Promise<Operation> {
  return inTransaction(ex, async (tx) => {
    const op = await lockOperation(tx, input.operationId);
    if (op.status === 'held') return op;
    if (op.status !== 'pending_signature') throw new AppError('conflict', `an operation in status ${op.status} cannot be held`);
    const held = await tx.updateTable('operations').set({ status: 'held', held_reason: input.reason, updated_at: deps.clock.now() }).where('id', '=', op.id).returningAll().executeTakeFirstOrThrow();
    await blockHeld(tx, deps, held, input.reason, input.by);
    return held;
  });
}

/**
 * Releases a held operation back to `pending_signature` when the channel may lift every block on
 * it; otherwise it stays held (`released: false`), e.g. a branch's block asked from the IVR.
 */
export function releaseOperation(ex: Executor, deps: ClockDeps, input: { operationId: string; channel: LiftChannel; by: string }): Promise<{ released: boolean; operation: Operation }> {
  return inTransaction(ex, async (tx) => {
    const op = await lockOperation(tx, input.operationId);
    if (op.status !== 'held') return { released: false, operation: op };
    const { kept } = await liftBlocks(tx, deps, { customerId: op.customer_id, target: 'operation', subjectId: op.id, channel: input.channel, by: input.by });
    if (kept.length > 0) return { released: false, operation: op };
    const at = deps.clock.now();
    const operation = await tx.updateTable('operations').set({ status: 'pending_signature', held_reason: null, updated_at: at }).where('id', '=', op.id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(tx, { at, actor: input.by, action: 'operation.released', customerId: op.customer_id, subject: `operation:${op.id}`, details: { reference: op.reference, channel: input.channel } });
    return { released: true, operation };
  });
}

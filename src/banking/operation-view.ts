import { phoneEnding } from '../customers/mask.ts';
import type { Operation } from '../platform/db/schema.ts';
import { centsToAmount } from './money.ts';

/** An operation as the online-banking page shows it; no code, hash or internal block id. */
export interface OperationView {
  id: string;
  reference: string;
  kind: string;
  description: string;
  status: Operation['status'];
  amount?: string;
  currency?: string;
  beneficiary?: string;
  iban?: string;
  concept?: string;
  createdAt: string;
  heldReason?: string;
  /** Last three digits of the phone the signing code goes to ("acabado en 032", seed 001). */
  mobileEnding: string | null;
}

export function operationView(op: Operation, mobile: string | null): OperationView {
  const details = (op.details ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    id: op.id,
    reference: op.reference,
    kind: op.kind,
    description: op.description,
    status: op.status,
    ...(op.amount_cents !== null ? { amount: centsToAmount(op.amount_cents), currency: op.currency ?? 'EUR' } : {}),
    ...(op.beneficiary ? { beneficiary: op.beneficiary } : {}),
    ...(text(details.iban) ? { iban: text(details.iban) } : {}),
    ...(text(details.concept) ? { concept: text(details.concept) } : {}),
    createdAt: op.created_at.toISOString(),
    ...(op.status === 'held' && op.held_reason ? { heldReason: op.held_reason } : {}),
    mobileEnding: mobile ? phoneEnding(mobile) : null,
  };
}

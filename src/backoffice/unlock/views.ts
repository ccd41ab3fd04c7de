import { Type, type Static } from 'typebox';
import { Nullable } from '../cases/views.ts';
import type { UnlockRequest } from './schema.ts';

/** What the unlock routes answer about a request: who asked, what was seen, what was decided and done. */
const Iso = Type.String({ format: 'date-time' });
export const RequestView = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  customerName: Type.String(),
  caseId: Nullable(Type.String()),
  caseNumber: Nullable(Type.Integer()),
  officeCode: Type.String(),
  document: Type.Object({ type: Type.String(), masked: Type.String({ description: 'The document seen, its last four characters only' }) }),
  note: Nullable(Type.String()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('rejected')]),
  requestedBy: Type.String(),
  requestedAt: Iso,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Iso),
  decisionReason: Nullable(Type.String()),
  result: Type.Record(Type.String(), Type.Unknown(), { description: 'The steps done, whether the customer was told, whether the case closed' }),
});
export type RequestView = Static<typeof RequestView>;

const iso = (d: Date | string) => new Date(d).toISOString();

export function requestView(r: UnlockRequest & { customer_name: string; case_number: unknown }): RequestView {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    caseId: r.case_id,
    caseNumber: r.case_number === null || r.case_number === undefined ? null : Number(r.case_number),
    officeCode: r.office_code,
    document: { type: r.document_type, masked: r.document_masked },
    note: r.note,
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: iso(r.requested_at),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
    decisionReason: r.decision_reason,
    result: r.result,
  };
}

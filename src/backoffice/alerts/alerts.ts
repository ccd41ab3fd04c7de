import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/audit.ts';
import { findCustomerByDocument } from '../../customers/customers-store.ts';
import { exceedsDepth } from '../../platform/json-depth.ts';
import { findOperationByReference } from '../../customers/operations-store.ts';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import type { DocumentType } from '../../platform/db/schema.ts';
import { inTransaction } from '../../customers/store-support.ts';
import { appendCaseEvent, createCase, lockCase } from '../cases/store.ts';
import { dedupeTarget } from './dedupe.ts';
import type { AlertDeps } from '../deps.ts';
import { backofficeError } from '../errors.ts';
import type { Alert, BackofficeTables, Case } from '../schema.ts';

/**
 * Alert ingestion, one path for the fraud engine (`POST /api/alerts`), the built-in rules of
 * online banking and the demo: idempotent on source + the source's alert id, deduplicated per
 * seed 002 (`dedupe.ts`), each alert on its case's timeline and in the audit log.
 *
 * Concurrency: the alerts of one customer are serialised by a transaction-scoped advisory lock,
 * so two posts of one alert (or two alerts of one situation) racing on many instances make one
 * alert and one case; the unique (source, source_alert_id) is the last guard.
 */
export interface NewAlert {
  source: string;
  sourceAlertId: string;
  customerId: string;
  operationId: string | null;
  situation: string;
  details?: Record<string, unknown>;
  /** Who the timeline and the audit name: `alert-source:<id>`, or `system` for the built-in rules. */
  actor: string;
}

export interface AlertResult {
  alert: Alert;
  case: Case;
  /** False when this post repeats one already received (the same ids are answered). */
  created: boolean;
  /** True when the alert joined an open case instead of opening one. */
  joined: boolean;
}

const bo = (ex: Executor) => ex.withTables<BackofficeTables>();

/**
 * Takes the lock that serialises the alerts of one customer. The built-in rule takes it before
 * its transaction writes any audit row, so every path takes this lock before the audit log's:
 * two paths taking them in opposite orders could deadlock.
 */
export async function lockCustomerAlerts(tx: Tx, customerId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`alerts:${customerId}`}))`.execute(tx);
}

/** Raised when the same source alert id names another customer, operation or situation. */
function reused(existing: Alert): Error {
  return backofficeError('alert_id_reused', `alert ${existing.source_alert_id} of ${existing.source} was received with other data`);
}

/** Records an alert on its case (joined or new) in the caller's transaction. */
export function raiseAlert(ex: Executor, deps: AlertDeps, input: NewAlert): Promise<AlertResult> {
  return inTransaction(ex, async (tx) => {
    await lockCustomerAlerts(tx, input.customerId);
    const existing = await bo(tx).selectFrom('alerts').selectAll().where('source', '=', input.source).where('source_alert_id', '=', input.sourceAlertId).executeTakeFirst();
    if (existing) {
      if (existing.customer_id !== input.customerId || existing.operation_id !== input.operationId || existing.situation !== input.situation) throw reused(existing);
      return { alert: existing, case: (await bo(tx).selectFrom('cases').selectAll().where('id', '=', existing.case_id).executeTakeFirstOrThrow()), created: false, joined: false };
    }
    const receivedAt = deps.clock.now();
    const candidates = await bo(tx)
      .selectFrom('cases')
      .innerJoin('alerts', 'alerts.case_id', 'cases.id')
      .select(['cases.id as caseId', 'cases.situation', 'cases.operation_id as operationId', 'cases.status'])
      .select((eb) => eb.fn.max('alerts.received_at').as('lastAlertAt'))
      .where('cases.customer_id', '=', input.customerId)
      .where('cases.kind', '=', 'alert')
      .where('cases.situation', '=', input.situation)
      .where('cases.status', '<>', 'closed')
      .groupBy(['cases.id', 'cases.situation', 'cases.operation_id', 'cases.status'])
      .execute();
    const window = deps.config.backoffice.dedupeWindowMinutes;
    const targetId = dedupeTarget({ situation: input.situation, operationId: input.operationId, receivedAt }, candidates.map((c) => ({ ...c, lastAlertAt: new Date(c.lastAlertAt) })), window);
    // The case may have closed since it was read (closing does not take the customer's lock).
    let target = targetId ? await lockCase(tx, targetId) : undefined;
    if (target?.status === 'closed') target = undefined;
    const joined = target !== undefined;
    const previousCaseId = target ? null : await earlierClosedCase(tx, input.customerId, input.situation);
    const theCase = target ?? (await createCase(tx, deps, { kind: 'alert', customerId: input.customerId, situation: input.situation, operationId: input.operationId, previousCaseId, actor: input.actor }));
    const alert = await bo(tx)
      .insertInto('alerts')
      .values({ id: randomUUID(), source: input.source, source_alert_id: input.sourceAlertId, customer_id: input.customerId, operation_id: input.operationId, situation: input.situation, details: JSON.stringify(input.details ?? {}), received_at: receivedAt, case_id: theCase.id })
      .onConflict((oc) => oc.columns(['source', 'source_alert_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    // Only another customer's alert under the same id gets here (one customer's are serialised).
    if (!alert) throw new AlertRace();
    await appendCaseEvent(tx, deps, theCase.id, input.actor, 'alert_received', { alertId: alert.id, source: alert.source, sourceAlertId: alert.source_alert_id, situation: alert.situation, joined });
    await appendAudit(tx, { at: receivedAt, actor: input.actor, action: 'alert.received', customerId: input.customerId, subject: `alert:${alert.id}`, details: { source: alert.source, sourceAlertId: alert.source_alert_id, situation: alert.situation, caseNumber: theCase.number, joined } });
    return { alert, case: theCase, created: true, joined };
  });
}

/**
 * The customer's latest closed alert case of the same situation: a new alert after it opens a
 * case linked to it (issue 13), so the agent sees it is not the first time.
 */
async function earlierClosedCase(tx: Tx, customerId: string, situation: string): Promise<string | null> {
  const row = await bo(tx)
    .selectFrom('cases')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'alert')
    .where('situation', '=', situation)
    .where('status', '=', 'closed')
    .orderBy('closed_at', 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Two posts of one alert id for different customers crossed; the retry answers the loser. */
class AlertRace extends Error {}

/** An alert as a source posts it: the customer by externalId or document, the operation by reference. */
export interface AlertPost {
  sourceAlertId: string;
  customer: { externalId: string } | { documentType: DocumentType; document: string };
  operationReference?: string | undefined;
  situation: string;
  details?: Record<string, unknown> | undefined;
}

/** Largest `details` object kept, as JSON. */
export const MAX_DETAILS_BYTES = 8192;
/** Deepest `details` kept: the object itself is one level (issue 14, finding 17: ~5000 deep overflowed the stack). */
export const MAX_DETAILS_DEPTH = 8;

/** Receives a post of an authenticated source in its own transaction (retried once on a cross-customer race). */
export async function receiveAlert(db: Db, deps: AlertDeps, source: string, post: AlertPost): Promise<AlertResult> {
  if (exceedsDepth(post.details ?? {}, MAX_DETAILS_DEPTH)) throw backofficeError('details_too_deep', `details nest at most ${MAX_DETAILS_DEPTH} levels of objects and arrays`);
  if (Buffer.byteLength(JSON.stringify(post.details ?? {})) > MAX_DETAILS_BYTES) throw backofficeError('details_too_large', `details take at most ${MAX_DETAILS_BYTES} bytes of JSON`);
  const attempt = () =>
    inTransaction(db, async (tx) => {
      const customer =
        'externalId' in post.customer
          ? await tx.selectFrom('customers').selectAll().where('external_id', '=', post.customer.externalId).executeTakeFirst()
          : await findCustomerByDocument(tx, post.customer.documentType, post.customer.document);
      if (!customer) throw backofficeError('unknown_customer', 'no customer with that externalId or document');
      let operationId: string | null = null;
      if (post.operationReference !== undefined) {
        const op = await findOperationByReference(tx, customer.id, post.operationReference);
        if (!op) throw backofficeError('unknown_operation', 'no operation of this customer with that reference');
        operationId = op.id;
      }
      return raiseAlert(tx, deps, { source, sourceAlertId: post.sourceAlertId, customerId: customer.id, operationId, situation: post.situation, details: post.details ?? {}, actor: `alert-source:${source}` });
    });
  try {
    return await attempt();
  } catch (err) {
    if (!(err instanceof AlertRace) && (err as { code?: string }).code !== '23505') throw err;
    return attempt();
  }
}

import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/audit.ts';
import type { BackofficeConfig } from '../../config/config.ts';
import { maskEmail } from '../../customers/mask.ts';
import { inTransaction, isUuid } from '../../customers/store-support.ts';
import { enqueueComposedEmail, type EnqueueDeps } from '../../notify/outbox.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { Customer, OfficesTable } from '../../platform/db/schema.ts';
import { cleanText } from '../cases/rules.ts';
import { appendCaseEvent, lockCase, type CaseDeps } from '../cases/store.ts';
import { configFile } from '../deps.ts';
import { loadMacros, renderMacro } from './macros.ts';
import { PLAYBOOK, type MacroId } from './playbook.ts';
import { playbookError } from './errors.ts';
import type { BackofficeTables, Case, EmailDraftsTable } from '../schema.ts';
import type { Selectable } from 'kysely';

/**
 * The email drafts the macros create (seed 002: "La macro no envía el correo, debemos enviarlo
 * nosotros. Antes de enviarlo, pondremos en copia a la oficina del cliente (en caso de ser una
 * oficina virtual pondremos en copia la dirección oficina8732@grupocajamar.com)"). A draft is
 * addressed to the customer with the office in copy; the agent may edit its subject and text,
 * and it leaves only when the agent sends it, through the outbox, once.
 */
export type DraftDeps = CaseDeps & Pick<EnqueueDeps, 'sealer'> & { config: { backoffice: Pick<BackofficeConfig, 'macrosFile'> } };
export type EmailDraft = Selectable<EmailDraftsTable>;

const bo = (ex: Executor) => ex.withTables<BackofficeTables>();
export const MAX_SUBJECT = 200;
export const MAX_BODY = 20_000;

export interface DraftView {
  id: string;
  caseId: string;
  macro: string;
  macroName: string;
  audience: 'customer' | 'office';
  /** Masked (`ma*****@example.com`): the agent sends it, and need not read the customer's address. */
  to: string;
  cc: string[];
  subject: string;
  body: string;
  locale: string;
  status: 'draft' | 'sent';
  createdAt: string;
  sentAt: string | null;
  sentBy: string | null;
}

export function draftView(row: EmailDraft, deps: DraftDeps): DraftView {
  const macros = loadMacros(configFile(deps.config.backoffice.macrosFile, 'macros.json'));
  return {
    id: row.id,
    caseId: row.case_id,
    macro: row.macro,
    macroName: macros[row.macro as MacroId]?.name ?? row.macro,
    audience: row.audience,
    to: row.audience === 'customer' ? maskEmail(row.recipient) : row.recipient,
    cc: row.cc,
    subject: row.subject,
    body: row.body,
    locale: row.locale,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    sentBy: row.sent_by,
  };
}

/** The office's address in copy: the virtual office's of the seed for its customers, else the branch's. */
export function officeCopy(office: Pick<OfficesTable, 'kind' | 'email'>): string {
  return office.kind === 'virtual' ? PLAYBOOK.virtualOffice.email : office.email;
}

/** How the customer reaches their office, as the email says it. */
const officeContact = (office: Pick<OfficesTable, 'name' | 'code' | 'phone'>) => `${office.name} (${office.code})${office.phone ? `, ${office.phone}` : ''}`;

/**
 * Applies a macro on a case: one draft to the customer, in their language, with the office in
 * copy. A customer without an email gets the draft addressed to the office instead (it holds the
 * unlock instructions, and the office reaches the customer).
 */
export async function createMacroDraft(
  tx: Tx,
  deps: DraftDeps,
  input: { case: Case; customer: Customer; office: Pick<OfficesTable, 'code' | 'name' | 'kind' | 'email' | 'phone'>; macro: MacroId; actor: string },
): Promise<EmailDraft> {
  const template = loadMacros(configFile(deps.config.backoffice.macrosFile, 'macros.json'))[input.macro];
  const locale = input.customer.locale;
  const rendered = renderMacro(template, locale, {
    customerName: input.customer.name,
    caseNumber: String(input.case.number),
    officeCode: input.office.code,
    officeName: input.office.name,
    officeContact: officeContact(input.office),
  });
  const copy = officeCopy(input.office);
  const toCustomer = input.customer.email !== null && input.customer.email.trim() !== '';
  const at = deps.clock.now();
  const draft = await bo(tx)
    .insertInto('email_drafts')
    .values({
      id: randomUUID(),
      case_id: input.case.id,
      macro: input.macro,
      audience: toCustomer ? 'customer' : 'office',
      recipient: toCustomer ? input.customer.email!.trim() : copy,
      cc: JSON.stringify(toCustomer ? [copy] : []),
      subject: rendered.subject,
      body: rendered.body,
      locale,
      status: 'draft',
      created_at: at,
      sent_at: null,
      sent_by: null,
      outbox_ids: JSON.stringify([]),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendCaseEvent(tx, deps, input.case.id, input.actor, 'macro_applied', { macro: input.macro, macroName: template.name, draftId: draft.id, cc: draft.cc });
  return draft;
}

export async function getDraft(ex: Executor, id: string): Promise<EmailDraft | undefined> {
  if (!isUuid(id)) return undefined;
  return bo(ex).selectFrom('email_drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listDrafts(ex: Executor, caseId: string): Promise<EmailDraft[]> {
  return bo(ex).selectFrom('email_drafts').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

/** Whether every draft of the list has been sent. */
export async function allSent(ex: Executor, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const rows = await bo(ex).selectFrom('email_drafts').select('status').where('id', 'in', [...ids]).execute();
  return rows.length === ids.length && rows.every((r) => r.status === 'sent');
}

async function lockDraft(tx: Tx, id: string): Promise<EmailDraft> {
  const found = await getDraft(tx, id);
  if (!found) throw playbookError('draft_not_found', 'no such draft');
  // The case first, then the draft: the order every change of a case takes its locks in.
  await lockCase(tx, found.case_id);
  return bo(tx).selectFrom('email_drafts').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

/** Edits the subject and/or the text of a draft not yet sent; recipients stay as the seed sets them. */
export function updateDraft(ex: Executor, deps: DraftDeps, id: string, change: { subject?: string; body?: string }, actor: string): Promise<EmailDraft> {
  return inTransaction(ex, async (tx) => {
    const draft = await lockDraft(tx, id);
    if (draft.status === 'sent') throw playbookError('draft_sent', 'a sent email cannot be changed');
    const subject = change.subject === undefined ? draft.subject : cleanText(change.subject).replace(/\s*\n\s*/g, ' ');
    const body = change.body === undefined ? draft.body : cleanText(change.body);
    if (subject === '' || body === '') throw playbookError('draft_empty', 'subject and text must not be empty');
    if (subject.length > MAX_SUBJECT || body.length > MAX_BODY) throw playbookError('draft_empty', `at most ${MAX_SUBJECT} characters of subject and ${MAX_BODY} of text`);
    if (subject === draft.subject && body === draft.body) return draft;
    const updated = await bo(tx).updateTable('email_drafts').set({ subject, body }).where('id', '=', draft.id).returningAll().executeTakeFirstOrThrow();
    await appendCaseEvent(tx, deps, draft.case_id, actor, 'draft_edited', { draftId: draft.id, subjectChanged: subject !== draft.subject, bodyChanged: body !== draft.body });
    return updated;
  });
}

/**
 * Sends a draft through the outbox, with its copies, in one transaction with its status: two
 * sends racing make one message; sending a sent draft answers it as it is (`sentNow: false`).
 */
export function sendDraft(ex: Executor, deps: DraftDeps, id: string, actor: string): Promise<{ draft: EmailDraft; sentNow: boolean }> {
  return inTransaction(ex, async (tx) => {
    const draft = await lockDraft(tx, id);
    if (draft.status === 'sent') return { draft, sentNow: false };
    const row = await bo(tx).selectFrom('cases').select('customer_id').where('id', '=', draft.case_id).executeTakeFirstOrThrow();
    const message = await enqueueComposedEmail(tx, deps, {
      to: draft.recipient,
      cc: draft.cc,
      subject: draft.subject,
      body: draft.body,
      locale: draft.locale === 'en' ? 'en' : 'es',
      source: `macro.${draft.macro}`,
      customerId: row.customer_id,
    });
    const at = deps.clock.now();
    const sent = await bo(tx)
      .updateTable('email_drafts')
      .set({ status: 'sent', sent_at: at, sent_by: actor, outbox_ids: JSON.stringify([message.id]) })
      .where('id', '=', draft.id)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirstOrThrow();
    const data = { draftId: draft.id, macro: draft.macro, outboxId: message.id, cc: draft.cc };
    await appendCaseEvent(tx, deps, draft.case_id, actor, 'draft_sent', data);
    await appendAudit(tx, { at, actor, action: 'email_draft.sent', customerId: row.customer_id, subject: `case:${draft.case_id}`, details: data });
    return { draft: sent, sentNow: true };
  });
}

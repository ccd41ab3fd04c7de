import { createBlock } from '../../customers/blocks-store.ts';
import { setProfile, unlinkDevicesLinkedSince } from '../../customers/credentials-store.ts';
import { t, type Locale } from '../../i18n/catalogue.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Customer, OfficesTable } from '../../platform/db/schema.ts';
import { officeQueue } from '../access.ts';
import { addMention, assignCase, closeCase, createCase, linkToMainCase, setCaseCategory, setCaseStatus, getCase } from '../cases/store.ts';
import { allSent, createMacroDraft, type DraftDeps } from './drafts.ts';
import { createFraudTask } from '../fraud/store.ts';
import { PLAYBOOK, type PlaybookAction, type PlaybookStep } from './playbook.ts';
import type { BackofficeConfig } from '../../config/config.ts';
import type { BackofficeTables, Case, Outcome } from '../schema.ts';

/**
 * What each playbook action does, through the domain: blocks through the blocks store, the
 * profile and devices through the credentials store, cases, links, mentions and status through
 * the cases store, macros through the drafts. Each runs inside the step's transaction, with the
 * row that records the step, so a step is either wholly done and recorded or not at all;
 * running it again after a failure is safe.
 */
export type ActionDeps = DraftDeps & { config: { backoffice: Pick<BackofficeConfig, 'recentDeviceDays' | 'macrosFile' | 'outcomeCategories'>; defaultLocale: Locale } };

export interface ActionContext {
  tx: Tx;
  deps: ActionDeps;
  actor: string;
  outcome: Outcome;
  alertCase: Case;
  /** The main case once `create_main_case` has run. */
  mainCase: Case | null;
  customer: Customer;
  office: Pick<OfficesTable, 'code' | 'name' | 'kind' | 'email' | 'phone'>;
  closingComment: string;
  /** The category the run closes its cases with (the main case gets it when it is opened). */
  category: string;
  /** Results of the steps done so far, by step number. */
  results: ReadonlyMap<number, Record<string, unknown>>;
  /** Labels of the steps done so far (in the internal language), for "la gestión realizada". */
  doneLabels: readonly string[];
}

/** An action's answer: its result (recorded on the step), or `wait` to leave the run waiting for the agent. */
export type ActionResult = { done: Record<string, unknown> } | { wait: Record<string, unknown> };
type Action = (ctx: ActionContext, step: PlaybookStep) => Promise<ActionResult>;

const locale = (ctx: ActionContext) => ctx.deps.config.defaultLocale;
const outcomeTitle = (ctx: ActionContext) => t(`backoffice.outcome.${ctx.outcome}`, locale(ctx));
const caseNumber = (ctx: ActionContext) => String((ctx.mainCase ?? ctx.alertCase).number);
const blockReason = (ctx: ActionContext) => t('playbook.block.reason', locale(ctx), { caseNumber: String(ctx.alertCase.number), outcome: outcomeTitle(ctx) });

function target(ctx: ActionContext, step: PlaybookStep): Case {
  if (step.on !== 'main') return ctx.alertCase;
  if (!ctx.mainCase) throw new Error(`step ${step.action} needs the main case, which no earlier step created`);
  return ctx.mainCase;
}

const block = (kind: 'signature' | 'access', what: string): Action => async (ctx) => {
  const b = await createBlock(ctx.tx, ctx.deps, { customerId: ctx.customer.id, target: kind, origin: 'contact_centre', reason: `${what}: ${blockReason(ctx)}`, by: ctx.actor });
  return { done: { blockId: b.id, target: b.target, origin: b.origin } };
};

/** The draft ids the macro of this run created (the `apply_macro` step's result). */
function macroDrafts(ctx: ActionContext): string[] {
  return [...ctx.results.values()].flatMap((r) => (Array.isArray(r.draftIds) ? (r.draftIds as string[]) : []));
}

/** How a step closes a case: with the outcome, and the case's own category (the run's when it has none). */
const closing = (ctx: ActionContext, c: Case) => ({ outcome: ctx.outcome, category: c.category ?? ctx.category });

async function mention(ctx: ActionContext, step: PlaybookStep, to: { kind: 'office' | 'manager'; id: string }) {
  const text = t(step.mention ?? 'playbook.mention.done', locale(ctx), { caseNumber: caseNumber(ctx), outcome: outcomeTitle(ctx), done: ctx.doneLabels.join(', ') });
  const m = await addMention(ctx.tx, ctx.deps, target(ctx, step).id, to, text, ctx.actor);
  return { done: { mentionId: m.id, targetKind: to.kind, targetId: to.id } };
}

export const ACTIONS: Readonly<Record<PlaybookAction, Action>> = {
  say: async (_ctx, step) => ({ done: { say: step.say } }),

  block_signature: block('signature', 'BLOQUEO DE FIRMA'),
  block_cae: block('access', 'BLOQUEO CAE'),
  // In this model the online-banking block the contact centre sets from "CLAVES BE" is the same
  // record as the CAE block (access, origin contact centre): only a branch lifts either.
  block_access: block('access', 'BLOQUEO DE BANCA ELECTRÓNICA'),

  set_profile_read_only: async (ctx) => {
    await setProfile(ctx.tx, ctx.deps, ctx.customer.id, 'read_only', ctx.actor);
    return { done: { profile: 'read_only' } };
  },

  start_fraud_protocol: async (ctx) => {
    const note = t('playbook.fraudTask.note', locale(ctx), { caseNumber: String(ctx.alertCase.number) });
    const task = await createFraudTask(ctx.tx, ctx.deps, { caseId: ctx.alertCase.id, customerId: ctx.customer.id, kind: 'online_fraud_protocol', note, actor: ctx.actor });
    return { done: { fraudTaskId: task.id } };
  },

  unlink_recent_devices: async (ctx) => {
    // "Recent" counts back from the case's first alert, not from now: a device linked after the
    // alert is unlinked too (it was not the customer's before the fraud).
    const first = await ctx.tx.withTables<BackofficeTables>().selectFrom('alerts').select((eb) => eb.fn.min('received_at').as('at')).where('case_id', '=', ctx.alertCase.id).executeTakeFirst();
    const alertAt = first?.at ? new Date(first.at) : ctx.alertCase.opened_at;
    const since = new Date(alertAt.getTime() - ctx.deps.config.backoffice.recentDeviceDays * 86_400_000);
    const reason = t('playbook.devices.reason', locale(ctx), { caseNumber: String(ctx.alertCase.number) });
    const devices = await unlinkDevicesLinkedSince(ctx.tx, ctx.deps, ctx.customer.id, since, ctx.actor, reason);
    return { done: { since: since.toISOString(), unlinked: devices.map((d) => ({ id: d.id, name: d.name })) } };
  },

  create_main_case: async (ctx) => {
    const main = await createCase(ctx.tx, ctx.deps, { kind: 'main', customerId: ctx.customer.id, operationId: ctx.alertCase.operation_id, status: 'in_progress', actor: ctx.actor });
    // Owned by the agent who opened it and sends its email, until it moves to an office's queue.
    await assignCase(ctx.tx, ctx.deps, main.id, { owner: ctx.actor }, ctx.actor);
    // Categorised as the run's outcome from the start; the agent may change it before it closes.
    await setCaseCategory(ctx.tx, ctx.deps, main.id, ctx.category, ctx.actor, { outcome: ctx.outcome });
    return { done: { mainCaseId: main.id, mainNumber: main.number } };
  },

  link_and_close_alert_case: async (ctx, step) => {
    const main = ctx.mainCase;
    if (!main) throw new Error('link_and_close_alert_case needs the main case');
    await linkToMainCase(ctx.tx, ctx.deps, ctx.alertCase.id, main.id, ctx.actor);
    const linked = t('playbook.close.linked', locale(ctx), { caseNumber: String(main.number) });
    await closeCase(ctx.tx, ctx.deps, target(ctx, step).id, `${ctx.closingComment}\n\n${linked}`, ctx.actor, closing(ctx, target(ctx, step)));
    return { done: { linkedTo: main.id } };
  },

  apply_macro: async (ctx, step) => {
    if (!step.macro) throw new Error('apply_macro needs its macro');
    const draft = await createMacroDraft(ctx.tx, ctx.deps, { case: target(ctx, step), customer: ctx.customer, office: ctx.office, macro: step.macro, actor: ctx.actor });
    return { done: { macro: step.macro, draftIds: [draft.id] } };
  },

  await_email_sent: async (ctx) => {
    const drafts = macroDrafts(ctx);
    return (await allSent(ctx.tx, drafts)) ? { done: { sent: drafts } } : { wait: { draftIds: drafts } };
  },

  set_pending_customer: async (ctx, step) => {
    const reason = t(step.pendingReason ?? 'playbook.pending.cae_block', locale(ctx));
    await setCaseStatus(ctx.tx, ctx.deps, target(ctx, step).id, 'pending_customer', ctx.actor, { pendingReason: reason });
    return { done: { pendingReason: reason } };
  },

  assign_office_queue: async (ctx, step) => {
    const queue = officeQueue(ctx.customer.office_code);
    // The office takes it from its queue: the contact centre's agent no longer owns it.
    await assignCase(ctx.tx, ctx.deps, target(ctx, step).id, { queue, owner: null }, ctx.actor);
    return { done: { queue } };
  },

  mention_office: (ctx, step) => mention(ctx, step, { kind: 'office', id: ctx.office.kind === 'virtual' ? PLAYBOOK.virtualOffice.code : ctx.office.code }),

  mention_manager: async (ctx, step) => (ctx.customer.manager_id ? mention(ctx, step, { kind: 'manager', id: ctx.customer.manager_id }) : { done: { skipped: 'no_manager' } }),

  close_case: async (ctx, step) => {
    const closed = await closeCase(ctx.tx, ctx.deps, target(ctx, step).id, ctx.closingComment, ctx.actor, closing(ctx, target(ctx, step)));
    return { done: { closed: closed.id } };
  },
};

/** Re-reads a case inside the step's transaction (after an earlier step changed it). */
export async function freshCase(tx: Tx, id: string): Promise<Case> {
  const row = await getCase(tx, id);
  if (!row) throw new Error(`case ${id} vanished`);
  return row;
}

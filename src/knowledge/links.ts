import type { PlaybookAction } from '../backoffice/playbook/playbook.ts';
import type { Outcome } from '../backoffice/schema.ts';
import type { ArticleId } from './articles.ts';

/**
 * Which article explains each part of the console (pure data, imported by the web app too): the
 * playbook's steps by action, its outcomes, and the panels of a case. A step whose action has no
 * article of its own (`say`) links to its outcome's article, where the step is read in context.
 */
export const ARTICLE_BY_OUTCOME: Readonly<Record<Outcome, ArticleId>> = {
  confirmed: 'outcome-confirmed',
  not_confirmed: 'outcome-not-confirmed',
  failed_security: 'outcome-failed-security',
  no_answer: 'outcome-no-answer',
  doubt: 'outcome-doubt',
};

export const ARTICLE_BY_ACTION: Readonly<Record<PlaybookAction, ArticleId | 'outcome'>> = {
  say: 'outcome',
  block_signature: 'blocks',
  block_cae: 'blocks',
  block_access: 'blocks',
  set_profile_read_only: 'blocks',
  unlink_recent_devices: 'blocks',
  start_fraud_protocol: 'fraud-protocol',
  create_main_case: 'main-case-and-macros',
  link_and_close_alert_case: 'main-case-and-macros',
  apply_macro: 'main-case-and-macros',
  await_email_sent: 'main-case-and-macros',
  set_pending_customer: 'managing-office',
  assign_office_queue: 'managing-office',
  mention_office: 'managing-office',
  mention_manager: 'managing-office',
  close_case: 'closing-and-categories',
};

/** The panels of the case view and the article behind each. */
export const ARTICLE_BY_PANEL = {
  callScript: 'contact',
  attempts: 'contact',
  securityQuestions: 'security-questions',
  categories: 'closing-and-categories',
  drafts: 'main-case-and-macros',
  mentions: 'managing-office',
  directory: 'directory',
} as const satisfies Record<string, ArticleId>;

/** The article of one playbook step of `outcome`. */
export function articleForStep(outcome: Outcome, action: PlaybookAction): ArticleId {
  const id = ARTICLE_BY_ACTION[action];
  return id === 'outcome' ? ARTICLE_BY_OUTCOME[outcome] : id;
}

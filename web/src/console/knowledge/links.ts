import type { PlaybookAction } from '../../../../src/backoffice/playbook/playbook.ts';
import type { Outcome } from '../../../../src/backoffice/schema.ts';
import type { ArticleId } from '../../../../src/knowledge/articles.ts';
import { ARTICLE_BY_ACTION, ARTICLE_BY_OUTCOME, ARTICLE_BY_PANEL, articleForStep } from '../../../../src/knowledge/links.ts';

/**
 * Where the console links to its procedures: the case view's playbook steps, outcomes and panels
 * open the article that explains them (`src/knowledge/links.ts` says which).
 */
export const knowledgeHref = (id: ArticleId): string => `/console/knowledge?id=${encodeURIComponent(id)}`;

/** The article of a playbook step as the API names it (`run.outcome`, `step.action`); null for an unknown one. */
export function stepArticleHref(outcome: string, action: string): string | null {
  if (!(outcome in ARTICLE_BY_OUTCOME) || !(action in ARTICLE_BY_ACTION)) return null;
  return knowledgeHref(articleForStep(outcome as Outcome, action as PlaybookAction));
}

export const outcomeArticleHref = (outcome: Outcome): string => knowledgeHref(ARTICLE_BY_OUTCOME[outcome]);
export const panelArticleHref = (panel: keyof typeof ARTICLE_BY_PANEL): string => knowledgeHref(ARTICLE_BY_PANEL[panel]);

import { t, type Locale, type Text } from '../i18n/catalogue.ts';
import { PLAYBOOK, type PlaybookStep } from '../backoffice/playbook/playbook.ts';
import { normalizeText } from '../directory/search.ts';
import { ARTICLES, type Article, type ArticleId, type ArticleSection } from './articles.ts';
import { articleForStep } from './links.ts';

/** An article in one language, as the API answers it. Pure. */
export interface ArticleSummaryView {
  id: ArticleId;
  topic: Article['topic'];
  title: string;
  summary: string;
}

export interface StepView {
  action: string;
  label: string;
  /** What the agent tells the customer, for a `say` step. */
  say: string | null;
  /** The seed's words for this step, verbatim. */
  seed: string;
  articleId: ArticleId;
}

export interface ArticleView extends ArticleSummaryView {
  sections: { heading: string | null; paragraphs: string[]; list: string[] }[];
  /** An outcome's article: what it needs, and the playbook's steps (common, then by office). */
  playbook: { requires: string[]; steps: StepView[]; variants: { variant: 'branch' | 'virtual'; steps: StepView[] }[] } | null;
  seed: string[];
  page: string | null;
  related: ArticleSummaryView[];
}

const BY_ID = new Map<string, Article>(ARTICLES.map((a) => [a.id, a]));

export const findArticle = (id: string): Article | undefined => BY_ID.get(id);

const pick = (text: Text, locale: Locale) => text[locale];

export function summaryView(article: Article, locale: Locale): ArticleSummaryView {
  return { id: article.id, topic: article.topic, title: pick(article.title, locale), summary: pick(article.summary, locale) };
}

function sectionView(section: ArticleSection, locale: Locale) {
  return {
    heading: section.heading ? pick(section.heading, locale) : null,
    paragraphs: (section.paragraphs ?? []).map((p) => pick(p, locale)),
    list: (section.list ?? []).map((p) => pick(p, locale)),
  };
}

export function articleView(article: Article, locale: Locale): ArticleView {
  let playbook: ArticleView['playbook'] = null;
  if (article.outcome) {
    const definition = PLAYBOOK.outcomes[article.outcome];
    const outcome = article.outcome;
    const step = (s: PlaybookStep): StepView => ({
      action: s.action,
      label: t(`playbook.action.${s.action}`, locale),
      say: s.say ? t(`playbook.say.${s.say}`, locale) : null,
      seed: s.seed,
      articleId: articleForStep(outcome, s.action),
    });
    playbook = {
      requires: definition.requires.map((r) => t(`playbook.requirement.${r}`, locale)),
      steps: definition.steps.map(step),
      variants: definition.variants ? (['branch', 'virtual'] as const).map((variant) => ({ variant, steps: definition.variants![variant].map(step) })) : [],
    };
  }
  return {
    ...summaryView(article, locale),
    sections: article.sections.map((s) => sectionView(s, locale)),
    playbook,
    seed: [...article.seed],
    page: article.page ?? null,
    related: article.related.map((id) => summaryView(BY_ID.get(id)!, locale)),
  };
}

/** Every text of an article in both languages, for search. */
function searchText(article: Article): string {
  const texts: Text[] = [article.title, article.summary, ...article.sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...(s.paragraphs ?? []), ...(s.list ?? [])])];
  return normalizeText([...texts.flatMap((x) => [x.es, x.en]), ...article.seed].join('\n'));
}
const INDEX = new Map<string, string>(ARTICLES.map((a) => [a.id, searchText(a)]));

/** The articles with every word of `query` in them (accents and case aside), in their order. */
export function searchArticles(query: string): Article[] {
  const words = normalizeText(query).split(/\s+/).filter((w) => w !== '');
  return ARTICLES.filter((a) => words.every((w) => INDEX.get(a.id)!.includes(w)));
}

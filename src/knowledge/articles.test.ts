import { describe, expect, it } from 'vitest';
import { PLAYBOOK, PLAYBOOK_ACTIONS } from '../backoffice/playbook/playbook.ts';
import { OUTCOMES } from '../backoffice/schema.ts';
import { WEB_PATHS } from '../http/web-paths.ts';
import type { Text } from '../i18n/catalogue.ts';
import { ARTICLES } from './articles.ts';
import { ARTICLE_BY_ACTION, ARTICLE_BY_OUTCOME, ARTICLE_BY_PANEL, articleForStep } from './links.ts';
import { articleView, findArticle, searchArticles } from './view.ts';

const texts = (t: Text) => [t.es, t.en];

describe('knowledge articles', () => {
  it('have unique ids, both languages on every text, seed quotes and known related articles and pages', () => {
    expect(new Set(ARTICLES.map((a) => a.id)).size).toBe(ARTICLES.length);
    for (const a of ARTICLES) {
      const all = [a.title, a.summary, ...a.sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...(s.paragraphs ?? []), ...(s.list ?? [])])];
      for (const text of all.flatMap(texts)) expect(text.trim(), a.id).not.toBe('');
      expect(a.seed.length, a.id).toBeGreaterThan(0);
      for (const id of a.related) expect(findArticle(id), `${a.id} → ${id}`).toBeDefined();
      if (a.page) expect(WEB_PATHS as readonly string[]).toContain(a.page);
    }
  });

  it('give every outcome of the playbook its article, whose steps are the playbook’s own', () => {
    for (const outcome of OUTCOMES) {
      const article = findArticle(ARTICLE_BY_OUTCOME[outcome])!;
      expect(article.outcome).toBe(outcome);
      const view = articleView(article, 'es');
      expect(view.playbook!.steps.map((s) => s.seed)).toEqual(PLAYBOOK.outcomes[outcome].steps.map((s) => s.seed));
      const variants = PLAYBOOK.outcomes[outcome].variants;
      expect(view.playbook!.variants.map((v) => v.variant)).toEqual(variants ? ['branch', 'virtual'] : []);
    }
    expect(articleView(findArticle('blocks')!, 'en').playbook).toBeNull();
  });

  it('link every playbook step, by its action, to an article (a "say" step to its outcome’s)', () => {
    for (const action of PLAYBOOK_ACTIONS) expect(ARTICLE_BY_ACTION[action]).toBeDefined();
    for (const outcome of OUTCOMES) {
      const def = PLAYBOOK.outcomes[outcome];
      for (const step of [...def.steps, ...Object.values(def.variants ?? {}).flat()]) {
        expect(findArticle(articleForStep(outcome, step.action)), `${outcome}/${step.action}`).toBeDefined();
      }
    }
    expect(articleForStep('confirmed', 'say')).toBe('outcome-confirmed');
    expect(articleForStep('not_confirmed', 'start_fraud_protocol')).toBe('fraud-protocol');
    for (const id of Object.values(ARTICLE_BY_PANEL)) expect(findArticle(id)).toBeDefined();
  });

  it('show the step labels and what to say in the language asked', () => {
    const en = articleView(findArticle('outcome-confirmed')!, 'en');
    expect(en.title).toBe('The customer confirms the operation');
    expect(en.playbook!.steps[0]).toMatchObject({ action: 'say', label: 'Tell the customer', articleId: 'outcome-confirmed' });
    expect(en.playbook!.steps[0]!.say).toContain('Thank you for your time');
    const es = articleView(findArticle('outcome-confirmed')!, 'es');
    expect(es.playbook!.steps[1]!.label).toBe('Cerrar el caso');
    expect(es.playbook!.requires).toEqual(['Hace falta una llamada atendida por el titular', 'Hace falta superar las preguntas de seguridad']);
  });

  it('are searched in both languages and the seed’s words, accents and case aside', () => {
    expect(searchArticles('tipologia 2').map((a) => a.id)).toEqual(['closing-and-categories']);
    expect(searchArticles('Quality Plan').map((a) => a.id)).toEqual(['closing-and-categories']);
    expect(searchArticles('FIRMOV').map((a) => a.id)).toContain('blocks');
    expect(searchArticles('oficina8732@grupocajamar.com').map((a) => a.id)).toContain('main-case-and-macros');
    expect(searchArticles('')).toHaveLength(ARTICLES.length);
    expect(searchArticles('zzzz nothing')).toEqual([]);
  });
});

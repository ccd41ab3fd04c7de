import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireStaff, staffActor } from '../backoffice/access.ts';
import { refusals, staffDoc } from '../backoffice/cases/views.ts';
import { requestLocale } from '../http/errors.ts';
import type { RouteModule } from '../http/modules.ts';
import { ARTICLES } from './articles.ts';
import { knowledgeError } from './errors.ts';
import { addFeedback, listFeedback, MAX_FEEDBACK } from './feedback-store.ts';
import { articleView, findArticle, searchArticles, summaryView } from './view.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Lang = Type.Optional(Type.Union([Type.Literal('es'), Type.Literal('en')]));
const ArticleId = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }) });
const Summary = Type.Object({
  id: Type.String(),
  topic: Type.Union([Type.Literal('contact'), Type.Literal('outcome'), Type.Literal('procedure'), Type.Literal('directory')]),
  title: Type.String(),
  summary: Type.String(),
});
const Step = Type.Object({
  action: Type.String(),
  label: Type.String(),
  say: Nullable(Type.String({ description: 'What the agent tells the customer' })),
  seed: Type.String({ description: "Seed 002's words for the step, verbatim (Spanish)" }),
  articleId: Type.String({ description: 'The article that explains this step' }),
});
const Article = Type.Object({
  ...Summary.properties,
  sections: Type.Array(Type.Object({ heading: Nullable(Type.String()), paragraphs: Type.Array(Type.String()), list: Type.Array(Type.String()) })),
  playbook: Nullable(
    Type.Object(
      {
        requires: Type.Array(Type.String()),
        steps: Type.Array(Step),
        variants: Type.Array(Type.Object({ variant: Type.Union([Type.Literal('branch'), Type.Literal('virtual')]), steps: Type.Array(Step) })),
      },
      { description: "An outcome's article: the playbook's own steps for it" },
    ),
  ),
  seed: Type.Array(Type.String(), { description: "Seed 002's words the article rests on, verbatim (Spanish)" }),
  page: Nullable(Type.String({ description: 'The console page the article is about' })),
  related: Type.Array(Summary),
});
const Feedback = Type.Object({
  id: Type.String(),
  articleId: Type.String(),
  author: Type.String(),
  helpful: Nullable(Type.Boolean()),
  comment: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

/**
 * The agents' knowledge articles (the procedures of seed 002) and their feedback box. Any staff
 * role reads and comments; the comments received are read by supervisors and administrators.
 */
export const knowledgeRoutes: RouteModule = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onSend', async (_req, reply) => void reply.header('cache-control', 'no-store'));

  app.get(
    '/api/knowledge',
    {
      schema: {
        ...staffDoc,
        summary: 'The knowledge articles, optionally searched',
        description: 'Every word of `q` must appear in the article (Spanish, English or the seed’s words; accents and case aside). Any staff role.',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), lang: Lang }),
        response: { 200: Type.Object({ articles: Type.Array(Summary) }), ...refusals },
      },
    },
    async (req) => {
      await requireStaff(req, services);
      const locale = requestLocale(req);
      const found = req.query.q ? searchArticles(req.query.q) : ARTICLES;
      return { articles: found.map((a) => summaryView(a, locale)) };
    },
  );

  app.get(
    '/api/knowledge/feedback',
    {
      schema: {
        ...staffDoc,
        summary: 'The comments agents sent on the articles, newest first',
        description: 'Supervisor or admin role.',
        querystring: Type.Object({
          articleId: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,64}$' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Object({ feedback: Type.Array(Feedback) }), ...refusals },
      },
    },
    async (req) => {
      const staff = await requireStaff(req, services);
      if (staff.role !== 'supervisor' && staff.role !== 'admin') throw knowledgeError('role_required', 'the feedback is for the supervisor and admin roles');
      const rows = await listFeedback(services.db, { articleId: req.query.articleId, limit: req.query.limit ?? 100 });
      return {
        feedback: rows.map((r) => ({ id: r.id, articleId: r.article_id, author: r.author, helpful: r.helpful, comment: r.comment, createdAt: r.created_at.toISOString() })),
      };
    },
  );

  app.get(
    '/api/knowledge/:id',
    {
      schema: {
        ...staffDoc,
        summary: 'One knowledge article, with the playbook steps of an outcome',
        params: ArticleId,
        querystring: Type.Object({ lang: Lang }),
        response: { 200: Article, ...refusals },
      },
    },
    async (req) => {
      await requireStaff(req, services);
      const article = findArticle(req.params.id);
      if (!article) throw knowledgeError('article_not_found', `no article ${req.params.id}`);
      return articleView(article, requestLocale(req));
    },
  );

  app.post(
    '/api/knowledge/:id/feedback',
    {
      schema: {
        ...staffDoc,
        summary: '"Ayúdanos a mejorar enviándonos tus comentarios": a comment on an article',
        params: ArticleId,
        body: Type.Object(
          { comment: Type.String({ minLength: 1, maxLength: MAX_FEEDBACK }), helpful: Type.Optional(Type.Boolean({ description: 'Was the article useful?' })) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), createdAt: Type.String({ format: 'date-time' }) }), ...refusals },
      },
    },
    async (req, reply) => {
      const staff = await requireStaff(req, services);
      if (!findArticle(req.params.id)) throw knowledgeError('article_not_found', `no article ${req.params.id}`);
      const row = await addFeedback(services.db, services.clock.now(), {
        articleId: req.params.id,
        author: staffActor(staff),
        comment: req.body.comment,
        helpful: req.body.helpful ?? null,
      });
      return reply.code(201).send({ id: row.id, createdAt: row.created_at.toISOString() });
    },
  );
};

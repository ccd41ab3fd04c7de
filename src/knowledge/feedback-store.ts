import { randomUUID } from 'node:crypto';
import type { Executor } from '../platform/db/database.ts';
import { knowledgeError } from './errors.ts';
import type { KnowledgeFeedback, KnowledgeTables } from './schema.ts';

export const MAX_FEEDBACK = 2000;

const kb = (ex: Executor) => ex.withTables<KnowledgeTables>();

/** Stores one comment on an article (the article is known to exist); blank comments are refused. */
export async function addFeedback(
  ex: Executor,
  now: Date,
  input: { articleId: string; author: string; comment: string; helpful: boolean | null },
): Promise<KnowledgeFeedback> {
  const comment = input.comment.trim();
  if (comment === '') throw knowledgeError('feedback_empty', 'the comment is empty');
  return kb(ex)
    .insertInto('knowledge_feedback')
    .values({ id: randomUUID(), article_id: input.articleId, author: input.author, helpful: input.helpful, comment, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The comments received, newest first, of one article or all. */
export function listFeedback(ex: Executor, filter: { articleId?: string | undefined; limit: number }): Promise<KnowledgeFeedback[]> {
  let q = kb(ex).selectFrom('knowledge_feedback').selectAll();
  if (filter.articleId) q = q.where('article_id', '=', filter.articleId);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

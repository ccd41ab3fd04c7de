import type { Kysely } from 'kysely';
import { runScript } from '../platform/db/script.ts';

/**
 * The knowledge articles' feedback box ("Ayúdanos a mejorar enviándonos tus comentarios",
 * seed 002). The articles themselves are data in the code (`articles.ts`); only what agents
 * send about them is stored, one row per comment, kept for whoever maintains the articles.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    create table knowledge_feedback (
      id uuid primary key,
      article_id text not null,
      author text not null,
      helpful boolean,
      comment text not null check (length(comment) between 1 and 2000),
      created_at timestamptz not null
    );
    create index knowledge_feedback_article on knowledge_feedback(article_id, created_at);
    create index knowledge_feedback_created on knowledge_feedback(created_at);
    `,
  );
}

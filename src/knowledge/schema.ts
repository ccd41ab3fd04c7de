import type { ColumnType, Selectable } from 'kysely';

/** Kysely types of the knowledge tables (see `migration.ts`), merged in with `withTables`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

// A type alias, not an interface: Kysely's `withTables` needs types with an implicit index signature.
export type KnowledgeFeedbackTable = {
  id: string;
  article_id: string;
  /** `staff:<id>` of who wrote it. */
  author: string;
  /** "Was this article useful?", when they said. */
  helpful: boolean | null;
  comment: string;
  created_at: Timestamp;
};

export type KnowledgeTables = {
  knowledge_feedback: KnowledgeFeedbackTable;
};

export type KnowledgeFeedback = Selectable<KnowledgeFeedbackTable>;

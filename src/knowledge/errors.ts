import { reasonErrors, type ErrorCode } from '../platform/errors.ts';

/** Refusals of the knowledge API: a stable `reason` and the catalogue text `knowledge.error.<reason>`. */
export const KNOWLEDGE_REASONS = {
  article_not_found: 'not_found',
  feedback_empty: 'validation',
  role_required: 'forbidden',
} as const satisfies Record<string, ErrorCode>;

export type KnowledgeReason = keyof typeof KNOWLEDGE_REASONS;

export const knowledgeError = reasonErrors<KnowledgeReason>('knowledge', KNOWLEDGE_REASONS);

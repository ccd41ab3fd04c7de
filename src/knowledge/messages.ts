import type { Text } from '../i18n/catalogue.ts';
import type { KnowledgeReason } from './errors.ts';

/** What the knowledge API says when it refuses (`knowledge.error.<reason>`). */
export const knowledgeMessages: Record<`knowledge.error.${KnowledgeReason}`, Text> = {
  'knowledge.error.article_not_found': { es: 'No existe ese artículo.', en: 'There is no such article.' },
  'knowledge.error.feedback_empty': { es: 'Escriba su comentario antes de enviarlo.', en: 'Please write your comment before sending it.' },
  'knowledge.error.role_required': { es: 'Los comentarios recibidos solo los leen supervisores y administradores.', en: 'Only supervisors and administrators read the comments received.' },
};

import type { Text } from '../i18n/catalogue.ts';
import type { BackofficeReason } from './errors.ts';
import type { CaseStatus, Outcome } from './schema.ts';

/**
 * What the back office's alert and case API says to agents and to the fraud engine: the `message`
 * of each refusal (`backoffice.error.<reason>`), and the names of statuses and outcomes as the
 * console and the reports show them. Spanish as Service Cloud words them; English complete.
 */
const errors: Record<`backoffice.error.${BackofficeReason}`, Text> = {
  'backoffice.error.case_not_found': { es: 'No existe ese caso.', en: 'There is no such case.' },
  'backoffice.error.mention_not_found': { es: 'No existe esa mención.', en: 'There is no such mention.' },
  'backoffice.error.case_closed': { es: 'El caso está cerrado y ya no admite ese cambio.', en: 'The case is closed and no longer takes that change.' },
  'backoffice.error.wrong_status': { es: 'El caso no puede pasar a ese estado desde el actual.', en: 'The case cannot move to that status from its current one.' },
  'backoffice.error.stale_version': { es: 'Otra persona ha cambiado el caso mientras tanto. Recárguelo y vuelva a intentarlo.', en: 'Someone else changed the case meanwhile. Reload it and try again.' },
  'backoffice.error.already_linked': { es: 'El caso ya está vinculado a otro caso principal.', en: 'The case is already linked to another main case.' },
  'backoffice.error.alert_id_reused': { es: 'Ese identificador de alerta ya se recibió con otros datos.', en: 'That alert id was already received with other data.' },
  'backoffice.error.owner_must_close': {
    es: 'Un caso con categoría especial lo cierra su propietario, quien gestionó el cambio.',
    en: 'A case with a special category is closed by its owner, who made the change.',
  },
  'backoffice.error.case_locked': {
    es: 'Otra persona está trabajando este caso. Para actuar en él, tómelo antes (queda registrado).',
    en: 'Someone else is working this case. To act on it, take it over first (this is recorded).',
  },
  'backoffice.error.category_required': {
    es: 'Para cerrar el caso elija su categoría (Tipología 1, 2 y 3): es de suma importancia categorizarlo.',
    en: 'To close the case, choose its category (levels 1, 2 and 3): categorising it matters.',
  },
  'backoffice.error.case_read_only': { es: 'Su perfil puede consultar este caso, pero no cambiarlo.', en: 'Your role may read this case, not change it.' },
  'backoffice.error.closing_comment_required': { es: 'Para cerrar el caso detalle en los comentarios de cierre la gestión realizada.', en: 'To close the case, describe what was done in the closing comments.' },
  'backoffice.error.pending_reason_required': { es: 'Indique en "Pendiente de cliente" por qué queda pendiente el caso.', en: 'Say in "Pending customer" why the case is waiting.' },
  'backoffice.error.comment_required': { es: 'Escriba el texto.', en: 'Please write the text.' },
  'backoffice.error.text_too_long': { es: 'El texto es demasiado largo.', en: 'The text is too long.' },
  'backoffice.error.unknown_queue': { es: 'No existe esa cola.', en: 'There is no such queue.' },
  'backoffice.error.other_office_queue': { es: 'La cola de una oficina solo recoge casos de los clientes de esa oficina.', en: 'An office’s queue holds only the cases of that office’s customers.' },
  'backoffice.error.invalid_owner': { es: 'El propietario no es un empleado válido.', en: 'The owner is not a valid staff member.' },
  'backoffice.error.unknown_category': { es: 'Esa categoría no existe en el árbol de categorías.', en: 'That category is not in the category tree.' },
  'backoffice.error.special_category': {
    es: 'La Tipología 2 se reserva para cuando realmente se modifica la cuenta o sus titulares; no la use para duplicados, consultas o estados de solicitud.',
    en: 'Level-2 special categories are reserved for when the account or its holders really change; do not use them for duplicates, questions or request status.',
  },
  'backoffice.error.not_main_case': { es: 'Solo se vincula un caso a un caso principal.', en: 'A case can only be linked to a main case.' },
  'backoffice.error.link_itself': { es: 'Un caso no puede vincularse a sí mismo.', en: 'A case cannot be linked to itself.' },
  'backoffice.error.other_customer': { es: 'El caso principal es de otro cliente.', en: 'The main case belongs to another customer.' },
  'backoffice.error.unknown_mention_target': { es: 'No existe esa oficina o ese gestor.', en: 'There is no such office or manager.' },
  'backoffice.error.unknown_customer': { es: 'No existe ningún cliente con ese identificador o documento.', en: 'There is no customer with that id or document.' },
  'backoffice.error.unknown_operation': { es: 'El cliente no tiene ninguna operación con esa referencia.', en: 'The customer has no operation with that reference.' },
  'backoffice.error.invalid_outcome': { es: 'Ese resultado de la llamada no existe.', en: 'That call outcome does not exist.' },
  'backoffice.error.details_too_large': { es: 'Los detalles de la alerta son demasiado grandes.', en: 'The alert details are too large.' },
  'backoffice.error.details_too_deep': { es: 'Los detalles de la alerta anidan demasiados niveles (como máximo 8).', en: 'The alert details nest too many levels (at most 8).' },
  'backoffice.error.queue_not_allowed': { es: 'No puede trabajar en esa cola.', en: 'You cannot work on that queue.' },
  'backoffice.error.inbox_not_allowed': { es: 'No puede ver la bandeja de esa oficina o gestor.', en: 'You cannot see the inbox of that office or manager.' },
  'backoffice.error.alert_unauthorized': { es: 'Origen de alertas no autorizado.', en: 'Alert source not authorised.' },
};

const statuses: Record<`backoffice.status.${CaseStatus}`, Text> = {
  'backoffice.status.new': { es: 'Nuevo', en: 'New' },
  'backoffice.status.in_progress': { es: 'En curso', en: 'In progress' },
  'backoffice.status.pending_customer': { es: 'Pendiente de cliente', en: 'Pending customer' },
  'backoffice.status.closed': { es: 'Cerrado', en: 'Closed' },
};

const outcomes: Record<`backoffice.outcome.${Outcome}`, Text> = {
  'backoffice.outcome.confirmed': { es: 'Confirma la operación', en: 'Confirms the operation' },
  'backoffice.outcome.not_confirmed': { es: 'No confirma la operación', en: 'Does not confirm the operation' },
  'backoffice.outcome.failed_security': { es: 'No responde correctamente a las preguntas de seguridad', en: 'Fails the security questions' },
  'backoffice.outcome.no_answer': { es: 'No contesta tras 3 intentos', en: 'No answer after 3 attempts' },
  'backoffice.outcome.doubt': { es: 'Ante cualquier duda', en: 'Any doubt' },
};

export const backofficeMessages: Record<string, Text> = {
  ...errors,
  ...statuses,
  'backoffice.queue.contact_centre': { es: 'Centro de atención (CAE)', en: 'Contact centre' },
  'backoffice.queue.office': { es: 'Oficina {code}', en: 'Branch {code}' },
  'backoffice.kind.alert': { es: 'Caso de alerta', en: 'Alert case' },
  'backoffice.kind.main': { es: 'Caso principal', en: 'Main case' },
  ...outcomes,
};

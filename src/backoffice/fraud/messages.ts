import type { Text } from '../../i18n/catalogue.ts';
import type { FraudTaskStatus } from '../schema.ts';
import type { FraudReason } from './errors.ts';
import type { FraudResult, TaskEvent } from './rules.ts';

/**
 * What the fraud team's task API says: the `message` of each refusal (`fraud.error.<reason>`),
 * and the names of statuses, results, kinds and timeline events as the console shows them.
 */
const errors: Record<`fraud.error.${FraudReason}`, Text> = {
  'fraud.error.fraud_task_not_found': { es: 'No existe esa tarea de fraude.', en: 'There is no such fraud task.' },
  'fraud.error.fraud_task_locked': {
    es: 'Otra persona del equipo de fraude tiene esta tarea. Para trabajarla, tómela antes (queda registrado).',
    en: 'Someone else on the fraud team has this task. To work it, take it over first (this is recorded).',
  },
  'fraud.error.fraud_task_closed': { es: 'La tarea está cerrada y ya no admite ese cambio.', en: 'The task is closed and no longer takes that change.' },
  'fraud.error.fraud_team_only': { es: 'La cola de fraude es del equipo de fraude, sus supervisores y la administración.', en: 'The fraud queue is for the fraud team, its supervisors and administrators.' },
  'fraud.error.note_required': { es: 'Escriba la nota.', en: 'Please write the note.' },
  'fraud.error.closing_note_required': { es: 'Para cerrar la tarea detalle en la nota de cierre lo que se hizo.', en: 'To close the task, describe what was done in the closing note.' },
  'fraud.error.invalid_result': { es: 'Ese resultado no existe.', en: 'That result does not exist.' },
  'fraud.error.text_too_long': { es: 'El texto es demasiado largo.', en: 'The text is too long.' },
  'fraud.error.invalid_owner': { es: 'El propietario no es un empleado válido.', en: 'The owner is not a valid staff member.' },
};

const statuses: Record<`fraud.status.${FraudTaskStatus}`, Text> = {
  'fraud.status.open': { es: 'Sin asignar', en: 'Unassigned' },
  'fraud.status.in_progress': { es: 'En curso', en: 'In progress' },
  'fraud.status.closed': { es: 'Cerrada', en: 'Closed' },
};

const results: Record<`fraud.result.${FraudResult}`, Text> = {
  'fraud.result.fraud_confirmed_reported': { es: 'Fraude confirmado y denunciado', en: 'Fraud confirmed and reported' },
  'fraud.result.fraud_confirmed_recovered': { es: 'Fraude confirmado: operación retenida o importe recuperado', en: 'Fraud confirmed: operation stopped or money recovered' },
  'fraud.result.not_fraud': { es: 'No es fraude: operación legítima', en: 'Not fraud: legitimate operation' },
  'fraud.result.customer_unreachable': { es: 'Cliente ilocalizable', en: 'Customer unreachable' },
  'fraud.result.duplicate': { es: 'Duplicada: ya se gestiona en otra tarea', en: 'Duplicate: already worked in another task' },
};

const events: Record<`fraud.event.${TaskEvent['type'] | 'created'}`, Text> = {
  'fraud.event.created': { es: 'Tarea abierta', en: 'Task opened' },
  'fraud.event.taken': { es: 'Tarea tomada', en: 'Task taken' },
  'fraud.event.taken_over': { es: 'Tarea tomada a otra persona', en: 'Task taken over' },
  'fraud.event.note': { es: 'Nota', en: 'Note' },
  'fraud.event.closed': { es: 'Tarea cerrada', en: 'Task closed' },
  'fraud.event.assigned': { es: 'Tarea reasignada', en: 'Task reassigned' },
};

export const fraudMessages: Record<string, Text> = {
  ...errors,
  ...statuses,
  ...results,
  ...events,
  'fraud.kind.online_fraud_protocol': { es: 'Protocolo de fraudes online', en: 'Online fraud protocol' },
};

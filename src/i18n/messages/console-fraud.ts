import type { Text } from '../catalogue.ts';

/**
 * The fraud team's console (web/src/console/fraud/): its queue of fraud-protocol tasks, one task
 * with its notes and result, and the tasks as the case that started them shows them. The names
 * of statuses and results are the back office's (`fraud.*`, src/backoffice/fraud/messages.ts).
 */
export const consoleFraudMessages: Record<string, Text> = {
  'console.nav.fraud': { es: 'Cola de fraude', en: 'Fraud queue' },
  'console.role.fraud': { es: 'Equipo de fraude', en: 'Fraud team' },

  'console.fraud.title': { es: 'Protocolo de fraudes: tareas', en: 'Fraud protocol: tasks' },
  'console.fraud.lead': {
    es: 'Las tareas que abre «No confirma la operación» («activamos el protocolo de fraudes»). Tome una, anote lo que haga y ciérrela con su resultado.',
    en: 'The tasks "Does not confirm the operation" opens ("activamos el protocolo de fraudes"). Take one, note what you do and close it with its result.',
  },
  'console.fraud.filter': { es: 'Qué tareas ver', en: 'Which tasks to show' },
  'console.fraud.filter.active': { es: 'Pendientes', en: 'To do' },
  'console.fraud.filter.open': { es: 'Sin asignar', en: 'Unassigned' },
  'console.fraud.filter.in_progress': { es: 'En curso', en: 'In progress' },
  'console.fraud.filter.closed': { es: 'Cerradas', en: 'Closed' },
  'console.fraud.filter.all': { es: 'Todas', en: 'All' },
  'console.fraud.mine': { es: 'Solo mis tareas', en: 'My tasks only' },
  'console.fraud.empty': { es: 'No hay tareas aquí.', en: 'No tasks here.' },
  'console.fraud.caption': { es: '{count} tareas, las pendientes primero y las más antiguas antes', en: '{count} tasks, those to do first and the oldest before' },
  'console.fraud.case': { es: 'Caso', en: 'Case' },
  'console.fraud.taskOf': { es: 'Tarea del caso {number}', en: 'Task of case {number}' },
  'console.fraud.status': { es: 'Estado', en: 'Status' },
  'console.fraud.opened': { es: 'Abierta', en: 'Opened' },
  'console.fraud.result': { es: 'Resultado', en: 'Result' },
  'console.fraud.task': { es: 'Tarea', en: 'Task' },
  'console.fraud.taskHeading': { es: 'Tarea del caso {number} · {name}', en: 'Task of case {number} · {name}' },
  'console.fraud.kind': { es: 'Tipo', en: 'Kind' },
  'console.fraud.startNote': { es: 'Al abrirla', en: 'When opened' },
  'console.fraud.closingNote': { es: 'Nota de cierre', en: 'Closing note' },
  'console.fraud.take': { es: 'Asignármela', en: 'Assign to me' },
  'console.fraud.taken': { es: 'La tarea es tuya.', en: 'The task is yours.' },
  'console.fraud.lockedBy': {
    es: 'La tiene {owner}. Para trabajarla, tómela (queda registrado con el motivo).',
    en: '{owner} has it. To work it, take it over (recorded, with the reason).',
  },
  'console.fraud.takeover': { es: 'Tomar la tarea', en: 'Take the task over' },
  'console.fraud.takenOver': { es: 'Has tomado la tarea.', en: 'You took the task over.' },
  'console.fraud.note': { es: 'Nota', en: 'Note' },
  'console.fraud.addNote': { es: 'Añadir nota', en: 'Add note' },
  'console.fraud.noted': { es: 'Nota añadida.', en: 'Note added.' },
  'console.fraud.closeTitle': { es: 'Cerrar la tarea', en: 'Close the task' },
  'console.fraud.chooseResult': { es: 'Elija el resultado.', en: 'Choose the result.' },
  'console.fraud.close': { es: 'Cerrar la tarea', en: 'Close the task' },
  'console.fraud.closed': { es: 'Tarea cerrada.', en: 'Task closed.' },
  'console.fraud.timeline': { es: 'Historial de la tarea', en: 'Task history' },

  // On the case that started the task.
  'console.fraud.onCase': { es: 'Protocolo de fraudes', en: 'Fraud protocol' },
  'console.fraud.ownerIs': { es: 'la tiene: {owner}', en: 'held by: {owner}' },
  'console.fraud.resultIs': { es: 'Resultado: {result}', en: 'Result: {result}' },
  'console.fraud.openTask': { es: 'Abrir en la cola de fraude', en: 'Open in the fraud queue' },
  'console.event.fraud_task_taken': { es: 'Equipo de fraude: tarea tomada', en: 'Fraud team: task taken' },
  'console.event.fraud_task_assigned': { es: 'Equipo de fraude: tarea reasignada', en: 'Fraud team: task reassigned' },
  'console.event.fraud_task_closed': { es: 'Equipo de fraude: tarea cerrada', en: 'Fraud team: task closed' },
};

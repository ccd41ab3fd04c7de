import type { Text } from '../catalogue.ts';

/**
 * Working a case in the console (issue 13): who has it and taking it (over), the earlier case
 * of the same situation, and the category a case closes with.
 */
export const consoleWorkMessages: Record<string, Text> = {
  'console.owner.title': { es: 'Quién lo trabaja', en: 'Who is working it' },
  'console.owner.none': { es: 'Nadie trabaja este caso todavía.', en: 'Nobody is working this case yet.' },
  'console.owner.mine': { es: 'Lo trabajas tú: los demás no pueden actuar en él sin tomarlo.', en: 'You are working it: others cannot act on it without taking it over.' },
  'console.owner.other': { es: 'Lo está trabajando {owner}.', en: '{owner} is working it.' },
  'console.owner.lockRule': {
    es: 'Sus llamadas, preguntas, resultados y correos quedan bloqueados para los demás. Para actuar, tome el caso: queda registrado en el historial y en la auditoría.',
    en: 'Calls, questions, outcomes and emails on it are locked to them. To act, take the case over: this is recorded on the timeline and in the audit log.',
  },
  'console.owner.reason': { es: 'Motivo (opcional)', en: 'Reason (optional)' },
  'console.owner.takeover': { es: 'Tomar el caso', en: 'Take the case over' },
  'console.owner.takenOver': { es: 'Has tomado el caso.', en: 'You took the case over.' },
  'console.owner.reassignTo': { es: 'Reasignar a (usuario)', en: 'Reassign to (user name)' },
  'console.owner.reassignHint': { es: 'Vacío: vuelve a la cola sin propietario.', en: 'Empty: back to the queue, unowned.' },
  'console.owner.reassign': { es: 'Reasignar', en: 'Reassign' },
  'console.owner.reassigned': { es: 'Reasignado.', en: 'Reassigned.' },
  'console.queue.take': { es: 'Coger', en: 'Take' },
  'console.queue.takeColumn': { es: 'Coger', en: 'Take' },
  'console.keys.take': { es: 'Coger el caso (en la cola: el siguiente nuevo sin asignar)', en: 'Take the case (on the queue: the next new unassigned one)' },
  'console.event.taken': { es: 'Caso cogido', en: 'Case taken' },
  'console.event.taken_over': { es: 'Caso tomado a otra persona', en: 'Case taken over' },

  'console.earlier.label': { es: 'Caso anterior de la misma situación:', en: 'Earlier case of the same situation:' },
  'console.earlier.case': { es: 'caso {number}', en: 'case {number}' },

  'console.close.title': { es: 'Cierre del caso', en: 'Closing the case' },
  'console.close.withCategory': { es: 'Se cierra con la categoría {category}. Cámbiela arriba si no es la correcta.', en: 'It closes with the category {category}. Change it above if it is not right.' },
  'console.close.chooseCategory': { es: 'El caso no tiene categoría: elíjala para cerrarlo.', en: 'The case has no category: choose it to close the case.' },
  'console.outcome.category': { es: 'Se categoriza: {category}', en: 'Categorised as: {category}' },
  'console.outcome.otherCategory': { es: 'Cerrar con otra categoría', en: 'Close with another category' },
};

import type { Text } from '../../i18n/catalogue.ts';

/**
 * The console's calls (issue 15 §2): what the agent's phone hears before the bridge, the results
 * a call records by itself, the refusals of "Llamar", the call panel of the console and the
 * incoming call on the dev `/phone` page.
 */
export const callsMessages: Record<string, Text> = {
  'calls.bridge.connecting': { es: 'Llamando al cliente. Espere, por favor.', en: 'Calling the customer. Please hold.' },

  'playbook.attempt.picked_up': { es: 'Descolgada: falta decir quién contestó', en: 'Picked up: say who answered' },
  'playbook.attempt.failed': { es: 'La llamada no se pudo hacer', en: 'The call could not be made' },

  'playbook.error.call_in_progress': { es: 'Hay una llamada en curso con este cliente: espera a que termine.', en: 'A call with this customer is in progress: wait for it to end.' },
  'playbook.error.calls_off': { es: 'Las llamadas desde la consola no están activadas en esta instalación.', en: 'Calls from the console are not turned on in this installation.' },
  'playbook.error.no_agent_phone': {
    es: 'No tienes un teléfono configurado para llamar desde la consola (calls.agentPhones). Pídeselo a tu supervisor.',
    en: 'You have no phone configured to call from the console (calls.agentPhones). Ask your supervisor.',
  },
  'playbook.error.provider_unavailable': { es: 'El proveedor de voz no ha podido hacer la llamada. Inténtalo de nuevo.', en: 'The voice provider could not place the call. Please try again.' },
  'playbook.error.call_not_found': { es: 'Esa llamada no existe.', en: 'There is no such call.' },
  'playbook.error.attempt_not_found': { es: 'Ese intento no existe en este caso.', en: 'This case has no such attempt.' },
  'playbook.error.nothing_to_confirm': { es: 'Ese intento ya tiene resultado.', en: 'That attempt already has its result.' },

  'console.call.call': { es: 'Llamar al {kind} {number}', en: 'Call the {kind} {number}' },
  'console.call.landline': { es: 'fijo', en: 'landline' },
  'console.call.mobile': { es: 'móvil', en: 'mobile' },
  'console.call.lead': {
    es: 'La llamada sale por la centralita: el resultado (contesta, no contesta, comunica, falla) y su duración se registran solos.',
    en: 'The call goes out through the switchboard: its result (answered, no answer, busy, failed) and its length are recorded on their own.',
  },
  'console.call.leadTwilio': { es: 'Primero sonará tu teléfono; al descolgar, se llama al cliente.', en: 'Your phone rings first; when you pick up, the customer is called.' },
  'console.call.cannot': {
    es: 'No tienes un teléfono configurado para llamar desde la consola: llama desde tu puesto y registra el intento abajo.',
    en: 'You have no phone configured to call from the console: call from your desk and record the attempt below.',
  },
  'console.call.status.placing': { es: 'Intento {n}: preparando la llamada al {number}…', en: 'Attempt {n}: setting up the call to {number}…' },
  'console.call.status.calling_agent': { es: 'Intento {n}: sonando tu teléfono; descuelga para llamar al {number}.', en: 'Attempt {n}: your phone is ringing; pick up to call {number}.' },
  'console.call.status.ringing': { es: 'Intento {n}: sonando el {number}…', en: 'Attempt {n}: {number} is ringing…' },
  'console.call.status.in_progress': { es: 'Intento {n}: en llamada con el {number}.', en: 'Attempt {n}: on the call with {number}.' },
  'console.call.duration': { es: '{minutes}:{seconds} min', en: '{minutes}:{seconds} min' },
  'console.call.manual': { es: 'Intento {n}: registrar una llamada hecha fuera de la consola', en: 'Attempt {n}: record a call made outside the console' },
  'console.call.confirm.title': { es: 'Intento {n}: han descolgado. ¿Quién ha contestado?', en: 'Attempt {n}: someone picked up. Who answered?' },
  'console.call.confirm.who': { es: 'Quién contestó', en: 'Who answered' },
  'console.call.confirm.submit': { es: 'Confirmar', en: 'Confirm' },

  'console.event.contact_call': { es: 'Llamada al cliente', en: 'Call to the customer' },
  'console.event.contact_call_ended': { es: 'Llamada sin intento', en: 'Call without an attempt' },
  'console.event.contact_attempt_confirmed': { es: 'Quién contestó', en: 'Who answered' },
  'console.callEnd.agent_unreachable': { es: 'tu teléfono no contestó', en: 'your phone did not answer' },
  'console.callEnd.not_placed': { es: 'no se pudo hacer', en: 'it could not be placed' },
  'console.callEnd.no_report': { es: 'el proveedor no informó de cómo terminó', en: 'the provider never said how it ended' },

  'web.phone.incoming.title': { es: 'Llamada entrante', en: 'Incoming call' },
  'web.phone.incoming.from': { es: 'Te llama el banco ({number}) al {to}', en: 'The bank ({number}) is calling {to}' },
  'web.phone.incoming.fromBank': { es: 'Te llama el banco al {to}', en: 'The bank is calling {to}' },
  'web.phone.incoming.answer': { es: 'Contestar', en: 'Answer' },
  'web.phone.incoming.decline': { es: 'Rechazar', en: 'Decline' },
  'web.phone.incoming.talking': { es: 'En llamada con el banco', en: 'On the call with the bank' },
  'web.phone.incoming.hangUp': { es: 'Colgar', en: 'Hang up' },
  'web.phone.incoming.hint': { es: 'Si no contestas, deja de sonar a los {seconds} s y el banco lo anota como «no contesta».', en: 'If you do not answer, it stops ringing after {seconds} s and the bank records "no answer".' },
};

import type { Text } from '../../i18n/catalogue.ts';
import type { HandoverReason } from '../../ivr/flow-types.ts';
import type { HandoverBranch, HandoverStatus } from '../../ivr/schema.ts';
import type { HandoverApiReason } from './errors.ts';

/**
 * What the handovers say to the contact centre: the API's refusals (`handover.error.<reason>`),
 * the names of statuses, reasons, branches and lines, and the console page `/console/handovers`
 * (`console.handovers.*`).
 */
const errors: Record<`handover.error.${HandoverApiReason}`, Text> = {
  'handover.error.handover_not_found': { es: 'No existe esa llamada transferida.', en: 'There is no such transferred call.' },
  'handover.error.handover_taken': {
    es: 'Otra persona ya ha tomado esta llamada.',
    en: 'Someone else has already taken this call.',
  },
  'handover.error.handover_closed': { es: 'Esta llamada ya está cerrada.', en: 'This call is already closed.' },
  'handover.error.handover_waiting': {
    es: 'La llamada aún está sonando en la línea de agentes: tómela antes de cerrarla.',
    en: 'The call is still ringing at the agent line: take it before closing it.',
  },
  'handover.error.contact_centre_only': {
    es: 'Las llamadas que transfiere la locución son del centro de atención: agentes, supervisores y administración.',
    en: 'The calls the IVR transfers are for the contact centre: agents, supervisors and administrators.',
  },
};

const statuses: Record<`handover.status.${HandoverStatus}`, Text> = {
  'handover.status.waiting': { es: 'Sonando', en: 'Ringing' },
  'handover.status.taken': { es: 'Atendida', en: 'Taken' },
  'handover.status.unanswered': { es: 'Sin atender', en: 'Unanswered' },
  'handover.status.closed': { es: 'Cerrada', en: 'Closed' },
};

const reasons: Record<`handover.reason.${HandoverReason}`, Text> = {
  'handover.reason.cif_passport': { es: 'Tiene CIF o pasaporte', en: 'Has a CIF or a passport' },
  'handover.reason.retries_exhausted': { es: 'Agotó los intentos', en: 'Ran out of attempts' },
  'handover.reason.pin_blocked': { es: 'Agotó los intentos; el PIN de la tarjeta está bloqueado', en: 'Ran out of attempts; the card’s PIN is blocked' },
  'handover.reason.error': { es: 'Error técnico de la locución', en: 'Technical error of the IVR' },
  'handover.reason.asked_for_agent': { es: 'Pidió hablar con un agente', en: 'Asked for an agent' },
  'handover.reason.unavailable': { es: 'Identificado, pero la locución no pudo hacer la gestión', en: 'Identified, but the IVR could not do the request' },
};

const branches: Record<`handover.branch.${HandoverBranch}`, Text> = {
  'handover.branch.1.1': { es: '1.1 Usuario de Banca Electrónica', en: '1.1 Online banking user' },
  'handover.branch.1.2': { es: '1.2 Usuario de Banca Telefónica', en: '1.2 Phone banking user' },
  'handover.branch.2': { es: '2 Operación bloqueada', en: '2 Blocked operation' },
  'handover.branch.3.1': { es: '3.1 Firma para operar', en: '3.1 Signature' },
  'handover.branch.3.2': { es: '3.2 Clave enviada por SMS', en: '3.2 Code sent by SMS' },
  'handover.branch.menu': { es: 'En un menú, antes de elegir gestión', en: 'At a menu, before choosing a request' },
};

// The lines of the IVR flow (src/ivr/flow.ts `lines`).
const lines: Record<string, Text> = {
  'handover.line.unlock': { es: 'Teléfono de desbloqueo', en: 'Unlock line' },
  'handover.line.support': { es: 'Soporte Banca Electrónica', en: 'Online banking support' },
  'handover.line.onlineBanking': { es: 'Directo: usuario de Banca Electrónica', en: 'Direct: online banking user' },
  'handover.line.phoneBanking': { es: 'Directo: usuario de Banca Telefónica', en: 'Direct: phone banking user' },
  'handover.line.blockedOperation': { es: 'Directo: operación bloqueada', en: 'Direct: blocked operation' },
  'handover.line.signature': { es: 'Directo: firma para operar', en: 'Direct: signature' },
  'handover.line.signingCode': { es: 'Directo: clave enviada por SMS', en: 'Direct: code sent by SMS' },
};

const console: Record<string, Text> = {
  'console.nav.handovers': { es: 'Llamadas transferidas', en: 'Transferred calls' },
  'console.handovers.title': { es: 'Llamadas transferidas por la locución', en: 'Calls transferred by the IVR' },
  'console.handovers.lead': {
    es: 'Las llamadas que la locución pasa a la línea de agentes, con lo que ya se sabe: quién se identificó, en qué gestión estaba y por qué se transfirió. Tome la que atiende.',
    en: 'The calls the IVR passes to the agent line, with what is already known: who was identified, which request they were in and why they were transferred. Take the one you answer.',
  },
  'console.handovers.filter': { es: 'Qué llamadas ver', en: 'Which calls to show' },
  'console.handovers.filter.waiting': { es: 'Sonando', en: 'Ringing' },
  'console.handovers.filter.active': { es: 'Sin cerrar', en: 'Not closed' },
  'console.handovers.filter.unanswered': { es: 'Sin atender', en: 'Unanswered' },
  'console.handovers.filter.all': { es: 'Todas', en: 'All' },
  'console.handovers.empty': { es: 'No hay llamadas aquí.', en: 'No calls here.' },
  'console.handovers.caption': { es: '{count} llamadas transferidas, las más recientes primero', en: '{count} transferred calls, newest first' },
  'console.handovers.when': { es: 'Hora', en: 'Time' },
  'console.handovers.who': { es: 'Quién llama', en: 'Caller' },
  'console.handovers.branch': { es: 'Gestión', en: 'Request' },
  'console.handovers.reason': { es: 'Motivo', en: 'Reason' },
  'console.handovers.status': { es: 'Estado', en: 'Status' },
  'console.handovers.notIdentified': { es: 'No identificado', en: 'Not identified' },
  'console.handovers.notIdentifiedHint': {
    es: 'La llamada no superó la identificación: verifique la identidad con las preguntas de seguridad.',
    en: 'The call did not pass identification: check the identity with the security questions.',
  },
  'console.handovers.identifiedHint': {
    es: 'Identificado por la locución: documento, teléfono registrado y tarjeta con PIN.',
    en: 'Identified by the IVR: document, registered phone and card with PIN.',
  },
  'console.handovers.open': { es: 'Ver la llamada del {time}', en: 'See the call of {time}' },
  'console.handovers.detail': { es: 'Llamada del {time}', en: 'Call of {time}' },
  'console.handovers.caller': { es: 'Teléfono que llama', en: 'Calling phone' },
  'console.handovers.withheld': { es: 'Número oculto', en: 'Number withheld' },
  'console.handovers.line': { es: 'Línea marcada', en: 'Line dialled' },
  'console.handovers.language': { es: 'Idioma de la llamada', en: 'Language of the call' },
  'console.handovers.language.es': { es: 'Castellano', en: 'Spanish' },
  'console.handovers.language.en': { es: 'Inglés', en: 'English' },
  'console.handovers.customer': { es: 'Cliente', en: 'Customer' },
  'console.handovers.takenBy': { es: 'Tomada por', en: 'Taken by' },
  'console.handovers.byPhone': { es: 'Atendida por teléfono', en: 'Answered by phone' },
  'console.handovers.take': { es: 'Tomar la llamada', en: 'Take the call' },
  'console.handovers.close': { es: 'Dar por atendida y cerrar', en: 'Mark as dealt with and close' },
  'console.handovers.mine': { es: 'Es suya: la atiende usted.', en: 'It is yours: you are taking it.' },
  'console.handovers.openCustomer': { es: 'Abrir la ficha de {name}', en: 'Open {name}’s page' },
  'console.handovers.refresh': { es: 'Actualizar', en: 'Refresh' },
};

export const handoverMessages: Record<string, Text> = { ...errors, ...statuses, ...reasons, ...branches, ...lines, ...console };

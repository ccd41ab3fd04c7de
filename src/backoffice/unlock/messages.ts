import type { Text } from '../../i18n/catalogue.ts';
import type { UnlockReason } from './errors.ts';
import type { UnlockStep } from './rules.ts';

/**
 * What the ways back say on the server side: each refusal (`unlock.error.<reason>`), the name of
 * each step of a branch unlock, and the closing comment of the case it closes (written in the
 * bank's default language, like the playbook's).
 */
const errors: Record<`unlock.error.${UnlockReason}`, Text> = {
  'unlock.error.customer_not_found': { es: 'No existe ese cliente o no es de su oficina.', en: 'There is no such customer, or not of your branch.' },
  'unlock.error.request_not_found': { es: 'No existe esa solicitud de desbloqueo.', en: 'There is no such unlock request.' },
  'unlock.error.card_not_found': { es: 'El cliente no tiene esa tarjeta.', en: 'The customer has no such card.' },
  'unlock.error.branch_only': { es: 'El desbloqueo lo hace la oficina del cliente, tras identificarlo en persona.', en: 'The customer’s branch unlocks, after identifying them in person.' },
  'unlock.error.own_request': { es: 'Otra persona debe aprobar su solicitud (doble validación).', en: 'Someone else must approve your request (four-eyes).' },
  'unlock.error.approval_not_allowed': {
    es: 'Aprueba otro empleado de la misma oficina o un supervisor.',
    en: 'Another user of the same branch, or a supervisor, approves.',
  },
  'unlock.error.security_check_required': {
    es: 'Hace falta que el cliente haya superado hace poco las preguntas de seguridad en un caso suyo.',
    en: 'The customer must have passed the security questions recently on one of their cases.',
  },
  'unlock.error.supervisor_only': { es: 'Solo un supervisor reabre un caso cerrado.', en: 'Only a supervisor reopens a closed case.' },
  'unlock.error.document_mismatch': {
    es: 'El documento no coincide con el del cliente. Compruebe el tipo y el número.',
    en: 'The document does not match the customer’s. Check the type and the number.',
  },
  'unlock.error.wrong_case': { es: 'Ese caso no es de este cliente.', en: 'That case is not this customer’s.' },
  'unlock.error.case_required': { es: 'Indique el caso en el que el cliente superó las preguntas de seguridad.', en: 'Name the case on which the customer passed the security questions.' },
  'unlock.error.nothing_to_unlock': { es: 'El cliente no tiene bloqueos del centro de atención ni el perfil CONSULTAS.', en: 'The customer has no contact-centre block and no read-only profile.' },
  'unlock.error.unlock_pending': { es: 'Ya hay una solicitud de desbloqueo de este cliente esperando aprobación.', en: 'An unlock request for this customer is already waiting for approval.' },
  'unlock.error.request_decided': { es: 'Esa solicitud ya se aprobó o se rechazó.', en: 'That request was already approved or rejected.' },
  'unlock.error.pin_not_blocked': { es: 'El PIN de esa tarjeta no está bloqueado.', en: 'That card’s PIN is not blocked.' },
};

const steps: Record<`unlock.step.${UnlockStep}`, Text> = {
  'unlock.step.lift_cae': { es: 'BLOQUEO CAE levantado', en: 'contact-centre block lifted' },
  'unlock.step.lift_signature': { es: 'BLOQUEO DE FIRMA levantado', en: 'signature block lifted' },
  'unlock.step.restore_profile': { es: 'perfil completo restaurado', en: 'full profile restored' },
};

export const unlockMessages: Record<string, Text> = {
  ...errors,
  ...steps,
  'unlock.close.comment': {
    es: 'Desbloqueo en oficina {office}: cliente identificado en persona ({document}). Hecho: {done}. Se avisa al cliente por SMS.',
    en: 'Unlocked at branch {office}: customer identified in person ({document}). Done: {done}. The customer is told by SMS.',
  },
  'unlock.close.approved': { es: 'Aprobado por {approver} (doble validación).', en: 'Approved by {approver} (four-eyes).' },
};

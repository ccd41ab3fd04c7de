import type { Text } from '../../i18n/catalogue.ts';

/**
 * Texts of the playbook (seed 002) for agents and customers: what each step is called in the
 * console, what the agent says, the call script, the texts the playbook writes on cases, and the
 * refusals (`playbook.error.<reason>`). Spanish as the seed words it; English complete.
 */
export const playbookMessages: Record<string, Text> = {
  'playbook.action.say': { es: 'Indicar al cliente', en: 'Tell the customer' },
  'playbook.action.block_signature': { es: 'BLOQUEO DE FIRMA', en: 'Signature block' },
  'playbook.action.block_cae': { es: 'BLOQUEO CAE', en: 'Contact-centre (CAE) block' },
  'playbook.action.block_access': { es: 'BLOQUEO DE BANCA ELECTRÓNICA', en: 'Online-banking block' },
  'playbook.action.set_profile_read_only': { es: 'Perfil a CONSULTAS', en: 'Read-only profile' },
  'playbook.action.start_fraud_protocol': { es: 'Activar el protocolo de fraudes', en: 'Start the fraud protocol' },
  'playbook.action.unlink_recent_devices': { es: 'Desvincular dispositivos nuevos (FIRMOV)', en: 'Unlink new mobile-signature devices' },
  'playbook.action.create_main_case': { es: 'Crear el caso principal', en: 'Open the main case' },
  'playbook.action.link_and_close_alert_case': { es: 'Vincular y cerrar el caso de la alerta', en: 'Link and close the alert case' },
  'playbook.action.apply_macro': { es: 'Aplicar la macro', en: 'Apply the macro' },
  'playbook.action.await_email_sent': { es: 'Enviar el correo (con la oficina en copia)', en: 'Send the email (office in copy)' },
  'playbook.action.set_pending_customer': { es: 'Estado “Pendiente de cliente”', en: 'Status "Pending customer"' },
  'playbook.action.assign_office_queue': { es: 'Asignar a la cola de la oficina', en: "Assign to the office's queue" },
  'playbook.action.mention_office': { es: 'Mention a la oficina', en: 'Mention the office' },
  'playbook.action.mention_manager': { es: 'Mention al gestor', en: 'Mention the manager' },
  'playbook.action.close_case': { es: 'Cerrar el caso', en: 'Close the case' },

  'playbook.say.thanks': {
    es: 'Le agradecemos el tiempo que nos ha dedicado. Para completar la operación, siga las instrucciones que aparecen en pantalla; si lo necesita, puede llamar al teléfono de soporte de Banca Electrónica, 901 511 000, o escribirnos por chat.',
    en: 'Thank you for your time. To complete the operation, please follow the instructions on the screen; if you need help, call online banking support on 901 511 000 or write to us by chat.',
  },
  'playbook.say.keys_blocked': {
    es: 'Por motivos de seguridad, hemos procedido a bloquear sus claves de acceso a Banca Electrónica.',
    en: 'For security reasons, we have blocked your online banking credentials.',
  },
  'playbook.say.antivirus': {
    es: 'Le pedimos que pase un antivirus en los ordenadores y móviles que suele utilizar.',
    en: 'Please run an antivirus scan on the computers and phones you usually use.',
  },
  'playbook.say.visit_branch': {
    es: 'Para desbloquear su Banca Electrónica, debe acudir a su oficina.',
    en: 'To unlock your online banking, you need to visit your branch.',
  },

  'playbook.script.reason': {
    es: 'Hola, le llamamos de su banco porque hemos detectado operaciones sospechosas desde su Banca Electrónica y necesitamos realizarle unas preguntas de seguridad para confirmar con usted que no se trata de algún intento de fraude.',
    en: 'Hello, we are calling from your bank because we have detected suspicious operations from your online banking, and we need to ask you some security questions to confirm with you that this is not an attempted fraud.',
  },
  'playbook.script.holder': { es: '¿Hablo con {name}, titular de la Banca Electrónica?', en: 'Am I speaking with {name}, the online banking holder?' },
  'playbook.script.entity': {
    es: '¿Me puede decir el nombre de la persona que en este momento representa a {name}?',
    en: 'Could you tell me the name of the person who represents {name} at this moment?',
  },
  'playbook.script.holderOnly': {
    es: 'Solo es válida la confirmación del titular de la Banca Electrónica (en una empresa, de su representante). Si responde otra persona, anote el intento como «no es el titular».',
    en: 'Only the online banking holder (for a company, its representative) may confirm. If someone else answers, record the attempt as "not the holder".',
  },
  'playbook.script.anyDoubt': {
    es: 'Ante cualquier duda, establezca BLOQUEO CAE y BLOQUEO DE FIRMA (resultado «Ante cualquier duda»).',
    en: 'If in any doubt, set the CAE block and the signature block (outcome "Any doubt").',
  },

  'playbook.attempt.answered': { es: 'Contesta el titular', en: 'The holder answered' },
  'playbook.attempt.no_answer': { es: 'No contesta', en: 'No answer' },
  'playbook.attempt.busy': { es: 'Comunica', en: 'Busy' },
  'playbook.attempt.voicemail': { es: 'Buzón de voz', en: 'Voicemail' },
  'playbook.attempt.wrong_number': { es: 'Número erróneo', en: 'Wrong number' },
  'playbook.attempt.not_holder': { es: 'Contesta otra persona (no es el titular)', en: 'Someone else answered (not the holder)' },

  'playbook.requirement.answered_call': { es: 'Hace falta una llamada atendida por el titular', en: 'A call answered by the holder is needed' },
  'playbook.requirement.passed_check': { es: 'Hace falta superar las preguntas de seguridad', en: 'The security questions must be passed' },
  'playbook.requirement.failed_check': { es: 'Solo tras fallar las preguntas de seguridad', en: 'Only after the security questions were failed' },
  'playbook.requirement.attempts_exhausted': { es: 'Solo tras 3 intentos de contacto sin respuesta', en: 'Only after 3 contact attempts without an answer' },

  'playbook.pending.cae_block': { es: 'Se establece BLOQUEO CAE', en: 'Contact-centre (CAE) block set' },
  'playbook.mention.assigned': {
    es: 'Os asignamos el caso {caseNumber} para vuestro conocimiento y gestión: {outcome}. Se ha establecido BLOQUEO CAE.',
    en: 'We assign you case {caseNumber} for your information and handling: {outcome}. A contact-centre (CAE) block was set.',
  },
  'playbook.mention.done': {
    es: 'Para vuestro conocimiento, caso {caseNumber}: {outcome}. Gestión realizada: {done}.',
    en: 'For your information, case {caseNumber}: {outcome}. Done: {done}.',
  },
  'playbook.close.linked': { es: 'Cerrado y vinculado al caso principal {caseNumber}.', en: 'Closed and linked to main case {caseNumber}.' },
  'playbook.block.reason': { es: 'Alerta de fraude, caso {caseNumber}: {outcome}', en: 'Fraud alert, case {caseNumber}: {outcome}' },
  'playbook.fraudTask.note': {
    es: 'El cliente no reconoce la operación del caso {caseNumber}; se han bloqueado la firma y el acceso (CAE) y el perfil está en CONSULTAS.',
    en: 'The customer does not recognise the operation of case {caseNumber}; signature and access (CAE) blocked, profile read-only.',
  },
  'playbook.devices.reason': { es: 'Vinculado recientemente; alerta de fraude sin respuesta, caso {caseNumber}', en: 'Linked recently; unanswered fraud alert, case {caseNumber}' },

  'playbook.error.contact_centre_only': { es: 'Solo el centro de contacto puede hacer esto.', en: 'Only the contact centre can do this.' },
  'playbook.error.not_alert_case': { es: 'Este caso no es el caso de una alerta.', en: 'This case is not an alert case.' },
  'playbook.error.attempt_limit': { es: 'Ya se han hecho los 3 intentos de contacto de esta alerta.', en: 'The 3 contact attempts of this alert have been made.' },
  'playbook.error.no_phone': { es: 'El cliente no tiene ningún teléfono registrado.', en: 'The customer has no registered phone.' },
  'playbook.error.phone_not_allowed': {
    es: 'Ese teléfono no toca ahora: si el cliente tiene fijo, el primer intento es al fijo.',
    en: 'That phone is not the one to call now: when the customer has a landline, the first attempt goes to it.',
  },
  'playbook.error.answered_by_required': { es: 'Indique qué representante ha contestado.', en: 'Say which representative answered.' },
  'playbook.error.not_a_representative': { es: 'Esa persona no es representante de la empresa.', en: 'That person does not represent the company.' },
  'playbook.error.not_the_holder': { es: 'Solo el titular de la Banca Electrónica puede contestar por este cliente.', en: 'Only the online banking holder can answer for this customer.' },
  'playbook.error.no_answered_call': { es: 'Primero registre una llamada atendida por el titular.', en: 'First record a call the holder answered.' },
  'playbook.error.check_open': { es: 'Hay preguntas de seguridad sin responder para otra persona.', en: 'Security questions for another person are still unanswered.' },
  'playbook.error.check_failed_before': {
    es: 'Las preguntas de seguridad ya se fallaron en este caso: aplique «No responde correctamente» o «Ante cualquier duda».',
    en: 'The security questions were already failed on this case: apply "Fails the security questions" or "Any doubt".',
  },
  'playbook.error.already_verified': { es: 'La identidad ya está verificada en este caso.', en: 'Identity is already verified on this case.' },
  'playbook.error.no_questions': { es: 'No hay datos del cliente para hacer preguntas de seguridad.', en: "There is no customer data to ask security questions about." },
  'playbook.error.check_not_found': { es: 'No existen esas preguntas de seguridad.', en: 'No such security check.' },
  'playbook.error.check_answered': { es: 'Esas preguntas de seguridad ya se respondieron.', en: 'Those security questions were already answered.' },
  'playbook.error.answers_mismatch': { es: 'Responda exactamente a las preguntas planteadas.', en: 'Answer exactly the questions asked.' },
  'playbook.error.requirements_not_met': { es: 'Este resultado aún no se puede aplicar.', en: 'This outcome cannot be applied yet.' },
  'playbook.error.outcome_already_set': { es: 'Este caso ya tiene otro resultado.', en: 'This case already has another outcome.' },
  'playbook.error.answered_by_mismatch': { es: 'Esa persona no es quien superó las preguntas de seguridad.', en: 'That person is not who passed the security questions.' },
  'playbook.error.run_not_found': { es: 'No existe esa ejecución del protocolo.', en: 'No such playbook run.' },
  'playbook.error.draft_not_found': { es: 'No existe ese borrador.', en: 'No such draft.' },
  'playbook.error.draft_sent': { es: 'El correo ya se envió y no se puede modificar.', en: 'The email was already sent and cannot be changed.' },
  'playbook.error.draft_empty': { es: 'El asunto y el texto del correo no pueden quedar vacíos.', en: 'The subject and the text of the email cannot be empty.' },
};

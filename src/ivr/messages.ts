import type { Text } from '../i18n/catalogue.ts';

/**
 * Every word the unlock line says, by prompt id, in Spanish and English. Written to be heard,
 * not read: short sentences, the key to press after what it does, digits spelled out by the
 * action that fills `{placeholders}` ("3 3 1"). Wrong document, caller id, card, PIN or reference
 * all share `ivr.verify.failed`, so nobody learns which it was or whether a document exists.
 */
export const ivrMessages: Record<string, Text> = {
  'ivr.language.greeting': {
    es: 'Bienvenido al servicio telefónico de desbloqueo de claves.',
    en: 'Welcome to the credential unlock phone service.',
  },
  'ivr.language.spanish': { es: 'Para continuar en castellano, pulsa 1.', en: 'To continue in Spanish, press 1.' },
  'ivr.language.english': { es: 'Para continuar en inglés, pulsa 2.', en: 'For English, press 2.' },
  'ivr.welcome': {
    es: 'Con este sistema automático puedes desbloquear tus claves sin esperar a ser atendido, las 24 horas del día, los 7 días de la semana.',
    en: 'With this automated service you can unlock your credentials without waiting for an agent, 24 hours a day, 7 days a week.',
  },
  'ivr.support.menu': {
    es: 'Soporte de Banca Electrónica. Para consultas sobre el uso de tu Banca Electrónica, pulsa 1. Para otras consultas, pulsa 2. Para el desbloqueo de claves, pulsa 3.',
    en: 'Online banking support. For help using online banking, press 1. For other queries, press 2. To unlock your credentials, press 3.',
  },
  'ivr.main.menu': {
    es: 'Para desbloquear o recuperar tu usuario, pulsa 1. Para desbloquear una operación, pulsa 2. Para otras gestiones, pulsa 3.',
    en: 'To unlock or recover your user, press 1. To release a blocked operation, press 2. For other requests, press 3.',
  },
  'ivr.user.menu': {
    es: 'Para tu usuario de Banca Electrónica, pulsa 1. Para tu usuario de Banca Telefónica, pulsa 2.',
    en: 'For your online banking user, press 1. For your phone banking user, press 2.',
  },
  'ivr.other.menu': {
    es: 'Para desbloquear o recuperar la firma de operaciones, pulsa 1. Para obtener la clave de firma que te enviamos por SMS, pulsa 2.',
    en: 'To unlock or recover your right to sign operations, press 1. To get the signing code we sent you by SMS, press 2.',
  },
  'ivr.onlineBanking.intro': { es: 'Desbloqueo y recuperación de tu usuario de Banca Electrónica.', en: 'Unlock and recovery of your online banking user.' },
  'ivr.phoneBanking.intro': { es: 'Desbloqueo y recuperación de tu usuario de Banca Telefónica.', en: 'Unlock and recovery of your phone banking user.' },
  'ivr.blockedOperation.intro': { es: 'Desbloqueo de una operación.', en: 'Release of a blocked operation.' },
  'ivr.signature.intro': { es: 'Desbloqueo y recuperación de la firma de operaciones.', en: 'Unlock and recovery of your right to sign operations.' },
  'ivr.signingCode.intro': { es: 'Clave de firma de una operación.', en: 'Signing code of an operation.' },
  'ivr.callerId.reminder': {
    es: 'Es importante que llames desde el teléfono que tienes registrado en la entidad.',
    en: 'Please make sure you are calling from the phone number registered with the bank.',
  },
  'ivr.callerId.withheld': {
    es: 'Para usar este servicio tienes que llamar desde el teléfono que tienes registrado en la entidad, sin ocultar tu número.',
    en: 'To use this service, call from the phone number registered with the bank, without hiding your number.',
  },
  'ivr.document.type': {
    es: 'Si tienes DNI, pulsa 1. Si tienes NIE, pulsa 2. Si tienes CIF o pasaporte, pulsa 3.',
    en: 'If you have a Spanish DNI, press 1. If you have an NIE, press 2. If you have a CIF or a passport, press 3.',
  },
  'ivr.document.dni': { es: 'Marca los 8 números de tu DNI, sin la letra.', en: 'Enter the 8 digits of your DNI, without the letter.' },
  'ivr.document.nie': {
    es: 'Marca tu NIE sin la letra final. Para la X marca 0, para la Y marca 1 y para la Z marca 2, y después los 7 números.',
    en: 'Enter your NIE without the final letter. For X press 0, for Y press 1, for Z press 2, then the 7 digits.',
  },
  'ivr.operation.reference': {
    es: 'Marca los 8 números de la referencia de la operación que ves en tu Banca Electrónica.',
    en: 'Enter the 8 digits of the operation reference shown in your online banking.',
  },
  'ivr.card.last4': {
    es: 'Marca los 4 últimos números de una de tus tarjetas de débito o de crédito.',
    en: 'Enter the last 4 digits of one of your debit or credit cards.',
  },
  'ivr.card.pin': { es: 'Ahora marca el PIN de esa tarjeta y después la almohadilla.', en: 'Now enter the PIN of that card, followed by the hash key.' },
  'ivr.verify.failed': {
    es: 'No hemos podido comprobar tus datos. Recuerda llamar desde el teléfono que tienes registrado en la entidad.',
    en: 'We could not check your details. Remember to call from the phone number registered with the bank.',
  },
  'ivr.onlineBanking.done': {
    es: 'Listo. Te hemos enviado tu código de usuario al correo electrónico que tienes registrado y una contraseña temporal por SMS a tu móvil terminado en {mobileEnding}. Cuando entres en tu Banca Electrónica tendrás que cambiarla; después te confirmaremos el cambio por SMS.',
    en: 'Done. We have sent your user code to your registered email address and a temporary password by SMS to your mobile ending in {mobileEnding}. When you sign in to online banking you will have to change it; we will then confirm the change by SMS.',
  },
  'ivr.phoneBanking.done': {
    es: 'Listo. Te hemos enviado por SMS tus nuevas claves de Banca Telefónica a tu móvil terminado en {mobileEnding}.',
    en: 'Done. We have sent your new phone banking credentials by SMS to your mobile ending in {mobileEnding}.',
  },
  'ivr.blockedOperation.done': {
    es: 'Te hemos enviado por SMS el código de desbloqueo a tu móvil terminado en {mobileEnding}. Introdúcelo en tu Banca Electrónica para desbloquear la operación.',
    en: 'We have sent the unlock code by SMS to your mobile ending in {mobileEnding}. Enter it in online banking to release the operation.',
  },
  'ivr.signature.done': { es: 'Listo. Tu firma de operaciones ha quedado desbloqueada.', en: 'Done. Your right to sign operations is unlocked.' },
  'ivr.signingCode.read': {
    es: 'La clave de firma de la operación con referencia {reference} es: {digits}.',
    en: 'The signing code of the operation with reference {reference} is: {digits}.',
  },
  'ivr.signingCode.signatureBlocked': {
    es: 'Tu firma de operaciones está bloqueada, así que ninguna clave podría firmar esta operación. Para desbloquearla ahora, pulsa 1. Para terminar la llamada, pulsa 2.',
    en: 'Your right to sign operations is blocked, so no code could sign this operation. To unlock it now, press 1. To end the call, press 2.',
  },
  'ivr.signingCode.again': {
    es: 'Para volver a escucharla, espera en línea. Si ya la has anotado, pulsa cualquier tecla para terminar.',
    en: 'To hear it again, stay on the line. If you have written it down, press any key to finish.',
  },
  'ivr.visitBranch': {
    es: 'Por seguridad, tus claves solo se pueden desbloquear en tu oficina. Acude a ella con tu documento de identidad.',
    en: 'For your security, your credentials can only be unlocked at your branch. Please visit it with your identity document.',
  },
  'ivr.unavailable': {
    es: 'No podemos completar tu solicitud por este canal.',
    en: 'We cannot complete your request through this service.',
  },
  'ivr.transfer.cifPassport': {
    es: 'Con CIF o pasaporte te atiende un agente. Te pasamos la llamada; espera un momento, por favor.',
    en: 'With a CIF or a passport, an agent will help you. We are transferring your call; please hold.',
  },
  'ivr.transfer.agent': { es: 'Te pasamos con un agente. Espera un momento, por favor.', en: 'We are transferring you to an agent. Please hold.' },
  // Said when nobody answers a transfer (the Dial's action), then the call ends.
  'ivr.handover.unanswered': {
    es: 'Lo sentimos, ahora mismo nuestros agentes no pueden atenderte.',
    en: 'Sorry, our agents cannot take your call right now.',
  },
  'ivr.handover.hours': { es: 'Horario de atención de nuestros agentes: {hours}.', en: 'Our agents are available: {hours}.' },
  // The `{hours}` of a line open around the clock (other hours are read from the directory).
  'ivr.handover.allDay': { es: 'las 24 horas, todos los días', en: '24 hours a day, every day' },
  'ivr.handover.alternatives': {
    es: 'También puedes recuperar tus claves en la web del banco, en Recuperación de claves; volver a llamar a este número cuando quieras; o acudir a tu oficina.',
    en: "You can also recover your credentials on the bank's website, under Credential recovery; call this number again at any time; or visit your branch.",
  },
  'ivr.exhausted': { es: 'No hemos podido continuar.', en: 'We could not go on.' },
  'ivr.exhausted.callAgain': {
    es: 'Puedes volver a llamar cuando quieras o acudir a tu oficina.',
    en: 'You can call again at any time or visit your branch.',
  },
  'ivr.error': { es: 'Lo sentimos, ha habido un problema técnico.', en: 'Sorry, there has been a technical problem.' },
  'ivr.reprompt.noInput': { es: 'No hemos recibido ninguna respuesta.', en: 'We did not receive any answer.' },
  'ivr.reprompt.invalid': { es: 'Lo que has marcado no es válido.', en: 'What you entered is not valid.' },
  // Said by the adapter, not the flow: a retried webhook after a code was read out.
  'ivr.secret.notRepeated': {
    es: 'Por seguridad, la clave no se puede repetir en esta llamada. Si la necesitas, vuelve a llamar.',
    en: 'For your security, the code cannot be repeated on this call. If you need it, please call again.',
  },
  'ivr.rate_limited': {
    es: 'Hemos recibido muchas llamadas desde este número en poco tiempo. Por tu seguridad, vuelve a llamar dentro de unos minutos.',
    en: 'We have received many calls from this number in a short time. For your security, please call again in a few minutes.',
  },
  'ivr.goodbye': { es: 'Gracias por llamar. Adiós.', en: 'Thank you for calling. Goodbye.' },
};

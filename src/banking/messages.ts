import type { Text } from '../i18n/catalogue.ts';

/**
 * What the online-banking API says (the `message` of each refusal, `banking.error.<reason>`), the
 * words an SMS uses for each kind of operation, and the SMS of a device link. The pages keep
 * their own texts (`bankingWeb`); these are the server's.
 */
export const bankingMessages: Record<string, Text> = {
  'banking.error.no_session': { es: 'Necesita identificarse para entrar en su Banca a Distancia.', en: 'Please sign in to online banking.' },
  'banking.error.session_expired': {
    es: 'Su sesión ha terminado por inactividad. Vuelva a identificarse.',
    en: 'Your session ended after a period of inactivity. Please sign in again.',
  },
  'banking.error.invalid_credentials': {
    es: 'El código de usuario o la contraseña no son correctos.',
    en: 'The user code or the password is not correct.',
  },
  'banking.error.access_blocked': {
    es: 'Su acceso a Banca a Distancia está bloqueado. Puede desbloquearlo usted mismo con "Ya tengo Banca a Distancia, pero he perdido o bloqueado mis claves" o llamando al {helpPhone}.',
    en: 'Your online banking access is blocked. You can unlock it yourself with "I already have online banking but lost or blocked my credentials" or by calling {helpPhone}.',
  },
  'banking.error.temporary_expired': {
    es: 'La contraseña temporal ha caducado o ya se usó. Vuelva a solicitar sus claves.',
    en: 'The temporary password has expired or was already used. Please ask for your credentials again.',
  },
  'banking.error.visit_branch': {
    es: 'Por su seguridad no podemos continuar por este canal. Acuda a su oficina, donde le ayudarán.',
    en: 'For your security we cannot continue through this channel. Please visit your branch, where they will help you.',
  },
  'banking.error.password_change_required': {
    es: 'Antes de continuar tiene que cambiar la contraseña temporal.',
    en: 'You must change your temporary password before you continue.',
  },
  'banking.error.read_only_profile': {
    es: 'Su perfil de Banca a Distancia solo permite consultas. Acuda a su oficina para operar.',
    en: 'Your online banking profile is read-only. Please visit your branch to make operations.',
  },
  'banking.error.signature_blocked': {
    es: 'Su firma de operaciones está bloqueada. Puede desbloquearla llamando al {helpPhone}.',
    en: 'Your right to sign operations is blocked. You can unlock it by calling {helpPhone}.',
  },
  'banking.error.wrong_current': { es: 'La contraseña actual no es correcta.', en: 'The current password is not correct.' },
  'banking.error.mismatch': { es: 'La contraseña nueva y su repetición no coinciden.', en: 'The new password and its repetition do not match.' },
  'banking.error.too_short': { es: 'La contraseña nueva es demasiado corta.', en: 'The new password is too short.' },
  'banking.error.too_long': { es: 'La contraseña nueva es demasiado larga.', en: 'The new password is too long.' },
  'banking.error.too_common': {
    es: 'La contraseña nueva es demasiado fácil de adivinar. Elija otra más larga o menos común.',
    en: 'The new password is too easy to guess. Choose a longer or less common one.',
  },
  'banking.error.same_as_current': { es: 'La contraseña nueva debe ser distinta de la actual.', en: 'The new password must differ from the current one.' },
  'banking.error.invalid_code': { es: 'La clave no es correcta.', en: 'The code is not correct.' },
  'banking.error.expired_code': {
    es: 'La clave ha caducado o ya se ha usado. Pida una nueva.',
    en: 'The code has expired or was already used. Ask for a new one.',
  },
  'banking.error.too_many': {
    es: 'Ha agotado los intentos de esta clave.',
    en: 'You have used up the attempts for this code.',
  },
  'banking.error.invalid_iban': { es: 'El IBAN no es válido.', en: 'The IBAN is not valid.' },
  'banking.error.invalid_amount': {
    es: 'El importe debe ser mayor que cero y tener como máximo dos decimales.',
    en: 'The amount must be above zero with at most two decimals.',
  },
  'banking.error.invalid_beneficiary': { es: 'Indique el nombre del beneficiario.', en: 'Please give the beneficiary’s name.' },
  'banking.error.wrong_status': {
    es: 'La operación ya no admite esta acción.',
    en: 'The operation no longer allows this action.',
  },
  'banking.error.no_mobile': {
    es: 'No tenemos un teléfono móvil suyo para enviarle la clave. Acuda a su oficina.',
    en: 'We have no mobile phone of yours to send the code to. Please visit your branch.',
  },
  'banking.error.operation_not_found': { es: 'No encontramos esa operación.', en: 'We cannot find that operation.' },
  'banking.error.device_not_found': { es: 'No encontramos ese dispositivo.', en: 'We cannot find that device.' },
  'banking.error.resend_too_soon': {
    es: 'Acabamos de enviarle una clave. Espere unos segundos antes de pedir otra.',
    en: 'We have just sent you a code. Wait a few seconds before asking for another.',
  },
  'banking.kind.password_change': {
    es: 'el cambio de contraseña de Usuario de Banca Electrónica',
    en: 'the change of your online banking password',
  },
  'banking.kind.transfer': { es: 'la transferencia', en: 'the transfer' },
  'sms.device_link_code': {
    es: 'Cerrojo: {code} es tu código para vincular el dispositivo "{device}" a la firma móvil. Caduca en {minutes} min. Si no lo has pedido tú, no lo uses y llama a tu banco.',
    en: 'Cerrojo: {code} is your code to link the device "{device}" to mobile signing. It expires in {minutes} min. If you did not ask for it, do not use it and call your bank.',
  },
};

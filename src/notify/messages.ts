import type { Text } from '../i18n/catalogue.ts';

/**
 * SMS and email texts, by template id (see `src/notify/templates.ts`). An email template has
 * its subject under `<id>.subject`; a fragment used only when a parameter is present lives under
 * `<id>.<parameter>`. SMS are kept short and carry only what the customer must read; every SMS
 * with a code says what it is for and that the bank never asks for it.
 */
export const notify: Record<string, Text> = {
  'sms.code.recovery': {
    es: 'Cerrojo: {code} es tu código para confirmar la recuperación de tus claves. Caduca en {minutes} min. No lo compartas: el banco nunca te lo pedirá.',
    en: 'Cerrojo: {code} is your code to confirm the recovery of your credentials. It expires in {minutes} min. Do not share it: the bank will never ask you for it.',
  },
  'sms.temporary_password': {
    es: 'Cerrojo: tu contraseña temporal de Banca a Distancia es {password}. Sirve una sola vez, caduca en {minutes} min y al entrar tendrás que cambiarla. Hemos cerrado todas tus sesiones abiertas.',
    en: 'Cerrojo: your temporary online banking password is {password}. It works once, expires in {minutes} min and you will have to change it when you sign in. We have closed all your open sessions.',
  },
  'sms.password_changed': {
    es: 'Cerrojo: se ha cambiado la contraseña de tu Banca a Distancia. Si no has sido tú, llama a tu banco cuanto antes.',
    en: 'Cerrojo: your online banking password has been changed. If this was not you, call your bank as soon as possible.',
  },
  'sms.signing_code': {
    es: 'Cerrojo: {code} es tu clave para firmar {operation}{amountPart}{ibanPart}{beneficiaryPart} (ref. {reference}). Caduca en {minutes} min. Si no reconoces la operación, no la uses ni la compartas.',
    en: 'Cerrojo: {code} is your code to sign {operation}{amountPart}{ibanPart}{beneficiaryPart} (ref. {reference}). It expires in {minutes} min. If you do not recognise the operation, do not use or share it.',
  },
  'sms.signing_code.amount': { es: ' de {amount}', en: ' for {amount}' },
  'sms.signing_code.iban': { es: ' a la cuenta {iban}', en: ' to account {iban}' },
  'sms.signing_code.beneficiary': { es: ' (beneficiario tal como lo escribiste: "{beneficiary}")', en: ' (payee as you typed it: "{beneficiary}")' },
  'sms.unlock_code': {
    es: 'Cerrojo: {code} es tu código para desbloquear la operación con referencia {reference}. Introdúcelo en tu Banca a Distancia. Caduca en {minutes} min.',
    en: 'Cerrojo: {code} is your code to release the operation with reference {reference}. Enter it in online banking. It expires in {minutes} min.',
  },
  'sms.phone_banking_credentials': {
    es: 'Cerrojo: tus nuevas claves de Banca Telefónica son usuario {userCode} y clave {pin}. No las compartas con nadie: el banco nunca te las pedirá.',
    en: 'Cerrojo: your new phone banking credentials are user {userCode} and PIN {pin}. Do not share them: the bank will never ask you for them.',
  },
  'sms.signature_unlocked': {
    es: 'Cerrojo: tu firma de operaciones vuelve a estar activa. Si no lo has pedido tú, llama a tu banco cuanto antes.',
    en: 'Cerrojo: your right to sign operations is active again. If you did not ask for this, call your bank as soon as possible.',
  },
  'sms.card_pin_blocked': {
    es: 'Cerrojo: el PIN de tu tarjeta terminada en {last4} se ha bloqueado tras varios intentos fallidos. Tu oficina puede desbloquearlo. Si no has sido tú, llama al {phone}.',
    en: 'Cerrojo: the PIN of your card ending {last4} has been blocked after several wrong attempts. Your branch can unblock it. If this was not you, call {phone}.',
  },
  'sms.card_pin_unblocked': {
    es: 'Cerrojo: el PIN de tu tarjeta terminada en {last4} vuelve a estar activo. Si no lo has pedido tú, llama al {phone}.',
    en: 'Cerrojo: the PIN of your card ending {last4} works again. If you did not ask for this, call {phone}.',
  },
  'sms.access_restored': {
    es: 'Cerrojo: tu oficina ha desbloqueado tu Banca a Distancia y tu firma de operaciones. Si no has sido tú, llama al {phone}.',
    en: 'Cerrojo: your branch has unblocked your online banking and your right to sign operations. If this was not you, call {phone}.',
  },
  'email.user_code.subject': {
    es: 'Tu código de usuario de Banca a Distancia',
    en: 'Your online banking user code',
  },
  'email.user_code': {
    es: [
      'Hola, {name}:',
      '',
      'Has pedido recuperar tus claves de Banca a Distancia. Tu código de usuario es:',
      '',
      '    {userCode}',
      '',
      'La contraseña temporal te llega por SMS al móvil que tienes registrado en el banco. Al entrar con ella te pediremos que elijas una contraseña nueva.',
      '',
      'Si no has sido tú, no uses este código y llama a tu banco o acude a tu oficina.',
      'Nunca te pediremos tus claves ni los códigos que te enviamos, ni por teléfono ni por correo.',
      '',
      'Cerrojo',
    ].join('\n'),
    en: [
      'Hello {name},',
      '',
      'You asked to recover your online banking credentials. Your user code is:',
      '',
      '    {userCode}',
      '',
      'Your temporary password is on its way by SMS to the mobile phone registered with the bank. When you sign in with it we will ask you to choose a new password.',
      '',
      'If this was not you, do not use this code and call your bank or visit your branch.',
      'We will never ask you for your credentials or for the codes we send you, by phone or by email.',
      '',
      'Cerrojo',
    ].join('\n'),
  },
  'email.security_advice.subject': {
    es: 'Consejos para proteger tu Banca a Distancia',
    en: 'How to keep your online banking safe',
  },
  'email.security_advice': {
    es: [
      'Hola, {name}:',
      '',
      'Para proteger tu dinero y tus datos te recordamos:',
      '',
      '- El banco nunca te pedirá tus claves, tu PIN ni los códigos que te enviamos por SMS, ni por teléfono, ni por SMS, ni por correo.',
      '- Lee el SMS antes de usar una clave de firma: dice qué operación autorizas, el importe y el beneficiario.',
      '- Pasa un antivirus actualizado en los ordenadores y móviles desde los que entras en Banca a Distancia.',
      '- Entra escribiendo tú la dirección del banco; no sigas enlaces recibidos por SMS o correo.',
      '- Si ves una operación que no reconoces, llama a tu banco o acude a tu oficina.',
      '',
      'Cerrojo',
    ].join('\n'),
    en: [
      'Hello {name},',
      '',
      'To protect your money and your data, please remember:',
      '',
      '- The bank will never ask you for your credentials, your PIN or the codes we send you by SMS, whether by phone, SMS or email.',
      '- Read the SMS before you use a signing code: it says which operation you authorise, the amount and the beneficiary.',
      '- Run an up-to-date antivirus on the computers and phones you use for online banking.',
      '- Type the bank’s address yourself; do not follow links received by SMS or email.',
      '- If you see an operation you do not recognise, call your bank or visit your branch.',
      '',
      'Cerrojo',
    ].join('\n'),
  },
};

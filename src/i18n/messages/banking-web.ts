import type { Text } from '../catalogue.ts';

/**
 * Texts of the online-banking pages (web/src/banking). The wording of seed 001 is kept where the
 * seed shows the page ("Cambio de contraseña", "Gestión de claves", "¡listo!"), in its formal
 * "usted". Refusals of the API are shown with the server's own `banking.error.<reason>` texts.
 * `{name}` placeholders that hold a link or an element are filled by the page.
 */
export const bankingWeb: Record<string, Text> = {
  // Frame
  'web.bank.nav.label': { es: 'Banca a Distancia', en: 'Online banking' },
  'web.bank.nav.home': { es: 'Posición', en: 'Overview' },
  'web.bank.nav.transfer': { es: 'Nueva transferencia', en: 'New transfer' },
  'web.bank.nav.devices': { es: 'Firma móvil', en: 'Mobile signing' },
  'web.bank.nav.logout': { es: 'Salir', en: 'Sign out' },
  'web.bank.nav.user': { es: 'Conectado como {name}', en: 'Signed in as {name}' },
  'web.bank.loading': { es: 'Cargando…', en: 'Loading…' },
  'web.bank.operation.title': { es: 'Operación', en: 'Operation' },
  'web.bank.error.network': {
    es: 'No hemos podido conectar con el banco. Compruebe su conexión y vuelva a intentarlo.',
    en: 'We could not reach the bank. Check your connection and try again.',
  },
  'web.bank.error.generic': { es: 'No se ha podido completar la operación. Vuelva a intentarlo.', en: 'The request could not be completed. Please try again.' },
  'web.bank.attemptsLeft': { es: 'Le quedan {count} intentos.', en: 'You have {count} attempts left.' },
  'web.bank.attemptsLeft.one': { es: 'Le queda 1 intento.', en: 'You have 1 attempt left.' },
  'web.bank.required': { es: 'Este dato es obligatorio.', en: 'This field is required.' },
  'web.bank.code.digits': { es: 'La clave solo tiene cifras.', en: 'The code has digits only.' },

  // Login
  'web.bank.login.title': { es: 'Acceso a Banca a Distancia', en: 'Online banking sign-in' },
  'web.bank.login.lead': {
    es: 'Identifíquese con su código de usuario y su contraseña.',
    en: 'Sign in with your user code and your password.',
  },
  'web.bank.login.userCode': { es: 'Código de usuario', en: 'User code' },
  'web.bank.login.password': { es: 'Contraseña', en: 'Password' },
  'web.bank.login.submit': { es: 'Entrar', en: 'Sign in' },
  'web.bank.login.busy': { es: 'Comprobando…', en: 'Checking…' },
  'web.bank.login.recovery': {
    es: 'Ya tengo Banca a Distancia, pero he perdido o bloqueado mis claves',
    en: 'I already have online banking but lost or blocked my credentials',
  },
  'web.bank.login.recoveryLink': { es: 'Recuperar mis claves', en: 'Recover my credentials' },
  /** Stands for the brand's help line in `{helpPhone}` until the site's brand has loaded. */
  'web.helpPhone.unknown': { es: 'teléfono de atención al cliente', en: 'customer service' },
  'web.bank.login.phone': {
    es: 'También puede desbloquear sus claves las 24 horas llamando al {helpPhone}.',
    en: 'You can also unlock your credentials 24 hours a day by calling {helpPhone}.',
  },
  'web.bank.notice.expired': {
    es: 'Por su seguridad, hemos cerrado la sesión tras {minutes} minutos sin actividad. Vuelva a identificarse para continuar.',
    en: 'For your security, we closed your session after {minutes} minutes without activity. Please sign in again to continue.',
  },
  'web.bank.notice.expiredOne': {
    es: 'Por su seguridad, hemos cerrado la sesión tras un minuto sin actividad. Vuelva a identificarse para continuar.',
    en: 'For your security, we closed your session after one minute without activity. Please sign in again to continue.',
  },
  'web.bank.notice.ended': {
    es: 'Su sesión ha terminado. Vuelva a identificarse para continuar.',
    en: 'Your session has ended. Please sign in again to continue.',
  },
  'web.bank.notice.loggedOut': { es: 'Ha salido de su Banca a Distancia. Hasta pronto.', en: 'You have signed out of online banking. See you soon.' },

  // Home
  'web.bank.home.title': { es: 'Su Banca a Distancia', en: 'Your online banking' },
  'web.bank.home.hello': { es: 'Hola, {name}', en: 'Hello, {name}' },
  'web.bank.home.readOnly.title': { es: 'Perfil de consultas', en: 'Read-only profile' },
  'web.bank.home.readOnly.body': {
    es: 'Su perfil de Banca a Distancia solo permite consultas: puede ver sus operaciones, pero no hacer transferencias ni firmar. Acuda a su oficina para recuperar el perfil completo.',
    en: 'Your online banking profile is read-only: you can see your operations but not make transfers or sign. Visit your branch to get the full profile back.',
  },
  'web.bank.home.accounts': { es: 'Sus cuentas', en: 'Your accounts' },
  'web.bank.home.noAccounts': { es: 'No tiene cuentas que mostrar.', en: 'You have no accounts to show.' },
  'web.bank.home.iban': { es: 'IBAN', en: 'IBAN' },
  'web.bank.home.balance': { es: 'Saldo', en: 'Balance' },
  'web.bank.home.balanceAt': { es: 'Saldo a {when}', en: 'Balance at {when}' },
  'web.bank.home.operations': { es: 'Sus operaciones', en: 'Your operations' },
  'web.bank.home.none': { es: 'Todavía no tiene operaciones.', en: 'You have no operations yet.' },
  'web.bank.home.newTransfer': { es: 'Hacer una transferencia', en: 'Make a transfer' },
  'web.bank.ops.date': { es: 'Fecha', en: 'Date' },
  'web.bank.ops.description': { es: 'Descripción', en: 'Description' },
  'web.bank.ops.amount': { es: 'Importe', en: 'Amount' },
  'web.bank.ops.status': { es: 'Estado', en: 'Status' },
  'web.bank.ops.reference': { es: 'Referencia', en: 'Reference' },
  'web.bank.ops.action': { es: 'Acción', en: 'Action' },
  'web.bank.ops.open.pending_signature': { es: 'Firmar {reference}', en: 'Sign {reference}' },
  'web.bank.ops.open.held': { es: 'Desbloquear {reference}', en: 'Release {reference}' },
  'web.bank.ops.open.other': { es: 'Ver {reference}', en: 'View {reference}' },
  'web.bank.status.pending_signature': { es: 'Pendiente de firma', en: 'Waiting for signature' },
  'web.bank.status.held': { es: 'Retenida', en: 'Held' },
  'web.bank.status.signed': { es: 'Firmada', en: 'Signed' },
  'web.bank.status.cancelled': { es: 'Cancelada', en: 'Cancelled' },
  'web.bank.status.rejected': { es: 'Rechazada', en: 'Rejected' },
  'web.bank.status.expired': { es: 'Caducada', en: 'Expired' },

  // Cambio de contraseña (seed 001, step 5)
  'web.bank.password.title': { es: 'Cambio de contraseña', en: 'Password change' },
  'web.bank.password.advice1': {
    es: 'Por favor, modifique la contraseña que le hemos enviado por una que pueda recordar fácilmente.',
    en: 'Please replace the password we sent you with one you can easily remember.',
  },
  'web.bank.password.voluntary': {
    es: 'Elija una contraseña nueva que pueda recordar fácilmente.',
    en: 'Choose a new password you can easily remember.',
  },
  'web.bank.password.recommendations': { es: 'Recomendaciones para su nueva contraseña', en: 'Advice for your new password' },
  'web.bank.password.advice2': {
    es: 'Le recomendamos que su contraseña sea de 8 caracteres y un máximo de 20 y que incluya una combinación de letras mayúsculas y minúsculas, números y símbolos.',
    en: 'We recommend a password of 8 to 20 characters that combines upper- and lower-case letters, numbers and symbols.',
  },
  'web.bank.password.rules': {
    es: 'Se admite entre {min} y {max} caracteres. No se aceptan contraseñas comunes o fáciles de adivinar: recuerde usar una contraseña al menos «Fuerte».',
    en: 'Between {min} and {max} characters are accepted. Common or easily guessed passwords are refused: remember to use at least a “Strong” one.',
  },
  'web.bank.password.current': { es: 'Contraseña actual', en: 'Current password' },
  'web.bank.password.new': { es: 'Contraseña nueva', en: 'New password' },
  'web.bank.password.repeat': { es: 'Repetir contraseña', en: 'Repeat password' },
  'web.bank.password.submit': { es: 'Aceptar', en: 'Accept' },
  'web.bank.password.show': { es: 'Mostrar las contraseñas', en: 'Show the passwords' },
  'web.bank.password.mismatch': { es: 'Las dos contraseñas nuevas no coinciden.', en: 'The two new passwords do not match.' },
  'web.bank.password.tooShort': { es: 'Debe tener al menos {min} caracteres.', en: 'It must have at least {min} characters.' },
  'web.bank.password.tooLong': { es: 'Puede tener como máximo {max} caracteres.', en: 'It can have at most {max} characters.' },
  'web.bank.strength.empty': { es: 'Fortaleza: escriba la contraseña nueva', en: 'Strength: type the new password' },
  'web.bank.strength.value': { es: 'Fortaleza: {level}', en: 'Strength: {level}' },
  'web.bank.strength.0': { es: 'Muy débil', en: 'Very weak' },
  'web.bank.strength.1': { es: 'Débil', en: 'Weak' },
  'web.bank.strength.2': { es: 'Media', en: 'Fair' },
  'web.bank.strength.3': { es: 'Fuerte', en: 'Strong' },
  'web.bank.strength.4': { es: 'Muy fuerte', en: 'Very strong' },
  'web.bank.strength.common': { es: 'Es una contraseña muy común.', en: 'It is a very common password.' },

  // Gestión de claves (seed 001, step 6)
  'web.bank.sign.title': { es: 'Gestión de claves', en: 'Code management' },
  'web.bank.sign.lead': {
    es: 'Verifique los datos y firme la operación con la clave que ha recibido en su teléfono móvil',
    en: 'Check the details and sign the operation with the code you received on your mobile phone',
  },
  'web.bank.sign.data': { es: 'Datos de la operación', en: 'Operation details' },
  'web.bank.sign.description': { es: 'Descripción', en: 'Description' },
  'web.bank.sign.amount': { es: 'Importe', en: 'Amount' },
  'web.bank.sign.beneficiary': { es: 'Beneficiario (como lo escribiste)', en: 'Payee (as you typed it)' },
  'web.bank.sign.iban': { es: 'Cuenta de destino', en: 'Account paid' },
  'web.bank.sign.concept': { es: 'Concepto', en: 'Reference text' },
  'web.bank.sign.reference': { es: 'Referencia', en: 'Reference' },
  'web.bank.sign.status': { es: 'Estado', en: 'Status' },
  'web.bank.sign.prompt': {
    es: 'Introduzca la clave que ha recibido por SMS en su teléfono móvil acabado en {ending}',
    en: 'Enter the code you received by SMS on your mobile phone ending in {ending}',
  },
  'web.bank.sign.code': { es: 'Clave', en: 'Code' },
  'web.bank.sign.cancel': { es: 'Cancelar', en: 'Cancel' },
  'web.bank.sign.accept': { es: 'Aceptar', en: 'Accept' },
  'web.bank.sign.resend': { es: 'Enviar otra clave por SMS', en: 'Send another code by SMS' },
  'web.bank.sign.resent': {
    es: 'Le hemos enviado una clave nueva al móvil acabado en {ending}. La anterior ya no sirve.',
    en: 'We have sent a new code to the mobile ending in {ending}. The previous one no longer works.',
  },
  'web.bank.sign.fallback': {
    es: 'Si no recibe el mensaje puede obtener la clave llamando al {phone} indicando la referencia {reference} (Tenga a mano alguna de sus tarjetas físicas del Grupo Cajamar que empiece por 4 o 5)',
    en: 'If the message does not arrive, you can get the code by calling {phone} and giving the reference {reference} (Have one of your physical Grupo Cajamar cards starting with 4 or 5 at hand)',
  },
  'web.bank.sign.cancelled': { es: 'La operación {reference} se ha cancelado.', en: 'Operation {reference} has been cancelled.' },
  'web.bank.sign.closed': {
    es: 'Esta operación ya no admite firma: {status}.',
    en: 'This operation can no longer be signed: {status}.',
  },
  'web.bank.sign.back': { es: 'Volver a sus operaciones', en: 'Back to your operations' },
  'web.bank.sign.noMobile': {
    es: 'No tenemos un teléfono móvil suyo para enviarle la clave. Puede obtenerla llamando al {phone} con la referencia {reference}.',
    en: 'We have no mobile phone of yours to send the code to. You can get it by calling {phone} with the reference {reference}.',
  },

  // ¡listo!
  'web.bank.done.title': { es: '¡Listo!', en: 'Done!' },
  'web.bank.done.password': {
    es: 'Su nueva contraseña ya está activa. Le hemos enviado un SMS de confirmación. Úsela a partir de ahora para entrar en su Banca a Distancia.',
    en: 'Your new password is now active. We have sent you a confirmation SMS. Use it from now on to sign in to online banking.',
  },
  'web.bank.done.operation': {
    es: 'La operación {reference} está firmada.',
    en: 'Operation {reference} is signed.',
  },
  'web.bank.done.continue': { es: 'Ir a su Banca a Distancia', en: 'Go to your online banking' },

  // Held operation
  'web.bank.held.title': { es: 'Operación retenida', en: 'Operation held' },
  'web.bank.held.lead': {
    es: 'Por su seguridad hemos retenido esta operación. Su referencia es {reference}.',
    en: 'For your security we have held this operation. Its reference is {reference}.',
  },
  'web.bank.held.howTo': {
    es: 'Para liberarla, llame al {phone}, elija la opción 2 («operación bloqueada») e indique la referencia {reference}. Le enviaremos por SMS un código de desbloqueo: introdúzcalo aquí y después firme la operación con su clave.',
    en: 'To release it, call {phone}, choose option 2 (“blocked operation”) and give the reference {reference}. We will send you an unlock code by SMS: enter it here, then sign the operation with your code.',
  },
  'web.bank.held.notYou': {
    es: 'Si usted no ha ordenado esta operación, cancélela y llame a su banco.',
    en: 'If you did not order this operation, cancel it and call your bank.',
  },
  'web.bank.held.code': { es: 'Código de desbloqueo', en: 'Unlock code' },
  'web.bank.held.submit': { es: 'Desbloquear', en: 'Release' },
  'web.bank.held.released': {
    es: 'Operación desbloqueada. Le hemos enviado por SMS la clave para firmarla.',
    en: 'Operation released. We have sent you the code to sign it by SMS.',
  },

  // Transfer
  'web.bank.transfer.title': { es: 'Nueva transferencia', en: 'New transfer' },
  'web.bank.transfer.lead': {
    es: 'Indique los datos de la transferencia. La firmará después con la clave que le enviaremos por SMS.',
    en: 'Give the details of the transfer. You will then sign it with the code we send you by SMS.',
  },
  'web.bank.transfer.iban': { es: 'IBAN del beneficiario', en: 'Beneficiary IBAN' },
  'web.bank.transfer.iban.hint': { es: 'Por ejemplo ES91 2100 0418 4502 0005 1332', en: 'For example ES91 2100 0418 4502 0005 1332' },
  'web.bank.transfer.beneficiary': { es: 'Beneficiario', en: 'Beneficiary' },
  'web.bank.transfer.amount': { es: 'Importe (euros)', en: 'Amount (euros)' },
  'web.bank.transfer.amount.hint': { es: 'Con dos decimales como máximo, por ejemplo 150,00', en: 'At most two decimals, for example 150.00' },
  'web.bank.transfer.concept': { es: 'Concepto (opcional)', en: 'Reference text (optional)' },
  'web.bank.transfer.submit': { es: 'Continuar', en: 'Continue' },
  'web.bank.transfer.readOnly': {
    es: 'Su perfil solo permite consultas, así que no puede hacer transferencias. Acuda a su oficina para recuperar el perfil completo.',
    en: 'Your profile is read-only, so you cannot make transfers. Visit your branch to get the full profile back.',
  },

  // Devices
  'web.bank.devices.title': { es: 'Firma móvil', en: 'Mobile signing' },
  'web.bank.devices.lead': {
    es: 'Los dispositivos vinculados pueden firmar sus operaciones. Vincule solo los suyos.',
    en: 'Linked devices can sign your operations. Link only your own.',
  },
  'web.bank.devices.list': { es: 'Sus dispositivos', en: 'Your devices' },
  'web.bank.devices.none': { es: 'No tiene dispositivos vinculados.', en: 'You have no linked devices.' },
  'web.bank.devices.name': { es: 'Nombre', en: 'Name' },
  'web.bank.devices.platform': { es: 'Sistema', en: 'System' },
  'web.bank.devices.linkedAt': { es: 'Vinculado', en: 'Linked' },
  'web.bank.devices.status': { es: 'Estado', en: 'Status' },
  'web.bank.devices.status.pending': { es: 'Pendiente de confirmar', en: 'Waiting for confirmation' },
  'web.bank.devices.status.linked': { es: 'Vinculado', en: 'Linked' },
  'web.bank.devices.status.unlinked': { es: 'Desvinculado', en: 'Unlinked' },
  'web.bank.devices.add': { es: 'Vincular un dispositivo', en: 'Link a device' },
  'web.bank.devices.deviceName': { es: 'Nombre del dispositivo', en: 'Device name' },
  'web.bank.devices.deviceName.hint': { es: 'Por ejemplo «Móvil de María»', en: 'For example “Maria’s phone”' },
  'web.bank.devices.android': { es: 'Android', en: 'Android' },
  'web.bank.devices.ios': { es: 'iOS (iPhone)', en: 'iOS (iPhone)' },
  'web.bank.devices.submit': { es: 'Vincular', en: 'Link' },
  'web.bank.devices.confirm.title': { es: 'Confirme la vinculación de «{name}»', en: 'Confirm the link of “{name}”' },
  'web.bank.devices.confirm.prompt': {
    es: 'Introduzca el código que le hemos enviado por SMS a su móvil acabado en {ending}.',
    en: 'Enter the code we sent by SMS to your mobile ending in {ending}.',
  },
  'web.bank.devices.confirm.code': { es: 'Código de vinculación', en: 'Link code' },
  'web.bank.devices.confirm.submit': { es: 'Confirmar', en: 'Confirm' },
  'web.bank.devices.linked': { es: 'El dispositivo «{name}» ya está vinculado.', en: 'The device “{name}” is now linked.' },
};

import type { Text } from '../i18n/catalogue.ts';

/**
 * Texts of the web recovery (seed 001): the page at /recovery and the API's refusals
 * (`recovery.error.<reason>`). Spanish as the seed words it; English complete.
 */
export const selfserviceMessages: Record<string, Text> = {
  'recovery.title': { es: 'Recuperar contraseña', en: 'Recover your password' },
  'recovery.lead': {
    es: 'Ya tengo Banca a Distancia, pero he perdido o bloqueado mis claves.',
    en: 'I already have online banking, but I have lost or blocked my credentials.',
  },
  'recovery.loading': { es: 'Cargando…', en: 'Loading…' },
  'recovery.sending': { es: 'Enviando…', en: 'Sending…' },
  'recovery.startAgain': { es: 'Empezar de nuevo', en: 'Start again' },

  'recovery.stepper.label': { es: 'Pasos de la recuperación', en: 'Recovery steps' },
  'recovery.stepper.1': { es: 'Tu dato', en: 'Your details' },
  'recovery.stepper.2': { es: 'Confirmación', en: 'Confirmation' },
  'recovery.stepper.3': { es: 'Selección confirmada', en: 'Selection confirmed' },
  'recovery.stepper.current': { es: 'paso actual', en: 'current step' },
  'recovery.stepper.done': { es: 'completado', en: 'completed' },

  'recovery.identify.heading': { es: 'Tu dato', en: 'Your details' },
  'recovery.identify.intro': {
    es: 'Ten a mano una de tus tarjetas de crédito o débito y cumplimenta los datos. Enviaremos un SMS a tu móvil para que confirmes la petición de nuevas claves.',
    en: 'Have one of your credit or debit cards at hand and fill in your details. We will send an SMS to your mobile so that you can confirm the request for new credentials.',
  },
  'recovery.field.documentType': { es: 'Tipo de documento', en: 'Document type' },
  'recovery.documentType.DNI': { es: 'DNI', en: 'DNI (Spanish ID card)' },
  'recovery.documentType.NIE': { es: 'NIE', en: 'NIE (foreigner ID number)' },
  'recovery.documentType.PASSPORT': { es: 'Pasaporte', en: 'Passport' },
  'recovery.documentType.CIF': { es: 'CIF', en: 'CIF (company tax ID)' },
  'recovery.field.document': { es: 'Número de documento', en: 'Document number' },
  'recovery.hint.document': { es: 'Con la letra del final, por ejemplo 12345678Z.', en: 'With the letter at the end, for example 12345678Z.' },
  'recovery.field.pan': { es: 'Número de tarjeta', en: 'Card number' },
  'recovery.hint.pan': {
    es: 'Tal como aparece en tu tarjeta de crédito o débito (puedes dejar los espacios).',
    en: 'As printed on your credit or debit card (spaces are fine).',
  },
  'recovery.field.pin': { es: 'PIN de la tarjeta', en: 'Card PIN' },
  'recovery.hint.pin': { es: 'El que usas en el cajero: de 4 a 6 cifras.', en: 'The one you use at cash machines: 4 to 6 digits.' },
  'recovery.captcha.heading': { es: 'Comprobación de seguridad', en: 'Security check' },
  'recovery.captcha.hint': {
    es: 'Marca la casilla: tu navegador hace un pequeño cálculo que frena a los programas automáticos. No usamos ningún servicio externo.',
    en: 'Tick the box: your browser does a small calculation that slows down automated programs. No outside service is used.',
  },
  'recovery.identify.submit': { es: 'Continuar', en: 'Continue' },

  // The ALTCHA widget's own texts (its i18n keys), so it speaks the page's language.
  'recovery.captcha.label': { es: 'No soy un robot', en: "I'm not a robot" },
  'recovery.captcha.verifying': { es: 'Comprobando…', en: 'Verifying…' },
  'recovery.captcha.verified': { es: 'Comprobado', en: 'Verified' },
  'recovery.captcha.waitAlert': { es: 'Comprobando… espera un momento.', en: 'Verifying… please wait.' },
  'recovery.captcha.error': { es: 'No se ha podido comprobar. Inténtalo de nuevo.', en: 'The check failed. Please try again.' },
  'recovery.captcha.expired': { es: 'La comprobación ha caducado. Vuelve a marcar la casilla.', en: 'The check has expired. Tick the box again.' },
  'recovery.captcha.required': { es: 'Marca «No soy un robot».', en: "Tick \"I'm not a robot\"." },
  'recovery.captcha.loading': { es: 'Cargando…', en: 'Loading…' },
  'recovery.captcha.reload': { es: 'Volver a cargar', en: 'Reload' },
  'recovery.captcha.verify': { es: 'Comprobar', en: 'Verify' },
  'recovery.captcha.cancel': { es: 'Cancelar', en: 'Cancel' },
  'recovery.captcha.enterCode': { es: 'Escribe el código', en: 'Enter code' },
  'recovery.captcha.enterCodeAria': { es: 'Escribe el código que oyes. Pulsa Espacio para oír el audio.', en: 'Enter the code you hear. Press Space to play the audio.' },
  'recovery.captcha.enterCodeFromImage': { es: 'Para continuar, escribe el código de la imagen.', en: 'To continue, enter the code from the image below.' },
  'recovery.captcha.getAudioChallenge': { es: 'Oír el código', en: 'Get an audio challenge' },

  'recovery.code.heading': { es: 'Confirmación', en: 'Confirmation' },
  'recovery.code.intro': {
    es: 'Si los datos son correctos, te hemos enviado un SMS al móvil que tienes registrado en el banco. Escribe el código para confirmar la petición de nuevas claves.',
    en: 'If your details are right, we have sent an SMS to the mobile registered with the bank. Enter the code to confirm the request for new credentials.',
  },
  'recovery.code.until': { es: 'Tienes hasta las {time} para terminar.', en: 'You have until {time} to finish.' },
  'recovery.field.code': { es: 'Código recibido por SMS', en: 'Code received by SMS' },
  'recovery.hint.code': { es: 'Solo cifras; caduca a los pocos minutos.', en: 'Digits only; it expires within minutes.' },
  'recovery.code.submit': { es: 'Confirmar', en: 'Confirm' },
  'recovery.code.resend': { es: 'Enviar otro código', en: 'Send another code' },
  'recovery.code.resent': { es: 'Si los datos son correctos, te hemos enviado otro código.', en: 'If your details are right, we have sent you another code.' },
  'recovery.code.attemptsLeft': { es: 'Te quedan {n} intentos.', en: 'You have {n} attempts left.' },
  'recovery.code.attemptsLeft.one': { es: 'Te queda 1 intento.', en: 'You have 1 attempt left.' },

  'recovery.done.heading': { es: '¡Felicidades!', en: 'Congratulations!' },
  'recovery.done.lead': {
    es: 'Ya hemos restaurado tu contraseña de acceso a Banca a Distancia.',
    en: 'We have restored your online banking password.',
  },
  'recovery.done.userCode.heading': { es: 'Código de usuario', en: 'User code' },
  'recovery.done.userCode': {
    es: 'Te hemos enviado un correo electrónico con tu código de usuario a {email}',
    en: 'We have sent an email with your user code to {email}',
  },
  'recovery.done.password.heading': { es: 'Contraseña', en: 'Password' },
  'recovery.done.password': {
    es: 'Te hemos enviado un SMS con tu nueva contraseña al número {mobile}',
    en: 'We have sent an SMS with your new password to {mobile}',
  },
  'recovery.done.reminder': {
    es: 'Recuerda que en tu primer acceso a la Banca Electrónica se te pedirá que cambies esta contraseña por otra de tu elección.',
    en: 'Remember that the first time you sign in to online banking you will be asked to change this password for one of your choice.',
  },
  'recovery.done.access': {
    es: 'Ya puedes acceder a tu Banca Electrónica y seguir operando con normalidad.',
    en: 'You can now sign in to online banking and carry on as usual.',
  },
  'recovery.done.link': { es: 'Acceder', en: 'Sign in' },

  'recovery.branch.heading': { es: 'Acude a tu oficina', en: 'Visit your branch' },
  'recovery.branch.text': {
    es: 'Por tu seguridad, tus claves no se pueden recuperar por internet. Acude a tu oficina con tu documento de identidad y te ayudarán.',
    en: 'For your security, your credentials cannot be recovered online. Visit your branch with your identity document and they will help you.',
  },
  'recovery.finished.heading': { es: 'Petición ya completada', en: 'Request already completed' },
  'recovery.finished.text': {
    es: 'Esta petición ya se completó, quizá en otra pestaña. Te hemos enviado el usuario por correo electrónico y la contraseña por SMS: ya puedes acceder a tu Banca Electrónica.',
    en: 'This request was already completed, perhaps in another tab. We have sent your user code by email and your password by SMS: you can now sign in to online banking.',
  },
  'recovery.expired.heading': { es: 'La petición ha caducado', en: 'The request has expired' },
  'recovery.expired.text': {
    es: 'Por seguridad, una recuperación de claves dura solo unos minutos. Vuelve a empezar cuando quieras.',
    en: 'For security, a credential recovery lasts only a few minutes. Start again whenever you like.',
  },
  'recovery.tooMany.heading': { es: 'Demasiados intentos', en: 'Too many attempts' },
  'recovery.tooMany.text': {
    es: 'Has escrito un código incorrecto demasiadas veces. Por seguridad, hemos anulado esta petición. Vuelve a empezar.',
    en: 'You entered a wrong code too many times. For security, we have cancelled this request. Please start again.',
  },

  'recovery.error.invalid_document': { es: 'El número de documento no es válido para el tipo elegido. Revisa los números y la letra.', en: 'The document number is not valid for the type chosen. Check its digits and letter.' },
  'recovery.error.invalid_pan': { es: 'El número de tarjeta no es válido. Revisa los dígitos.', en: 'The card number is not valid. Check its digits.' },
  'recovery.error.invalid_pin': { es: 'El PIN tiene de 4 a 6 cifras.', en: 'The PIN has 4 to 6 digits.' },
  'recovery.error.captcha': {
    es: 'No hemos podido comprobar que no eres un robot. Vuelve a marcar «No soy un robot».',
    en: "We could not check that you are not a robot. Tick \"I'm not a robot\" again.",
  },
  'recovery.error.captcha_missing': { es: 'Marca «No soy un robot» antes de continuar.', en: "Tick \"I'm not a robot\" before you continue." },
  'recovery.error.invalid_code': { es: 'El código no es correcto.', en: 'The code is not right.' },
  'recovery.error.code_format': { es: 'Escribe el código de cifras que te hemos enviado por SMS.', en: 'Enter the code of digits we sent you by SMS.' },
  'recovery.error.expired_code': { es: 'El código ha caducado. Pide otro.', en: 'The code has expired. Ask for another one.' },
  'recovery.error.flow_done': {
    es: 'Esta petición ya se completó, quizá en otra pestaña: te hemos enviado el usuario por correo y la contraseña por SMS.',
    en: 'This request was already completed, perhaps in another tab: we have sent your user code by email and your password by SMS.',
  },
  'recovery.error.wrong_step': { es: 'Este paso no corresponde ahora. Vuelve a empezar.', en: 'This step does not come now. Please start again.' },
  'recovery.error.flow_expired': { es: 'La petición ha caducado. Vuelve a empezar.', en: 'The request has expired. Please start again.' },
  'recovery.error.too_many_attempts': { es: 'Demasiados intentos. Vuelve a empezar.', en: 'Too many attempts. Please start again.' },
  'recovery.error.resend_too_soon': { es: 'Espera unos segundos antes de pedir otro código.', en: 'Wait a few seconds before asking for another code.' },
  'recovery.error.resend_limit': { es: 'No podemos enviar más códigos para esta petición. Vuelve a empezar.', en: 'We cannot send more codes for this request. Please start again.' },
  'recovery.error.network': { es: 'No hemos podido contactar con el banco. Inténtalo de nuevo.', en: 'We could not reach the bank. Please try again.' },
};

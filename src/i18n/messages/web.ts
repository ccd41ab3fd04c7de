import type { Text } from '../catalogue.ts';

/**
 * Texts of the web shell (web/): layout, start page, sent-messages page and the pages of the
 * faces still to come. `{name}` placeholders that hold a link or code are filled by the page
 * with an element, not a string.
 */
export const web: Record<string, Text> = {
  // Layout
  'web.skip': { es: 'Saltar al contenido principal', en: 'Skip to main content' },
  'web.brand.home': { es: 'Cerrojo, página de inicio', en: 'Cerrojo, start page' },
  'web.nav.label': { es: 'Secciones', en: 'Sections' },
  'web.nav.home': { es: 'Inicio', en: 'Home' },
  'web.lang.label': { es: 'Idioma', en: 'Language' },
  'web.lang.es': { es: 'Español', en: 'Español' },
  'web.lang.en': { es: 'English', en: 'English' },
  'web.footer.license': {
    es: 'Cerrojo es software libre con licencia Apache-2.0.',
    en: 'Cerrojo is free software under the Apache-2.0 licence.',
  },
  'web.footer.fictitious': {
    es: 'Los datos de demostración son ficticios.',
    en: 'The demo data is fictitious.',
  },
  'web.footer.links': { es: 'Enlaces para operadores', en: 'Links for operators' },

  // Status of a face
  'web.status.available': { es: 'Disponible', en: 'Available' },
  'web.status.dev': { es: 'Solo en modo desarrollo', en: 'Dev mode only' },

  // The faces
  'web.face.recovery.name': { es: 'Recuperación de claves', en: 'Credential recovery' },
  'web.face.recovery.summary': {
    es: 'Quien ha perdido o bloqueado sus claves las recupera en la web con su documento, una tarjeta con su PIN y un código por SMS.',
    en: 'Customers who lost or blocked their credentials recover them on the web with their document, a card and its PIN, and a code by SMS.',
  },
  'web.face.banking.name': { es: 'Banca online', en: 'Online banking' },
  'web.face.banking.summary': {
    es: 'Lo justo de la Banca a Distancia que necesitan estos flujos: acceso, cambio de contraseña y operaciones firmadas con clave SMS.',
    en: 'The slice of online banking these flows need: sign-in, password change and operations signed with an SMS code.',
  },
  'web.face.phone.name': { es: 'Simulador de teléfono', en: 'Phone simulator' },
  'web.face.phone.summary': {
    es: 'Llama a la locución automática desde el navegador, como desde el teléfono registrado, y recorre sus menús con el teclado.',
    en: 'Call the automated phone line from the browser, as if from the registered phone, and move through its menus with the keypad.',
  },
  'web.face.console.name': { es: 'Consola de agentes', en: 'Agent console' },
  'web.face.console.summary': {
    es: 'El centro de atención trabaja las alertas de fraude como casos, paso a paso según su protocolo.',
    en: 'The contact centre works fraud alerts as cases, step by step along its playbook.',
  },
  'web.face.messages.name': { es: 'Mensajes enviados', en: 'Sent messages' },
  'web.face.messages.summary': {
    es: 'Los SMS y correos que el sistema ha enviado en modo desarrollo, para leer los códigos sin un móvil real.',
    en: 'The SMS and emails the system sent in dev mode, so you can read the codes without a real phone.',
  },
  'web.face.docs.name': { es: 'Documentación de la API', en: 'API documentation' },
  'web.face.docs.summary': {
    es: 'La referencia OpenAPI de cada ruta HTTP, con sus esquemas y su autenticación.',
    en: 'The OpenAPI reference of every HTTP route, with its schemas and authentication.',
  },

  // Start page
  'web.home.lead': {
    es: 'Plataforma de código abierto para el autoservicio de claves de un banco minorista (por teléfono y por web) y para la gestión de alertas de fraude en su centro de atención.',
    en: 'An open-source platform for a retail bank’s credential self-service (by phone and on the web) and for the fraud-alert work of its contact centre.',
  },
  'web.home.faces': { es: 'Las caras del sistema', en: 'The faces of the system' },
  'web.home.operators': { es: 'Para operadores', en: 'For operators' },
  'web.home.operators.intro': {
    es: 'Cada instancia del servidor responde a estas rutas de supervisión.',
    en: 'Every server instance answers these monitoring routes.',
  },
  'web.ops.healthz.name': { es: 'Estado del proceso', en: 'Liveness' },
  'web.ops.healthz.summary': {
    es: 'Responde 200 mientras el proceso está vivo.',
    en: 'Answers 200 while the process is alive.',
  },
  'web.ops.readyz.name': { es: 'Disponibilidad', en: 'Readiness' },
  'web.ops.readyz.summary': {
    es: 'Responde 200 cuando la base de datos contesta, y 503 si no contesta o durante el apagado.',
    en: 'Answers 200 when the database answers, and 503 when it does not or while shutting down.',
  },
  'web.ops.metrics.name': { es: 'Métricas', en: 'Metrics' },
  'web.ops.metrics.summary': {
    es: 'Métricas en formato Prometheus: del proceso y de la duración de las peticiones HTTP por ruta.',
    en: 'Metrics in Prometheus format: the process and HTTP request durations by route.',
  },
  'web.home.demo': { es: 'Datos de demostración', en: 'Demo data' },
  'web.home.demo.body': {
    es: 'En modo desarrollo, el primer arranque carga un banco ficticio con clientes, tarjetas, PIN y contraseñas para probar cada flujo. Están descritos en {file}.',
    en: 'In dev mode, the first start loads a fictitious bank with customers, cards, PINs and passwords to try every flow. They are listed in {file}.',
  },
  'web.home.demo.reload': {
    es: 'Para volver a cargarlos: {command}',
    en: 'To load them again: {command}',
  },
  'web.home.demo.messages': {
    es: 'Los SMS y correos que envía el sistema se leen en {link}.',
    en: 'The SMS and emails the system sends can be read in {link}.',
  },

  // Links back, on the not-found page
  'web.upcoming.home': { es: 'página de inicio', en: 'start page' },

  // The phone simulator (/phone)
  'web.phone.lead': {
    es: 'Llama a las líneas automáticas del banco desde el navegador, como si marcaras desde el teléfono de un cliente: escucha las locuciones, responde con el teclado y lee en el móvil los SMS que llegan.',
    en: 'Call the bank’s automated lines from the browser, as if dialling from a customer’s phone: hear the prompts, answer with the keypad and read the SMS that reach the phone.',
  },
  'web.phone.notDev.title': { es: 'Solo en modo desarrollo', en: 'Dev mode only' },
  'web.phone.notDev.body': {
    es: 'El simulador firma las llamadas con el token del servidor, así que solo existe en modo desarrollo. Arranca el servidor con {command}.',
    en: 'The simulator signs calls with the server’s own token, so it exists only in dev mode. Start the server with {command}.',
  },
  'web.phone.loading': { es: 'Cargando las líneas…', en: 'Loading the lines…' },
  'web.phone.loadError': { es: 'No se han podido cargar las líneas. Recarga la página.', en: 'The lines could not be loaded. Reload the page.' },
  'web.phone.error': { es: 'La llamada ha fallado: {detail}', en: 'The call failed: {detail}' },
  'web.phone.handset': { es: 'Teléfono', en: 'Phone' },
  'web.phone.setup': { es: 'Llamada', en: 'Call' },
  'web.phone.from': { es: 'Llamas desde', en: 'Calling from' },
  'web.phone.from.other': { es: 'Otro número…', en: 'Another number…' },
  'web.phone.from.typed': { es: 'Tu número', en: 'Your number' },
  'web.phone.from.hint': { es: 'Por ejemplo 612 345 331 o +44 7700 900123.', en: 'For example 612 345 331 or +44 7700 900123.' },
  'web.phone.caller.mobile': { es: '{name} · móvil {phone}', en: '{name} · mobile {phone}' },
  'web.phone.caller.landline': { es: '{name} · fijo {phone}', en: '{name} · landline {phone}' },
  'web.phone.to': { es: 'Número al que llamas', en: 'Number to call' },
  'web.phone.line.unlock': { es: 'Desbloqueo de claves', en: 'Credential unlock line' },
  'web.phone.line.support': { es: 'Soporte Banca Electrónica', en: 'Online-banking support' },
  'web.phone.line.onlineBanking': { es: 'Directo: usuario de Banca Electrónica', en: 'Direct: online-banking user' },
  'web.phone.line.phoneBanking': { es: 'Directo: usuario de Banca Telefónica', en: 'Direct: phone-banking user' },
  'web.phone.line.blockedOperation': { es: 'Directo: operación bloqueada', en: 'Direct: blocked operation' },
  'web.phone.line.signature': { es: 'Directo: firma para operar', en: 'Direct: signature' },
  'web.phone.line.signingCode': { es: 'Directo: clave de firma por SMS', en: 'Direct: SMS signing code' },
  'web.phone.call': { es: 'Llamar', en: 'Call' },
  'web.phone.hangUp': { es: 'Colgar', en: 'Hang up' },
  'web.phone.silence': { es: 'Quedarse en silencio', en: 'Stay silent' },
  'web.phone.mute': { es: 'Silenciar la voz', en: 'Mute the voice' },
  'web.phone.noVoice': {
    es: 'Este navegador no puede leer en voz alta: la transcripción muestra todo lo que dice la línea.',
    en: 'This browser cannot read aloud: the transcript shows everything the line says.',
  },
  'web.phone.keypad': { es: 'Teclado', en: 'Keypad' },
  'web.phone.key.star': { es: 'asterisco', en: 'star' },
  'web.phone.key.hash': { es: 'almohadilla', en: 'hash' },
  'web.phone.typed': { es: 'Tecleado', en: 'Typed' },
  'web.phone.typed.hint': {
    es: 'Teclea hasta {count} dígitos y termina con #',
    en: 'Type up to {count} digits and finish with #',
  },
  'web.phone.status.idle': { es: 'Elige los números y pulsa Llamar', en: 'Choose the numbers and press Call' },
  'web.phone.status.dialling': { es: 'Llamando…', en: 'Calling…' },
  'web.phone.status.talking': { es: 'La línea habla…', en: 'The line is speaking…' },
  'web.phone.status.listening': { es: 'La línea espera tus teclas', en: 'The line is waiting for your keys' },
  'web.phone.status.ended': { es: 'Llamada terminada', en: 'Call ended' },
  'web.phone.transcript': { es: 'Transcripción', en: 'Transcript' },
  'web.phone.transcript.empty': { es: 'Aún no hay llamada.', en: 'No call yet.' },
  'web.phone.who.line': { es: 'Línea:', en: 'Line:' },
  'web.phone.who.you': { es: 'Tú:', en: 'You:' },
  'web.phone.pressed': { es: 'pulsas {keys}', en: 'you press {keys}' },
  'web.phone.silent': { es: 'no pulsas nada', en: 'you press nothing' },
  'web.phone.event.calling': { es: 'Llamando al {to} desde el {from}', en: 'Calling {to} from {from}' },
  'web.phone.event.transferred': { es: 'La llamada pasa a un agente ({number})', en: 'The call goes to an agent ({number})' },
  'web.phone.event.lineEnded': { es: 'La línea ha colgado', en: 'The line hung up' },
  'web.phone.event.hungUp': { es: 'Has colgado', en: 'You hung up' },
  'web.phone.sms': { es: 'SMS en el {phone}', en: 'SMS on {phone}' },
  'web.phone.sms.empty': { es: 'Ningún SMS todavía.', en: 'No SMS yet.' },
  'web.phone.sms.error': { es: 'No se pueden leer los SMS ahora; se reintenta solo.', en: 'The SMS cannot be read now; retrying on its own.' },

  // Sent messages
  'web.messages.lead': {
    es: 'En modo desarrollo ningún SMS ni correo sale de la máquina: llegan aquí, los más recientes primero. La lista se actualiza cada 2 segundos.',
    en: 'In dev mode no SMS or email leaves the machine: they arrive here, newest first. The list refreshes every 2 seconds.',
  },
  'web.messages.filter': { es: 'Filtrar mensajes', en: 'Filter messages' },
  'web.messages.recipient': { es: 'Destinatario', en: 'Recipient' },
  'web.messages.recipient.hint': {
    es: 'Teléfono o correo completos, por ejemplo 612 345 331 o maria.garcia@example.com.',
    en: 'A full phone number or email address, for example 612 345 331 or maria.garcia@example.com.',
  },
  'web.messages.channel': { es: 'Canal', en: 'Channel' },
  'web.messages.channel.all': { es: 'Todos', en: 'All' },
  'web.messages.channel.sms': { es: 'SMS', en: 'SMS' },
  'web.messages.channel.email': { es: 'Correo', en: 'Email' },
  'web.messages.apply': { es: 'Filtrar', en: 'Filter' },
  'web.messages.clear': { es: 'Quitar filtros', en: 'Clear filters' },
  'web.messages.refresh': { es: 'Actualizar ahora', en: 'Refresh now' },
  'web.messages.list': { es: 'Mensajes', en: 'Messages' },
  'web.messages.count.one': { es: '1 mensaje', en: '1 message' },
  'web.messages.count.other': { es: '{count} mensajes', en: '{count} messages' },
  'web.messages.updated': { es: 'Actualizado a las {time}', en: 'Updated at {time}' },
  'web.messages.loading': { es: 'Cargando mensajes…', en: 'Loading messages…' },
  'web.messages.to': { es: 'Para {recipient}', en: 'To {recipient}' },
  'web.messages.cc': { es: 'Copia', en: 'Cc' },
  'web.messages.subject': { es: 'Asunto', en: 'Subject' },
  'web.messages.template': { es: 'Plantilla {template}', en: 'Template {template}' },
  'web.messages.empty': {
    es: 'Todavía no se ha enviado ningún mensaje.',
    en: 'No message has been sent yet.',
  },
  'web.messages.empty.hint': {
    es: 'Prueba un flujo y sus SMS y correos aparecerán aquí al momento.',
    en: 'Try a flow and its SMS and emails will show up here at once.',
  },
  'web.messages.empty.filtered': {
    es: 'Ningún mensaje coincide con el filtro.',
    en: 'No message matches the filter.',
  },
  'web.messages.notDev.title': {
    es: 'Esta lista solo existe en modo desarrollo',
    en: 'This list exists only in dev mode',
  },
  'web.messages.notDev.body': {
    es: 'Este servidor no está en modo desarrollo: los mensajes salen de verdad por correo y por SMS y no se muestran aquí. Para verlos, arranca Cerrojo con {command}.',
    en: 'This server is not in dev mode: messages really go out by email and SMS and are not shown here. To see them, start Cerrojo with {command}.',
  },
  'web.messages.error': {
    es: 'No se ha podido cargar la lista de mensajes ({detail}). Se volverá a intentar en unos segundos.',
    en: 'The message list could not be loaded ({detail}). It will be tried again in a few seconds.',
  },

  // Not found
  'web.notFound.title': { es: 'Página no encontrada', en: 'Page not found' },
  'web.notFound.body': {
    es: 'Esta dirección no corresponde a ninguna página. Vuelve a la {home}.',
    en: 'This address matches no page. Go back to the {home}.',
  },
};

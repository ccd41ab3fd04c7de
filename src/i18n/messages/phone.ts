import type { Text } from '../catalogue.ts';

/** Texts of the terminal phone (`cerrojo call`): its own words, not the line's (those are `ivr.*`). */
export const phone: Record<string, Text> = {
  'phone.terminal.calling': { es: '☎️  Llamando al {to} desde el {from} ({url})…', en: '☎️  Calling {to} from {from} ({url})…' },
  'phone.terminal.help': {
    es: 'Teclea las teclas (0-9, * y #) y pulsa Intro; una línea vacía es quedarse en silencio. Ctrl-D o Ctrl-C cuelga.',
    en: 'Type the keys (0-9, * and #) and press Enter; an empty line stays silent. Ctrl-D or Ctrl-C hangs up.',
  },
  'phone.terminal.prompt': { es: 'teclas> ', en: 'keys> ' },
  'phone.terminal.silence': { es: '(silencio)', en: '(silence)' },
  'phone.terminal.badKeys': {
    es: 'Solo las teclas 0-9, * y #, o una línea vacía para quedarse en silencio.',
    en: 'Only the keys 0-9, * and #, or an empty line to stay silent.',
  },
  'phone.terminal.transferred': { es: '→ transferida al {number}', en: '→ transferred to {number}' },
  'phone.terminal.lineHungUp': { es: '✆ La línea ha colgado.', en: '✆ The line hung up.' },
  'phone.terminal.youHungUp': { es: '✆ Has colgado.', en: '✆ You hung up.' },
  'phone.terminal.ended': { es: 'Llamada terminada ({outcome}) tras {seconds} s.', en: 'Call over ({outcome}) after {seconds} s.' },
  'phone.terminal.outcome.transferred': { es: 'pasada a un agente', en: 'transferred to an agent' },
  'phone.terminal.outcome.lineHungUp': { es: 'colgada por la línea', en: 'hung up by the line' },
  'phone.terminal.outcome.youHungUp': { es: 'colgada por ti', en: 'you hung up' },
  'phone.terminal.sms': { es: '📱 SMS: {body}', en: '📱 SMS: {body}' },
  'phone.terminal.smsUnavailable': {
    es: '(Los SMS no se pueden mostrar: el servidor no está en modo de desarrollo.)',
    en: '(SMS cannot be shown: the server is not in dev mode.)',
  },
  'phone.terminal.error.unreachable': {
    es: 'No se puede conectar con el servidor en {url}: ¿está arrancado? (npm start, o indica otro con --url)',
    en: 'Cannot reach the server at {url}: is it running? (npm start, or point --url at another one)',
  },
  'phone.terminal.error.forbidden': {
    es: 'El servidor ha rechazado la firma de la llamada (403): el token no coincide con su TWILIO_AUTH_TOKEN. Usa --token o TWILIO_AUTH_TOKEN, o arranca el servidor en modo de desarrollo.',
    en: "The server refused the call's signature (403): the token does not match its TWILIO_AUTH_TOKEN. Use --token or TWILIO_AUTH_TOKEN, or start the server in dev mode.",
  },
  'phone.terminal.error.http': { es: 'El servidor ha respondido {status} a {url}.', en: 'The server answered {status} to {url}.' },
  'phone.terminal.error.badPhone': {
    es: '«{phone}» no es un número de teléfono válido (por ejemplo +34 612 345 331).',
    en: '"{phone}" is not a valid phone number (for example +34 612 345 331).',
  },
  'phone.terminal.error.badUrl': { es: '«{url}» no es una URL http(s) válida.', en: '"{url}" is not a valid http(s) URL.' },
};

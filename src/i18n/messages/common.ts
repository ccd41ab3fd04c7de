import type { Text } from '../catalogue.ts';

/** Texts shared by every face: errors, the start page, navigation. */
export const common: Record<string, Text> = {
  'app.name': { es: 'Cerrojo', en: 'Cerrojo' },
  'app.tagline': {
    es: 'Autoservicio de claves y gestión de alertas de fraude',
    en: 'Credential self-service and fraud-alert operations',
  },
  'error.validation': { es: 'Los datos enviados no son válidos.', en: 'The data sent is not valid.' },
  'error.unauthorized': { es: 'Necesitas identificarte.', en: 'You need to sign in.' },
  'error.forbidden': { es: 'No tienes permiso para esta acción.', en: 'You are not allowed to do this.' },
  'error.csrf': {
    es: 'La página ha caducado o la petición no viene de ella. Recarga la página y vuelve a intentarlo.',
    en: 'The page has expired or the request did not come from it. Reload the page and try again.',
  },
  'error.not_found': { es: 'No encontrado.', en: 'Not found.' },
  'error.conflict': { es: 'La petición choca con el estado actual.', en: 'The request conflicts with the current state.' },
  'error.gone': { es: 'Ha caducado. Vuelve a empezar.', en: 'It has expired. Please start again.' },
  'error.too_many': {
    es: 'Demasiados intentos. Inténtalo más tarde.',
    en: 'Too many attempts. Please try again later.',
  },
  'error.rate_limited': {
    es: 'Demasiados intentos desde aquí. Espera unos minutos antes de volver a intentarlo.',
    en: 'Too many attempts from here. Please wait a few minutes before trying again.',
  },
  'error.unavailable': {
    es: 'El servicio no está disponible en este momento. Inténtalo de nuevo en unos minutos.',
    en: 'The service is unavailable right now. Please try again in a few minutes.',
  },
  'error.internal': {
    es: 'Ha ocurrido un error. Inténtalo de nuevo.',
    en: 'Something went wrong. Please try again.',
  },
};

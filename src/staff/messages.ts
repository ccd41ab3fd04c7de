import type { Text } from '../i18n/catalogue.ts';

/** Texts of staff sign-in and sessions, as the console shows them. */
export const staffMessages: Record<string, Text> = {
  'staff.error.invalid_credentials': { es: 'El usuario o la contraseña no son correctos.', en: 'The user name or password is not correct.' },
  'staff.error.no_session': { es: 'Inicia sesión para usar la consola.', en: 'Sign in to use the console.' },
  'staff.error.session_expired': { es: 'Tu sesión ha caducado. Vuelve a iniciar sesión.', en: 'Your session has expired. Please sign in again.' },
  'staff.error.locked': {
    es: 'Demasiados intentos fallidos: la cuenta está bloqueada temporalmente. Inténtalo más tarde o habla con tu supervisor.',
    en: 'Too many failed attempts: the account is locked for a while. Try again later or talk to your supervisor.',
  },
  'staff.error.role_not_allowed': { es: 'Tu perfil no permite esta acción.', en: 'Your role does not allow this action.' },
};

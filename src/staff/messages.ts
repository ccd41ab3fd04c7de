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
  'staff.error.admin_token_not_staff': { es: 'El token de administración solo sirve para el alta de datos; un sistema que actúa en el back office usa su propia cuenta de servicio.', en: 'The admin token only provisions; a system acting on the back office uses its own service account.' },
  'staff.error.staff_headers_refused': { es: 'Las cabeceras X-Staff-* ya no se aceptan: una cuenta de servicio actúa en su propio nombre.', en: 'X-Staff-* headers are no longer accepted: a service account acts as itself.' },
  'staff.error.role_not_allowed': { es: 'Tu perfil no permite esta acción.', en: 'Your role does not allow this action.' },
  'staff.error.local_login_off': {
    es: 'El acceso con usuario y contraseña está desactivado: entra con la cuenta corporativa.',
    en: 'Sign-in with a user name and password is turned off: sign in with your company account.',
  },
  'staff.error.oidc_off': { es: 'El acceso con la cuenta corporativa no está configurado.', en: 'Sign-in with a company account is not set up.' },
  'staff.error.oidc_unavailable': {
    es: 'No se puede contactar con el proveedor de identidad. Inténtalo de nuevo en unos minutos.',
    en: 'The identity provider cannot be reached. Please try again in a few minutes.',
  },
  'staff.error.oidc_failed': { es: 'No se ha podido completar el acceso con la cuenta corporativa. Vuelve a intentarlo.', en: 'Sign-in with your company account could not be completed. Please try again.' },
  'staff.error.oidc_expired': { es: 'El acceso ha caducado o ya se usó. Vuelve a pulsar el botón para entrar.', en: 'The sign-in has expired or was already used. Press the button to sign in again.' },
  'staff.error.oidc_no_role': {
    es: 'Tu cuenta corporativa no tiene ningún perfil de la consola. Pide acceso a tu responsable.',
    en: 'Your company account has no console role. Ask your manager for access.',
  },
  'staff.error.oidc_no_office': {
    es: 'Tu cuenta de oficina no indica una oficina conocida. Pide a tu responsable que la revise.',
    en: 'Your branch account does not name a known office. Ask your manager to check it.',
  },
  'staff.error.oidc_disabled': { es: 'Tu acceso a la consola está desactivado.', en: 'Your access to the console is turned off.' },
};

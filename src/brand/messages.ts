import type { Text } from '../i18n/catalogue.ts';

/**
 * Texts of the bank's frame around the customer faces (issue 15 §4): the header's section names,
 * the footer's help line, security advice and legal line (the last two unless the brand
 * configuration words them), and the demo menu of dev mode.
 */
export const brandMessages: Record<string, Text> = {
  'brand.header.label': { es: 'Cabecera de {name}', en: '{name} header' },
  'brand.section.recovery': { es: 'Recuperar contraseña', en: 'Recover your password' },
  'brand.section.banking': { es: 'Banca Electrónica', en: 'Online banking' },
  'brand.footer.label': { es: 'Ayuda, seguridad y aviso legal', en: 'Help, security and legal notice' },
  'brand.footer.help': { es: '¿Necesitas ayuda? Llámanos al {phone}.', en: 'Need help? Call us on {phone}.' },
  'brand.footer.securityTitle': { es: 'Tu seguridad', en: 'Your security' },
  'brand.footer.security': {
    es: 'Nunca te pediremos tus claves, tu PIN ni los códigos SMS por teléfono ni por correo. Si alguien te los pide, no los des y llámanos.',
    en: 'We will never ask for your passwords, your PIN or SMS codes by phone or by email. If anyone asks for them, do not give them and call us.',
  },
  'brand.footer.legal': { es: '© {year} {name}. Todos los derechos reservados.', en: '© {year} {name}. All rights reserved.' },
  'brand.demo.label': { es: 'Menú de demostración', en: 'Demo menu' },
  'brand.demo.toggle': { es: 'Demo', en: 'Demo' },
  'brand.demo.note': {
    es: 'Modo desarrollo: este menú no existe en producción.',
    en: 'Dev mode: this menu does not exist in production.',
  },
};

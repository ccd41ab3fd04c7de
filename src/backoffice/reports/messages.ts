import type { Text } from '../../i18n/catalogue.ts';

/** Texts of the supervisors' reports: their refusals (`reports.error.<reason>`). Spanish first; English complete. */
export const reportsMessages: Record<string, Text> = {
  'reports.error.role_required': {
    es: 'Los informes son solo para supervisores y administradores.',
    en: 'Reports are for supervisors and administrators only.',
  },
  'reports.error.invalid_period': {
    es: 'El periodo no es válido: fechas AAAA-MM-DD, «desde» no posterior a «hasta», como mucho 366 días.',
    en: 'The period is not valid: dates YYYY-MM-DD, "from" not after "to", at most 366 days.',
  },
};

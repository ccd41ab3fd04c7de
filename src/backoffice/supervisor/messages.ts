import type { Text } from '../../i18n/catalogue.ts';

/** The server's texts of the supervisor's view: its refusals and the timeline's breach row. Spanish first; English complete. */
export const supervisorMessages: Record<string, Text> = {
  'supervisor.error.role_required': {
    es: 'La vista en directo y los avisos de SLA son solo para supervisores y administradores.',
    en: 'The live view and the SLA notices are for supervisors and administrators only.',
  },
  'supervisor.error.notice_not_found': { es: 'No existe ese aviso de SLA.', en: 'There is no such SLA notice.' },
  'console.event.sla_breached': { es: 'Plazo de SLA vencido', en: 'SLA deadline missed' },
};

import { ALWAYS, MONDAY_TO_FRIDAY, UNSTATED, slot, weekly, type Hours } from './hours.ts';

/**
 * THE directory: every number of seed 002 ("Los teléfonos para informar o transferir a clientes
 * son: OCTAVILLA TELÉFONOS DE CONTACTO"), in the seed's order and groups, with its hours as data.
 * Read it beside the seed: `seed` quotes each line as written there. The names people read
 * (Spanish and English) are in `messages.ts` as `directory.entry.<id>`; `directory.ts` derives
 * E.164 numbers and checks everything when loaded. Hours are Europe/Madrid wall-clock times.
 */

export type GroupId = 'online-banking' | 'direct' | 'cards' | 'other' | 'redsys' | 'internal';

export interface GroupSpec {
  id: GroupId;
  /** The seed's heading, or none for the lines it lists on their own. */
  seed: string | null;
  /** "TELÉFONOS INTERNOS": for staff, never to be given to a customer. */
  internal: boolean;
}

/** A number as the seed writes it; `free` for a freephone number (Spain's 900 range). */
export interface NumberSpec {
  display: string;
  free: boolean;
}

export interface EntrySpec {
  id: string;
  group: GroupId;
  /** The seed's line, verbatim; null for a line the bank adds that the leaflet does not list. */
  seed: string | null;
  numbers: readonly NumberSpec[];
  /** A number reached by WhatsApp messages rather than by a call. */
  channel?: 'whatsapp';
  hours: Hours;
  /** Web addresses and email addresses the seed gives with the line. */
  links?: readonly { kind: 'url' | 'email'; value: string }[];
  /** `directory.note.<id>` says more (es/en), e.g. who answers outside the hours. */
  note?: true;
  /**
   * An agent line: answered by people of the contact centre (the CAE), never by the IVR. The
   * IVR's transfers go to one (`cerrojo ivr check` refuses any other number).
   */
  agentLine?: true;
}

const n = (display: string): NumberSpec => ({ display, free: false });
const free = (display: string): NumberSpec => ({ display, free: true });

export const GROUPS: readonly GroupSpec[] = [
  { id: 'online-banking', seed: 'BANCA ELECTRÓNICA', internal: false },
  { id: 'direct', seed: 'TELÉFONOS DIRECTOS', internal: false },
  { id: 'cards', seed: 'TARJETAS', internal: false },
  // Seguros, Confirming, Mesa de cambio, Central, Haya, Cajamar Consumo, Wefferent and the
  // offices stand under no heading of their own in the seed.
  { id: 'other', seed: null, internal: false },
  { id: 'redsys', seed: 'REDSYS', internal: false },
  { id: 'internal', seed: 'TELÉFONOS INTERNOS', internal: true },
];

export const ENTRIES: readonly EntrySpec[] = [
  // BANCA ELECTRÓNICA:
  {
    id: 'customer-service', group: 'online-banking', seed: 'Atención al cliente: 901 511 000 / +34 950 21 01 91 (24H)',
    numbers: [n('901 511 000'), n('+34 950 21 01 91')], hours: ALWAYS,
  },
  {
    id: 'online-banking-support', group: 'online-banking',
    seed: 'Soporte Banca Electrónica: 901 511 000 / +34 950 21 01 91 (de 08:00 a 22:00 de lunes a viernes)',
    numbers: [n('901 511 000'), n('+34 950 21 01 91')], hours: weekly(slot(MONDAY_TO_FRIDAY, '08:00', '22:00')),
  },
  {
    id: 'phone-banking-support', group: 'online-banking', seed: 'Soporte Banca Telefónica: 950 53 79 10 (24H)',
    numbers: [n('950 53 79 10')], hours: ALWAYS,
  },
  {
    id: 'complaints', group: 'online-banking', seed: 'Atención de incidencias y reclamaciones: 900 15 10 10 (Gratuito 24H)',
    numbers: [free('900 15 10 10')], hours: ALWAYS,
  },
  {
    // Seed 002 gives no hours; it is the IVR unlock line, which seed 000 says answers "las 24 horas
    // del día, los 7 días a la semana".
    id: 'online-banking-unlock', group: 'online-banking', seed: 'Desbloqueo de acceso a banca online: 950 18 33 13',
    numbers: [n('950 18 33 13')], hours: ALWAYS, note: true,
  },

  // TELÉFONOS DIRECTOS:
  {
    id: 'direct-online-banking-user', group: 'direct', seed: 'Desbloqueo de usuario de banca electrónica: 950 97 99 68 (24H).',
    numbers: [n('950 97 99 68')], hours: ALWAYS,
  },
  {
    id: 'direct-phone-banking-user', group: 'direct', seed: 'Desbloqueo de usuario de banca telefónica: 950 97 99 69 (24H).',
    numbers: [n('950 97 99 69')], hours: ALWAYS,
  },
  {
    id: 'direct-blocked-operation', group: 'direct', seed: 'Desbloqueo de operación bloqueada: 950 97 99 70 (24H).',
    numbers: [n('950 97 99 70')], hours: ALWAYS,
  },
  {
    id: 'direct-signature', group: 'direct', seed: 'Desbloqueo de firma para operar: 950 97 99 71 (24H).',
    numbers: [n('950 97 99 71')], hours: ALWAYS,
  },
  {
    id: 'direct-sms-code', group: 'direct', seed: 'Obtención de clave enviada por SMS: 950 97 99 72 (24H).',
    numbers: [n('950 97 99 72')], hours: ALWAYS,
  },
  {
    id: 'online-signup-support', group: 'direct', seed: 'Soporte Alta Online: 900 200 179',
    numbers: [free('900 200 179')], hours: UNSTATED,
  },
  {
    id: 'whatsapp', group: 'direct', seed: 'Whatsapp 608 290 278 (De 08:00 a 15:00 de lunes a viernes)',
    numbers: [n('608 290 278')], channel: 'whatsapp', hours: weekly(slot(MONDAY_TO_FRIDAY, '08:00', '15:00')),
  },

  // TARJETAS:
  {
    id: 'card-report', group: 'cards', seed: 'Denuncia de tarjetas: 900 21 03 03 (Gratuito) / +34 950 21 03 03',
    numbers: [free('900 21 03 03'), n('+34 950 21 03 03')], hours: UNSTATED,
  },
  {
    id: 'visa-emergency', group: 'cards', seed: 'Teléfonos emergencia Visa: 900 991 124 / 915 192 100 / 902 192 100 / 913626200',
    numbers: [free('900 991 124'), n('915 192 100'), n('902 192 100'), n('913626200')], hours: UNSTATED,
  },
  {
    id: 'mastercard-emergency', group: 'cards', seed: 'Teléfonos emergencia Mastercard: 900 971 231',
    numbers: [free('900 971 231')], hours: UNSTATED,
  },

  // Lines of their own.
  { id: 'cajamar-insurance', group: 'other', seed: 'SEGUROS CAJAMAR: 911 697 470', numbers: [n('911 697 470')], hours: UNSTATED },
  {
    id: 'cajamar-general-insurance-english', group: 'other', seed: 'CAJAMAR SEGUROS GENERALES (atención en inglés): 911 697 471',
    numbers: [n('911 697 471')], hours: UNSTATED,
  },
  { id: 'confirming', group: 'other', seed: 'CONFIRMING: 901 101 346', numbers: [n('901 101 346')], hours: UNSTATED },
  {
    id: 'currency-desk', group: 'other', seed: 'MESA DE CAMBIO: 901 191 000 (HORARIO lunes a viernes de 08:30 a 15:00 h)',
    numbers: [n('901 191 000')], hours: weekly(slot(MONDAY_TO_FRIDAY, '08:30', '15:00')),
  },
  { id: 'head-office', group: 'other', seed: 'CENTRAL (PZA BARCELONA): 950 21 01 00', numbers: [n('950 21 01 00')], hours: UNSTATED },

  // REDSYS:
  { id: 'pos-support', group: 'redsys', seed: 'Soporte TPVs: 917 282 328', numbers: [n('917 282 328')], hours: UNSTATED },
  {
    id: 'pos-support-web', group: 'redsys',
    seed: 'Teléfonos de soporte TVPs: https://www.cajamar.es/es/empresas/productos-y-servicios/cobros-y-pagos/tpvs-y-e-commerce/soporte-clientes/',
    numbers: [], hours: UNSTATED,
    links: [{ kind: 'url', value: 'https://www.cajamar.es/es/empresas/productos-y-servicios/cobros-y-pagos/tpvs-y-e-commerce/soporte-clientes/' }],
  },
  {
    id: 'pos-maintenance-pueyo', group: 'redsys', seed: 'MANTENIMIENTO TPVs BANCA PUEYO: 910 151 827',
    numbers: [n('910 151 827')], hours: UNSTATED,
  },
  {
    // The seed runs this line into the next one ("…@bcc.esHAYA INMOBILIARIA"); the address ends at ".es".
    id: 'virtual-pos', group: 'redsys', seed: 'TPV VIRTUAL: 965 271 186 e-mail:soportetpvsvirtuales@bcc.es',
    numbers: [n('965 271 186')], hours: UNSTATED, links: [{ kind: 'email', value: 'soportetpvsvirtuales@bcc.es' }],
  },

  // Lines of their own, continued.
  {
    id: 'haya', group: 'other', seed: 'HAYA INMOBILIARIA: 901 117 788 También se puede remitir a la web: www.haya.es',
    numbers: [n('901 117 788')], hours: UNSTATED, links: [{ kind: 'url', value: 'https://www.haya.es' }],
  },
  {
    id: 'cajamar-consumer-finance', group: 'other', seed: 'CAJAMAR CONSUMO: 910 483 030 (HORARIO: lunes – sábado de 9h-21h)',
    numbers: [n('910 483 030')], hours: weekly(slot(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], '09:00', '21:00')),
  },
  {
    id: 'wefferent', group: 'other', seed: 'WEFFERENT: 950 183 012 / 900 850 280',
    numbers: [n('950 183 012'), free('900 850 280')], hours: UNSTATED,
  },
  {
    // "de 8h a 15h" without days: read as the offices' working days, Monday to Friday.
    id: 'office-8683', group: 'other', seed: 'OFICINA 8683 950227788. (Horario de 8h a 15h)',
    numbers: [n('950227788')], hours: weekly(slot(MONDAY_TO_FRIDAY, '08:00', '15:00')), note: true,
  },
  {
    id: 'office-8732', group: 'other', seed: 'OFICINA 8732 950228866 (Horario de 8h a 15h.)',
    numbers: [n('950228866')], hours: weekly(slot(MONDAY_TO_FRIDAY, '08:00', '15:00')), note: true,
  },
  {
    // "de lunes a viernes de 8h a 19h y viernes de 8h a 15h": Monday to Thursday until 19h, Friday until 15h.
    id: 'managers-offices', group: 'other',
    seed: 'OFICINAS DE GESTORES 950183012. (Horario de lunes a viernes de 8h a 19h y viernes de 8h a 15h.) Fuera de este horario se atiende desde el CAE.',
    numbers: [n('950183012')], hours: weekly(slot(['mon', 'tue', 'wed', 'thu'], '08:00', '19:00'), slot(['fri'], '08:00', '15:00')), note: true,
  },

  // TELÉFONOS INTERNOS:
  { id: 'atm-support', group: 'internal', seed: 'CAU cajeros: 900 102 645', numbers: [free('900 102 645')], hours: UNSTATED },
  { id: 'branch-incidents', group: 'internal', seed: 'INCIDENCIAS OFICINAS: 950 210 360', numbers: [n('950 210 360')], hours: UNSTATED },
  { id: 'atu', group: 'internal', seed: 'ATU: 950 210 300', numbers: [n('950 210 300')], hours: UNSTATED },
  {
    id: 'debt-recovery', group: 'internal', seed: 'RECOBROS (UAR): 950 750 999 (Prov. Externo)',
    numbers: [n('950 750 999')], hours: UNSTATED, note: true,
  },
  {
    // Not in the leaflet: the line where the contact centre's agents (the CAE, 24/7 in DESIGN.md)
    // take the calls the IVR hands over. Every number the leaflet gives for "Atención al cliente"
    // and "Soporte Banca Electrónica" reaches the IVR's own support menu, so a transfer there would
    // come back to the IVR. A deployment puts its contact centre's number here.
    id: 'contact-centre-agents', group: 'internal', seed: null,
    numbers: [n('950 21 01 99')], hours: ALWAYS, note: true, agentLine: true,
  },
];

import type { CustomerRecord, ManagerRecord, OfficeRecord } from '../provisioning/schema.ts';

/**
 * The demo bank, in the provisioning format: realistic Spanish customers that walk every flow
 * of DESIGN.md. Documents carry valid check characters, card numbers pass Luhn (they start
 * with 4 or 5, as seed 001 asks callers to have at hand), phones are Spanish mobiles (6xx/7xx)
 * and landlines (9xx), emails sit on example domains. docs/demo.md lists every secret here.
 * Times are relative to `now` so "a device linked two hours ago" stays true on any day.
 */
export interface DemoData {
  offices: OfficeRecord[];
  managers: ManagerRecord[];
  customers: CustomerRecord[];
}

const HOUR = 3_600_000;
const ago = (now: Date, ms: number) => new Date(now.getTime() - ms).toISOString();

export const DEMO_OFFICES: OfficeRecord[] = [
  { code: '0123', name: 'Almería Centro', kind: 'branch', email: 'oficina0123@example.com', phone: '950 210 123' },
  { code: '8683', name: 'Almería Oficina Principal', kind: 'branch', email: 'oficina8683@example.com', phone: '950 227 788' },
  { code: '8732', name: 'Wefferent (oficina virtual)', kind: 'virtual', email: 'oficina8732@grupocajamar.com', phone: '950 228 866' },
];

export const DEMO_MANAGERS: ManagerRecord[] = [
  { id: 'G0123-01', officeCode: '0123', name: 'Rosa Castillo Vega', email: 'rosa.castillo@example.com' },
  { id: 'W8732-01', officeCode: '8732', name: 'Pablo Romero Díaz', email: 'pablo.romero@example.com' },
];

/** The held operation of the demo (not part of the provisioning format: online banking makes them). */
export const DEMO_HELD_OPERATION = {
  customerExternalId: 'DEMO-C006',
  reference: '40718235',
  description: 'Transferencia a ES91 2100 0418 4502 0005 1332',
  iban: 'ES9121000418450200051332',
  concept: 'Factura 2026-0117',
  amountCents: 185_000,
  currency: 'EUR',
  beneficiary: 'Electro Suministros Levante SL',
  /** The fraud rules that held it, as online banking names them (src/banking/fraud-rules.ts). */
  heldReason: 'new_beneficiary',
} as const;

/**
 * A transfer waiting for its SMS signing code (IVR branch 3.2 reads a signing code for it). Its
 * reference is the one seed 001 shows on the "Gestión de claves" page.
 */
export const DEMO_PENDING_OPERATION = {
  customerExternalId: 'DEMO-C001',
  reference: '23522111',
  description: 'Transferencia a ES79 2100 0813 6101 2345 6789',
  iban: 'ES7921000813610123456789',
  concept: 'Alquiler diciembre',
  amountCents: 65_000,
  currency: 'EUR',
  beneficiary: 'Inmobiliaria Almeriense SL',
} as const;

/**
 * A transfer María signed a month ago, to the same beneficiary as her pending one: a new transfer
 * to this IBAN is not "new beneficiary" for the fraud rules, while the same amount to any other
 * IBAN from 1 000 € is held (see docs/demo.md).
 */
export const DEMO_SIGNED_TRANSFER = {
  customerExternalId: 'DEMO-C001',
  reference: '31870542',
  description: 'Transferencia a ES79 2100 0813 6101 2345 6789',
  iban: 'ES7921000813610123456789',
  concept: 'Alquiler noviembre',
  amountCents: 65_000,
  currency: 'EUR',
  beneficiary: 'Inmobiliaria Almeriense SL',
  signed: true,
  ageDays: 30,
} as const;

/** The customer the contact centre has blocked (BLOQUEO CAE, perfil CONSULTAS): only a branch lifts it. */
export const DEMO_CAE_BLOCK = {
  customerExternalId: 'DEMO-C005',
  reason: 'failed the security questions during a fraud-alert call',
} as const;

/** The demo data as of `now`. */
export function demoData(now: Date): DemoData {
  return { offices: DEMO_OFFICES, managers: DEMO_MANAGERS, customers: demoCustomers(now) };
}

function demoCustomers(now: Date): CustomerRecord[] {
  return [
    {
      externalId: 'DEMO-C001', kind: 'person', document: { type: 'DNI', number: '45123987B' }, name: 'María García López',
      mobile: '612 345 331', landline: '950 123 456', email: 'maria.garcia@example.com', officeCode: '0123', managerId: 'G0123-01',
      cards: [
        { pan: '4517 8120 0001 2340', pin: '2468', brand: 'visa', kind: 'debit' },
        { pan: '5522 7130 0004 3212', pin: '1357', brand: 'mastercard', kind: 'credit' },
      ],
      onlineBanking: { userCode: 'MGARCIA01', password: 'Maria.Demo2026' },
      accounts: [
        { iban: 'ES0230580123680001234567', name: 'Cuenta Nómina', balance: '2450.37' },
        { iban: 'ES1830580123670009876543', name: 'Cuenta Ahorro', balance: '12800.00' },
      ],
    },
    {
      externalId: 'DEMO-C002', kind: 'person', document: { type: 'NIE', number: 'X4172839H' }, name: "James O'Connor",
      mobile: '622 481 907', email: 'james.oconnor@example.com', officeCode: '8683', locale: 'en',
      cards: [{ pan: '4517 8120 0005 6784', pin: '8024', brand: 'visa', kind: 'debit' }],
      onlineBanking: { userCode: 'JOCONNOR02', password: 'James.Demo2026' },
      accounts: [{ iban: 'ES5430588683260002468135', name: 'Current account', balance: '3120.55' }],
    },
    {
      externalId: 'DEMO-C003', kind: 'person', document: { type: 'DNI', number: '27846513E' }, name: 'Antonio Martínez Ruiz',
      mobile: '634 902 118', landline: '950 342 871', email: 'antonio.martinez@example.com', officeCode: '0123',
      cards: [{ pan: '4517 8120 0008 7656', pin: '3690', brand: 'visa', kind: 'debit' }],
      onlineBanking: { userCode: 'AMARTINEZ03', password: 'Antonio.Demo2026' },
      accounts: [{ iban: 'ES4330580123670003691470', name: 'Cuenta Nómina', balance: '1890.10' }],
    },
    {
      externalId: 'DEMO-E001', kind: 'entity', document: { type: 'CIF', number: 'B04512786' }, name: 'Invernaderos del Poniente S.L.',
      mobile: '650 778 214', landline: '950 486 300', email: 'administracion@poniente.example', officeCode: '0123', managerId: 'G0123-01',
      representatives: ['DEMO-C003'],
      cards: [{ pan: '5522 7130 0002 4683', pin: '5791', brand: 'mastercard', kind: 'credit' }],
      onlineBanking: { userCode: 'PONIENTE01', password: 'Poniente.Demo2026' },
      accounts: [{ iban: 'ES7630580123680005550123', name: 'Cuenta Empresa', balance: '48230.75' }],
    },
    {
      externalId: 'DEMO-C004', kind: 'person', document: { type: 'DNI', number: '75319246L' }, name: 'Lucía Fernández Navarro',
      mobile: '711 204 562', email: 'lucia.fernandez@example.com', officeCode: '8732', managerId: 'W8732-01',
      cards: [{ pan: '4517 8120 0003 5796', pin: '4826', brand: 'visa', kind: 'debit' }],
      onlineBanking: { userCode: 'LFERNANDEZ04', password: 'Lucia.Demo2026' },
      accounts: [{ iban: 'ES9730588732530007771234', name: 'Cuenta Online', balance: '960.42' }],
    },
    {
      externalId: 'DEMO-C005', kind: 'person', document: { type: 'DNI', number: '53917284V' }, name: 'Javier Moreno Sánchez',
      mobile: '655 310 447', landline: '950 275 019', email: 'javier.moreno@example.com', officeCode: '8683',
      cards: [{ pan: '4517 8120 0009 7531', pin: '7139', brand: 'visa', kind: 'debit' }],
      onlineBanking: { userCode: 'JMORENO05', password: 'Javier.Demo2026' },
      accounts: [{ iban: 'ES3730588683210004440987', name: 'Cuenta Nómina', balance: '5320.00' }],
    },
    {
      externalId: 'DEMO-C006', kind: 'person', document: { type: 'DNI', number: '30864172N' }, name: 'Carmen Ruiz Ortega',
      mobile: '678 152 093', email: 'carmen.ruiz@example.com', officeCode: '0123',
      cards: [{ pan: '5522 7130 0001 3579', pin: '9157', brand: 'mastercard', kind: 'debit' }],
      onlineBanking: { userCode: 'CRUIZ06', password: 'Carmen.Demo2026' },
      accounts: [{ iban: 'ES4930580123660006661357', name: 'Cuenta Nómina', balance: '1204.18' }],
    },
    {
      externalId: 'DEMO-C007', kind: 'person', document: { type: 'DNI', number: '18273645F' }, name: 'David López Jiménez',
      mobile: '691 437 258', email: 'david.lopez@example.com', officeCode: '8683',
      cards: [{ pan: '4517 8120 0006 4200', pin: '6802', brand: 'visa', kind: 'debit' }],
      onlineBanking: { userCode: 'DLOPEZ07', password: 'David.Demo2026' },
      accounts: [{ iban: 'ES8330588683210008882468', name: 'Cuenta Nómina', balance: '-35.20' }],
      devices: [
        { externalId: 'firmov-dlopez-iphone', name: 'iPhone 13 de David', platform: 'ios', linkedAt: ago(now, 400 * 24 * HOUR) },
        { externalId: 'firmov-unknown-android', name: 'SM-A546B', platform: 'android', linkedAt: ago(now, 2 * HOUR) },
      ],
    },
    {
      externalId: 'DEMO-C008', kind: 'person', document: { type: 'PASSPORT', number: 'C01X00T47' }, name: 'Emma Schneider',
      mobile: '625 893 140', email: 'emma.schneider@example.org', officeCode: '8683', locale: 'en',
      cards: [{ pan: '4517 8120 0002 2224', pin: '1590', brand: 'visa', kind: 'debit' }],
      onlineBanking: { userCode: 'ESCHNEIDER08', password: 'Emma.Demo2026' },
      accounts: [{ iban: 'ES4330588683290001112223', name: 'Current account', balance: '2015.60' }],
    },
    {
      externalId: 'DEMO-C009', kind: 'person', document: { type: 'DNI', number: '62491358J' }, name: 'Francisco Jiménez Gil',
      mobile: '747 260 815', landline: '950 614 732', email: 'francisco.jimenez@example.com', officeCode: '0123',
      cards: [{ pan: '5522 7130 0008 1113', pin: '3141', brand: 'mastercard', kind: 'debit' }],
      phoneBanking: { userCode: 'FJIMENEZ09', pin: '4071' },
    },
  ];
}

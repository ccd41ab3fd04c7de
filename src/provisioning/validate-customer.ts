import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { isValidPan, validateDocument } from '../customers/documents.ts';
import type { DocumentType, Locale } from '../platform/db/schema.ts';
import { cleanText, email, phone, type Errors } from './fields.ts';
import { CustomerRecord, type AccountRecord, type CardRecord, type DeviceRecord } from './schema.ts';
import { schemaErrors, type FieldError } from './schema-errors.ts';

/** A customer record that passed every check that needs no database, normalised for storage. */
export interface NormalizedCustomer {
  externalId: string;
  kind: 'person' | 'entity';
  documentType: DocumentType;
  documentNumber: string;
  name: string;
  mobile: string | null;
  landline: string | null;
  email: string | null;
  officeCode: string;
  managerId: string | null;
  locale: Locale;
  /** Undefined keeps the stored list; an array replaces it. */
  representatives: string[] | undefined;
  cards: NormalizedCard[];
  onlineBanking: { userCode: string; password?: string; temporary?: boolean; profile?: 'full' | 'read_only' } | undefined;
  phoneBanking: { userCode: string; pin?: string } | undefined;
  devices: NormalizedDevice[];
  accounts: NormalizedAccount[];
}

export interface NormalizedCard {
  /** Digits only; lives in memory for the import and is never stored. */
  pan: string;
  last4: string;
  pin: string;
  brand: string;
  kind: 'debit' | 'credit';
  /** When the core last reissued the card or changed its PIN: a PIN block set before either is lifted. */
  reissuedAt: Date | undefined;
  pinChangedAt: Date | undefined;
}

export interface NormalizedDevice {
  externalId: string;
  name: string;
  platform: string;
  linkedAt: Date;
}

export interface NormalizedAccount {
  /** Electronic format: upper case, no spaces. */
  iban: string;
  name: string;
  currency: string;
  balanceCents: number;
  /** When the core took the balance; undefined: the import's time. */
  balanceAt: Date | undefined;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Which document types each kind of customer may hold. */
const DOCUMENTS_BY_KIND = { person: ['DNI', 'NIE', 'PASSPORT'], entity: ['CIF'] } as const;

/** Checks one raw customer record: shape, document check characters, phones, email, cards. */
export function validateCustomer(raw: unknown): Validated<NormalizedCustomer> {
  const shape = schemaErrors(CustomerRecord, raw);
  if (shape.length) return { ok: false, errors: shape };
  const r = raw as CustomerRecord;
  const errors: Errors = [];

  let documentNumber = '';
  if (!(DOCUMENTS_BY_KIND[r.kind] as readonly string[]).includes(r.document.type)) {
    errors.push({ field: 'document.type', message: `${r.kind === 'entity' ? 'an entity' : 'a person'} cannot hold a ${r.document.type}` });
  } else {
    const doc = validateDocument(r.document.type, r.document.number);
    if (doc.ok) documentNumber = doc.value;
    else errors.push({ field: 'document.number', message: doc.reason });
  }
  if (r.representatives && r.kind !== 'entity') {
    errors.push({ field: 'representatives', message: 'only an entity has representatives' });
  }
  if (r.onlineBanking?.temporary !== undefined && r.onlineBanking.password === undefined) {
    errors.push({ field: 'onlineBanking.temporary', message: 'applies only with a password' });
  }
  const value: NormalizedCustomer = {
    externalId: r.externalId,
    kind: r.kind,
    documentType: r.document.type,
    documentNumber,
    name: cleanText(r.name),
    mobile: phone(r.mobile, 'mobile', ['mobile'], errors),
    landline: phone(r.landline, 'landline', ['landline', 'other'], errors),
    email: email(r.email, 'email', errors),
    officeCode: r.officeCode,
    managerId: r.managerId?.trim() || null,
    locale: r.locale ?? 'es',
    representatives: r.representatives ? [...new Set(r.representatives)] : undefined,
    cards: (r.cards ?? []).map((c, i) => card(c, i, errors)),
    onlineBanking: r.onlineBanking,
    phoneBanking: r.phoneBanking,
    devices: (r.devices ?? []).map(device),
    accounts: (r.accounts ?? []).map((a, i) => account(a, i, errors)),
  };
  duplicates(value.cards.map((c) => c.pan), 'cards', 'the same card is listed twice', errors);
  duplicates(value.devices.map((d) => d.externalId), 'devices', 'the same device is listed twice', errors);
  duplicates(value.accounts.map((a) => a.iban), 'accounts', 'the same account is listed twice', errors);
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

function card(c: CardRecord, i: number, errors: Errors): NormalizedCard {
  const pan = c.pan.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(pan)) errors.push({ field: `cards.${i}.pan`, message: 'must be 13 to 19 digits' });
  else if (!isValidPan(pan)) errors.push({ field: `cards.${i}.pan`, message: 'is not a valid card number (Luhn check failed)' });
  const date = (value: string | undefined) => (value === undefined ? undefined : new Date(value));
  return { pan, last4: pan.slice(-4), pin: c.pin, brand: c.brand ?? 'visa', kind: c.kind ?? 'debit', reissuedAt: date(c.reissuedAt), pinChangedAt: date(c.pinChangedAt) };
}

function device(d: DeviceRecord): NormalizedDevice {
  return { externalId: d.externalId, name: cleanText(d.name), platform: d.platform ?? 'android', linkedAt: new Date(d.linkedAt) };
}

function account(a: AccountRecord, i: number, errors: Errors): NormalizedAccount {
  const iban = electronicFormatIBAN(a.iban) ?? '';
  if (!isValidIBAN(iban)) errors.push({ field: `accounts.${i}.iban`, message: 'is not a valid IBAN (country format or check digits)' });
  // The schema's pattern holds: a sign, at most 12 digits and at most 2 decimals.
  const [, sign = '', units = '0', decimals = ''] = /^(-?)(\d+)(?:[.,](\d{1,2}))?$/.exec(a.balance) ?? [];
  const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
  return {
    iban,
    name: a.name ? cleanText(a.name) : 'Cuenta',
    currency: a.currency ?? 'EUR',
    balanceCents: sign === '-' ? -cents : cents,
    balanceAt: a.balanceAt === undefined ? undefined : new Date(a.balanceAt),
  };
}

function duplicates(keys: string[], field: string, message: string, errors: Errors): void {
  const index = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (index >= 0) errors.push({ field: `${field}.${index}`, message });
}

import { parse } from 'csv-parse/sync';
import { AppError } from '../platform/errors.ts';
import type { ImportInput } from './schema.ts';

/**
 * Import files: JSON (`{ offices, managers, customers }` or an array of customers) and CSV
 * (one customer per row, columns below). Only the envelope is checked here; each record is
 * checked on its own by the import so one bad record never rejects the file.
 */
export function parseImportJson(text: string): ImportInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // Only the position: newer engines quote a slice of the text, which may hold a PIN or a card number.
    const where = /at position \d+(?: \(line \d+ column \d+\))?/.exec((err as Error).message)?.[0];
    throw new AppError('validation', `the file is not valid JSON${where ? ` (${where})` : ''}`);
  }
  return importEnvelope(data);
}

const SECTIONS = ['offices', 'managers', 'customers'] as const;

/** The lists of an already-parsed JSON body, refusing anything that is not the envelope. */
export function importEnvelope(data: unknown): ImportInput {
  if (Array.isArray(data)) return { customers: data };
  if (data === null || typeof data !== 'object') throw new AppError('validation', 'expected an object { offices, managers, customers } or an array of customers');
  const unknown = Object.keys(data).filter((k) => !(SECTIONS as readonly string[]).includes(k));
  if (unknown.length) throw new AppError('validation', `unknown sections: ${unknown.join(', ')} (expected offices, managers, customers)`);
  const input: ImportInput = {};
  for (const section of SECTIONS) {
    const list = (data as Record<string, unknown>)[section];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new AppError('validation', `${section} must be an array`);
    input[section] = list;
  }
  return input;
}

/** Every CSV column, in the documented order (docs/demo.md, "Provisioning files"). */
export const CSV_COLUMNS = [
  'externalId', 'kind', 'documentType', 'documentNumber', 'name', 'mobile', 'landline', 'email', 'officeCode',
  'managerId', 'locale', 'representatives', 'cardPan', 'cardPin', 'cardBrand', 'cardKind', 'cardReissuedAt', 'cardPinChangedAt',
  'userCode', 'password', 'temporary', 'profile', 'phoneUserCode', 'phonePin',
] as const;
type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

/** One customer per row; `,` or `;` separated (spreadsheets in Spain save with `;`); empty cells are absent. */
export function parseImportCsv(text: string): ImportInput {
  let rows: Row[];
  try {
    rows = parse(text, {
      bom: true,
      delimiter: [',', ';'],
      trim: true,
      skip_empty_lines: true,
      columns: (header: string[]) => {
        const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
        if (unknown.length) throw new Error(`unknown columns: ${unknown.join(', ')}`);
        if (!header.includes('externalId')) throw new Error('the externalId column is required');
        return header;
      },
    });
  } catch (err) {
    throw new AppError('validation', `the CSV file cannot be read: ${(err as Error).message}`);
  }
  return { customers: rows.map(csvCustomer) };
}

const BOOLEAN: Record<string, boolean> = { true: true, '1': true, yes: true, 'sí': true, si: true, false: false, '0': false, no: false };

/** A CSV row as the nested customer record; absent cells stay absent so the schema names them. */
export function csvCustomer(row: Row): Record<string, unknown> {
  const v = (k: keyof Row) => (row[k] === undefined || row[k] === '' ? undefined : row[k]);
  const any = (...keys: (keyof Row)[]) => keys.some((k) => v(k) !== undefined);
  const temporary = v('temporary');
  const record: Record<string, unknown> = {
    externalId: v('externalId'),
    kind: v('kind'),
    document: any('documentType', 'documentNumber') ? { type: v('documentType'), number: v('documentNumber') } : undefined,
    name: v('name'),
    mobile: v('mobile'),
    landline: v('landline'),
    email: v('email'),
    officeCode: v('officeCode'),
    managerId: v('managerId'),
    locale: v('locale'),
    representatives: v('representatives')?.split('|').map((s) => s.trim()).filter(Boolean),
    cards: any('cardPan', 'cardPin') ? [{ pan: v('cardPan'), pin: v('cardPin'), brand: v('cardBrand'), kind: v('cardKind'), reissuedAt: v('cardReissuedAt'), pinChangedAt: v('cardPinChangedAt') }] : undefined,
    onlineBanking: any('userCode', 'password', 'temporary', 'profile')
      ? { userCode: v('userCode'), password: v('password'), temporary: temporary === undefined ? undefined : (BOOLEAN[temporary.toLowerCase()] ?? temporary), profile: v('profile') }
      : undefined,
    phoneBanking: any('phoneUserCode', 'phonePin') ? { userCode: v('phoneUserCode'), pin: v('phonePin') } : undefined,
  };
  return dropUndefined(record);
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out[k] = v.map((x) => (x !== null && typeof x === 'object' ? dropUndefined(x as Record<string, unknown>) : x));
    else out[k] = v !== null && typeof v === 'object' ? dropUndefined(v as Record<string, unknown>) : v;
  }
  return out;
}

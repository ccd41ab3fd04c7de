import { cleanText, email, phone, type Errors } from './fields.ts';
import { ManagerRecord, OfficeRecord } from './schema.ts';
import { schemaErrors } from './schema-errors.ts';
import type { Validated } from './validate-customer.ts';

export interface NormalizedOffice {
  code: string;
  name: string;
  kind: 'branch' | 'virtual';
  email: string;
  phone: string | null;
}

export interface NormalizedManager {
  id: string;
  officeCode: string;
  name: string;
  email: string;
}

/** Checks one raw office record: shape, mailbox, phone in E.164. */
export function validateOffice(raw: unknown): Validated<NormalizedOffice> {
  const shape = schemaErrors(OfficeRecord, raw);
  if (shape.length) return { ok: false, errors: shape };
  const r = raw as OfficeRecord;
  const errors: Errors = [];
  const value: NormalizedOffice = {
    code: r.code,
    name: cleanText(r.name),
    kind: r.kind,
    email: email(r.email, 'email', errors, true) ?? '',
    phone: phone(r.phone, 'phone', ['landline', 'mobile', 'other'], errors),
  };
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

/** Checks one raw manager record: shape and email. Whether the office exists is checked on apply. */
export function validateManager(raw: unknown): Validated<NormalizedManager> {
  const shape = schemaErrors(ManagerRecord, raw);
  if (shape.length) return { ok: false, errors: shape };
  const r = raw as ManagerRecord;
  const errors: Errors = [];
  const value: NormalizedManager = { id: r.id, officeCode: r.officeCode, name: cleanText(r.name), email: email(r.email, 'email', errors, true) ?? '' };
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

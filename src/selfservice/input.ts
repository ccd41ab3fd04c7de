import { isValidPan, validateDocument, type DocumentType } from '../customers/documents.ts';

/**
 * The checks of step 1 "Tu dato" that need no database: the page runs the same ones before
 * sending (this file imports nothing of Node). A malformed value is a clear 400 naming the
 * field; a well-formed one that matches nobody is not an error (see `start.ts`).
 */
export type StartField = 'invalid_document' | 'invalid_pan' | 'invalid_pin';

export const DOCUMENT_TYPES: readonly DocumentType[] = ['DNI', 'NIE', 'PASSPORT', 'CIF'];

export interface StartInput {
  documentType: DocumentType;
  document: string;
  pan: string;
  pin: string;
}

export interface CleanStart {
  documentType: DocumentType;
  /** Normalised (upper case, no spaces or dots). */
  document: string;
  /** Digits only. */
  pan: string;
  last4: string;
  pin: string;
}

/** A card PIN: 4 to 6 digits, as the IVR takes it. */
export const isPinShaped = (pin: string): boolean => /^\d{4,6}$/.test(pin);

/** The card number without the spaces or dashes it is printed with. */
export const panDigits = (pan: string): string => pan.replace(/[\s-]/g, '');

/** Checks each field's shape (document check character, Luhn, PIN digits); the first bad one is named. */
export function checkStartInput(input: StartInput): { ok: true; value: CleanStart } | { ok: false; reason: StartField } {
  const doc = validateDocument(input.documentType, input.document);
  if (!doc.ok) return { ok: false, reason: 'invalid_document' };
  if (!isValidPan(input.pan)) return { ok: false, reason: 'invalid_pan' };
  if (!isPinShaped(input.pin)) return { ok: false, reason: 'invalid_pin' };
  const pan = panDigits(input.pan);
  return { ok: true, value: { documentType: input.documentType, document: doc.value, pan, last4: pan.slice(-4), pin: input.pin } };
}

/** A one-time code as typed: the spaces people put between digits go. */
export const cleanCode = (code: string): string => code.replace(/\s/g, '');

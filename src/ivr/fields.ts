import { dniFromKeypad, nieFromKeypad } from '../customers/documents.ts';
import type { FieldName } from './flow-types.ts';
import type { CallContext, Secrets } from './state.ts';

/** What a typed value becomes: part of the call context, a secret for the next action, or invalid (null). */
export type Reading = { context: Partial<CallContext> } | { secrets: Secrets } | null;

/**
 * How each input step reads the keys typed. Format only: whether a document or card exists is
 * for the action to find out, with the same answer either way.
 */
export const FIELDS: Readonly<Record<FieldName, { secret: boolean; read(digits: string): Reading }>> = {
  dni: {
    secret: false,
    read: (d) => {
      const number = dniFromKeypad(d);
      return number ? { context: { document: { type: 'DNI', number } } } : null;
    },
  },
  // X, Y, Z keyed as 0, 1, 2 (the official mapping used for the check letter).
  nie: {
    secret: false,
    read: (d) => {
      const number = nieFromKeypad(d);
      return number ? { context: { document: { type: 'NIE', number } } } : null;
    },
  },
  reference: { secret: false, read: (d) => (/^\d{8}$/.test(d) ? { context: { reference: d } } : null) },
  cardLast4: { secret: false, read: (d) => (/^\d{4}$/.test(d) ? { context: { cardLast4: d } } : null) },
  pin: { secret: true, read: (d) => (/^\d{4,6}$/.test(d) ? { secrets: { pin: d } } : null) },
};

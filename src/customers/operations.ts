import { randomInt } from 'node:crypto';
import { randomDigits } from '../platform/crypto.ts';
import { AppError } from '../platform/errors.ts';

/**
 * An operation reference as the customer sees it in online banking and keys into the IVR:
 * 8 digits from the CSPRNG, never starting with 0 (a keypad entry or a spreadsheet would drop it).
 */
export function newOperationReference(): string {
  return String(randomInt(1, 10)) + randomDigits(7);
}

/** Whether a string has the shape of an operation reference. */
export const isOperationReference = (value: string): boolean => /^[1-9]\d{7}$/.test(value);

export interface MoneyFields {
  amountCents?: number | null | undefined;
  currency?: string | null | undefined;
}

/** Amount and currency travel together: a positive whole number of cents and an ISO 4217 code. */
export function checkMoney({ amountCents, currency }: MoneyFields): void {
  const hasAmount = amountCents !== undefined && amountCents !== null;
  const hasCurrency = currency !== undefined && currency !== null;
  if (hasAmount !== hasCurrency) throw new AppError('validation', 'an amount needs a currency and a currency needs an amount');
  if (hasAmount && (!Number.isSafeInteger(amountCents) || amountCents! <= 0)) throw new AppError('validation', 'the amount is a positive whole number of cents');
  if (hasCurrency && !/^[A-Z]{3}$/.test(currency!)) throw new AppError('validation', 'the currency is a three-letter ISO 4217 code');
}

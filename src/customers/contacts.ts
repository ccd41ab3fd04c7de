import type { Customer } from '../platform/db/schema.ts';
import { samePhone } from './phone.ts';

/**
 * The numbers to call about an alert, in order: the landline first when the customer has one,
 * then the mobile (seed 002: "llamar primero al fijo si lo tiene, si no al móvil").
 */
export function contactPhones(customer: Pick<Customer, 'landline' | 'mobile'>): string[] {
  return [customer.landline, customer.mobile].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
}

/** Whether a caller id is one of the customer's registered phones (seed 000: call from your own phone). */
export function isRegisteredPhone(customer: Pick<Customer, 'landline' | 'mobile'>, callerId: string | null | undefined): boolean {
  return samePhone(callerId, customer.mobile) || samePhone(callerId, customer.landline);
}

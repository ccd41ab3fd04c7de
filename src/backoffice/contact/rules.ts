import type { Customer } from '../../platform/db/schema.ts';
import { PLAYBOOK } from '../playbook/playbook.ts';

/**
 * Contacting the customer about an alert, without I/O (seed 002): "En cada una de las alertas
 * que se generen, debemos contactar con el cliente para confirmar la operación (3 intentos por
 * alerta). Si el cliente tiene teléfono fijo en MP siempre intentaremos contactar primero en ese
 * teléfono, si el cliente no tiene teléfono fijo contactaremos en el teléfono móvil que tenga."
 * Deduped alerts share their case, so the attempts are counted per case. Any hour is fine
 * ("HAY QUE INTENTAR CONTACTAR CON EL CLIENTE SIEMPRE Y EN CUALQUIER HORARIO"), so no rule here
 * looks at the clock.
 */

/** The attempts an alert gets: a rule of the playbook definition, not of this code. */
export const MAX_ATTEMPTS = PLAYBOOK.contact.attemptsPerAlert;

export type PhoneKind = 'landline' | 'mobile';

/**
 * How an attempt ended. Only `answered` reaches someone who may confirm (the online-banking
 * holder, or for an entity one of its representatives); `not_holder` is a call someone else
 * answered, which does not count ("Solo debemos dar por válida la confirmación si responde el
 * titular de la Banca Electrónica").
 */
export type AttemptResult = 'answered' | 'no_answer' | 'busy' | 'voicemail' | 'wrong_number' | 'not_holder';
export const ATTEMPT_RESULTS: readonly AttemptResult[] = ['answered', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'not_holder'];

export const reached = (result: string): boolean => result === 'answered';

export interface PhoneOption {
  kind: PhoneKind;
  number: string;
}

/** The customer's phones in the order the seed calls them: the landline first, then the mobile. */
export function phoneOptions(customer: Pick<Customer, 'landline' | 'mobile'>): PhoneOption[] {
  const options: PhoneOption[] = [];
  if (customer.landline?.trim()) options.push({ kind: 'landline', number: customer.landline });
  if (customer.mobile?.trim()) options.push({ kind: 'mobile', number: customer.mobile });
  return options;
}

export type AttemptPlan =
  | { ok: true; attemptNo: number; allowed: PhoneOption[]; suggested: PhoneOption }
  | { ok: false; reason: 'attempt_limit' | 'no_phone' };

/**
 * The next attempt: its number, the phones it may use and the one to suggest. The first
 * attempt must go to the landline when there is one; later ones may use either phone and
 * alternate by default (landline, mobile, landline).
 */
export function planAttempt(phones: readonly PhoneOption[], attemptsMade: number, maxAttempts = MAX_ATTEMPTS): AttemptPlan {
  if (attemptsMade >= maxAttempts) return { ok: false, reason: 'attempt_limit' };
  if (phones.length === 0) return { ok: false, reason: 'no_phone' };
  const attemptNo = attemptsMade + 1;
  const allowed = attemptNo === 1 ? [phones[0]!] : [...phones];
  return { ok: true, attemptNo, allowed, suggested: phones[attemptsMade % phones.length]! };
}

/**
 * After the last attempt failed, the agent is offered the "no answer" outcome; null while an
 * attempt is left or someone who may confirm was reached.
 */
export function contactProposal(results: readonly string[], maxAttempts = MAX_ATTEMPTS): 'no_answer' | null {
  return results.length >= maxAttempts && !results.some(reached) ? 'no_answer' : null;
}

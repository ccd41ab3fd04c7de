import type { OperationStatus } from './api.ts';

type Translate = (id: string, params?: Record<string, string | number>) => string;

/**
 * Words chosen from data (a status, a score), each id written out whole so a search for an
 * id finds where it is shown and the catalogue test sees every one in use.
 */
export function statusText(t: Translate, status: OperationStatus): string {
  switch (status) {
    case 'pending_signature':
      return t('web.bank.status.pending_signature');
    case 'held':
      return t('web.bank.status.held');
    case 'signed':
      return t('web.bank.status.signed');
    case 'cancelled':
      return t('web.bank.status.cancelled');
    case 'rejected':
      return t('web.bank.status.rejected');
    case 'expired':
      return t('web.bank.status.expired');
  }
}

/** The link of an operation in the list: what the customer can do with it next. */
export function openText(t: Translate, status: OperationStatus, canAct: boolean, reference: string): string {
  if (canAct && status === 'pending_signature') return t('web.bank.ops.open.pending_signature', { reference });
  if (canAct && status === 'held') return t('web.bank.ops.open.held', { reference });
  return t('web.bank.ops.open.other', { reference });
}

/** Seed 001's five levels: Muy débil, Débil, Media, Fuerte, Muy fuerte (zxcvbn scores 0 to 4). */
export function strengthText(t: Translate, score: number): string {
  const level = [
    t('web.bank.strength.0'),
    t('web.bank.strength.1'),
    t('web.bank.strength.2'),
    t('web.bank.strength.3'),
    t('web.bank.strength.4'),
  ][Math.max(0, Math.min(4, score))]!;
  return t('web.bank.strength.value', { level });
}

/** The heading of an operation's page by its status: held, signed ("¡Listo!") or "Gestión de claves". */
export function operationTitle(t: Translate, status: OperationStatus | undefined): string {
  if (status === 'held') return t('web.bank.held.title');
  if (status === 'signed') return t('web.bank.done.title');
  if (status === 'pending_signature') return t('web.bank.sign.title');
  // Still loading, or an operation that is no longer waiting for its code: never "Gestión de claves".
  return t('web.bank.operation.title');
}

export function deviceStatusText(t: Translate, status: 'pending' | 'linked' | 'unlinked'): string {
  if (status === 'pending') return t('web.bank.devices.status.pending');
  if (status === 'linked') return t('web.bank.devices.status.linked');
  return t('web.bank.devices.status.unlinked');
}

export function platformText(t: Translate, platform: string): string {
  if (platform === 'android') return t('web.bank.devices.android');
  if (platform === 'ios') return t('web.bank.devices.ios');
  return platform;
}

import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.ts';
import { issueCode, verifyCode } from '../customers/codes-store.ts';
import { recordSignatureFailure, resetSignatureFailures } from '../customers/credentials-store.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import type { Db, Executor } from '../platform/db/database.ts';
import type { AppError } from '../platform/errors.ts';
import { isUuid } from '../customers/store-support.ts';
import { requireFullProfile, requireSignature, type Caller } from './access.ts';
import { codeAttemptsLeft, codeRefusal } from './code-outcome.ts';
import { bankingError } from './errors.ts';
import { banking } from './schema.ts';
import type { SigningDeps } from './signing.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';

/**
 * Mobile-signature devices (FIRMOV, seed 002). Linking one is a request confirmed by a code sent
 * to the registered mobile (`purpose 'device_link'`, `subject 'device:<id>'`); a wrong code counts
 * against the signature across requests, as a wrong signing code does; the confirmed device
 * keeps the request's id. Its link time feeds the `recent_device` fraud rule and the
 * "unlink what was linked recently" step of the playbook.
 */
export interface DeviceView {
  id: string;
  name: string;
  platform: string;
  linkedAt: string | null;
  status: 'pending' | 'linked' | 'unlinked';
}

const subject = (id: string) => `device:${id}`;

/** Linked and unlinked devices, then link requests whose code may still be live; newest first. */
export async function listDevices(ex: Executor, deps: SigningDeps, customerId: string): Promise<DeviceView[]> {
  const since = new Date(deps.clock.now().getTime() - deps.config.limits.codeTtlSeconds * 1000);
  const [devices, pending] = await Promise.all([
    ex.selectFrom('devices').select(['id', 'name', 'platform', 'linked_at', 'unlinked_at']).where('customer_id', '=', customerId).orderBy('linked_at', 'desc').execute(),
    banking(ex).selectFrom('banking_device_links').selectAll().where('customer_id', '=', customerId).where('confirmed_at', 'is', null).where('created_at', '>', since).orderBy('created_at', 'desc').execute(),
  ]);
  return [
    ...pending.map((p): DeviceView => ({ id: p.id, name: p.name, platform: p.platform, linkedAt: null, status: 'pending' })),
    ...devices.map((d): DeviceView => ({ id: d.id, name: d.name, platform: d.platform, linkedAt: d.linked_at.toISOString(), status: d.unlinked_at ? 'unlinked' : 'linked' })),
  ];
}

export async function requestDeviceLink(db: Db, deps: SigningDeps, caller: Caller, input: { name: string; platform: 'android' | 'ios' }): Promise<DeviceView> {
  requireFullProfile(caller);
  requireSignature(caller);
  const { customer } = caller;
  if (!customer.mobile) throw bankingError('no_mobile', 'the customer has no mobile phone to receive the code');
  const name = input.name.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();
  return transactionWithRetry(db, async (tx) => {
    const id = randomUUID();
    const at = deps.clock.now();
    await banking(tx).insertInto('banking_device_links').values({ id, customer_id: customer.id, name, platform: input.platform, created_at: at }).execute();
    const issued = await issueCode(tx, deps, { purpose: 'device_link', subject: subject(id), customerId: customer.id });
    const minutes = Math.max(1, Math.round((issued.expiresAt.getTime() - at.getTime()) / 60_000));
    await enqueueMessage(tx, deps, { channel: 'sms', to: customer.mobile!, template: 'sms.device_link_code', customer, params: { code: issued.code, device: name, minutes } });
    await appendAudit(tx, { at, actor: `customer:${customer.id}`, action: 'banking.device_link_requested', customerId: customer.id, subject: subject(id), details: { name, platform: input.platform } });
    return { id, name, platform: input.platform, linkedAt: null, status: 'pending' };
  });
}

export async function confirmDeviceLink(db: Db, deps: SigningDeps, caller: Caller, id: string, code: string): Promise<DeviceView> {
  requireFullProfile(caller);
  requireSignature(caller);
  const customerId = caller.customer.id;
  const outcome = await transactionWithRetry(db, async (tx): Promise<{ device: DeviceView } | { error: AppError }> => {
    const link = isUuid(id) ? await banking(tx).selectFrom('banking_device_links').selectAll().where('id', '=', id).where('customer_id', '=', customerId).forUpdate().executeTakeFirst() : undefined;
    if (!link) return { error: bankingError('device_not_found', 'no such device link') };
    if (link.confirmed_at) return { error: bankingError('wrong_status', 'the device is already linked', { status: 'linked' }) };
    const check = await verifyCode(tx, deps, { purpose: 'device_link', subject: subject(id), code });
    if (check === 'expired' || check === 'not_found') return { error: codeRefusal(check, 0) };
    if (check !== 'ok') {
      // A wrong code counts against the signature, like a wrong signing code: a new link request
      // issues a new code but buys no new guesses, and at the limit the signature is blocked
      // (PSD2 RTS art. 4(3)(b); lifted by IVR 3.1 or a branch).
      const { failures, blocked } = await recordSignatureFailure(tx, deps, customerId);
      if (blocked) return { error: bankingError('signature_blocked', 'too many wrong codes: the signature is blocked') };
      const left = Math.min(deps.config.limits.signingCodeAttempts - failures, await codeAttemptsLeft(tx, 'device_link', subject(id)));
      return { error: codeRefusal(check, left) };
    }
    await resetSignatureFailures(tx, deps, customerId);
    const at = deps.clock.now();
    await banking(tx).updateTable('banking_device_links').set({ confirmed_at: at }).where('id', '=', id).execute();
    await tx.insertInto('devices').values({ id, customer_id: customerId, external_id: `banking:${id}`, name: link.name, platform: link.platform, linked_at: at }).execute();
    await appendAudit(tx, { at, actor: `customer:${customerId}`, action: 'device.linked', customerId, subject: subject(id), details: { name: link.name, platform: link.platform } });
    return { device: { id, name: link.name, platform: link.platform, linkedAt: at.toISOString(), status: 'linked' } };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.device;
}

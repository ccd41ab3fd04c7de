import { appendAudit } from '../audit/audit.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Block, Device, ProfileOrigin } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { activeBlocks, createBlock } from './blocks-store.ts';
import { inTransaction, type ClockDeps, type LimitsDeps } from './store-support.ts';

export interface FailureCount {
  failures: number;
  /** Whether this failure reached the limit and blocked the credential. */
  blocked: boolean;
}

/**
 * Counts a wrong online-banking password; at `limits.passwordAttempts` consecutive failures the
 * access is blocked (origin failed_attempts, which the customer lifts by self-service).
 */
export function recordPasswordFailure(ex: Executor, deps: LimitsDeps, customerId: string): Promise<FailureCount> {
  return inTransaction(ex, async (tx) => {
    const at = deps.clock.now();
    const row = await tx
      .updateTable('online_banking_users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), updated_at: at }))
      .where('customer_id', '=', customerId)
      .returning('failed_logins')
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'the customer has no online-banking user');
    const failures = row.failed_logins;
    const blocked = failures >= deps.config.limits.passwordAttempts;
    await appendAudit(tx, { at, actor: `customer:${customerId}`, action: 'login.failed', customerId, subject: 'online_banking', details: { failures, blocked } });
    if (blocked) await createBlock(tx, deps, { customerId, target: 'access', origin: 'failed_attempts', reason: 'password attempts exhausted', by: 'system' });
    return { failures, blocked };
  });
}

/** Counts a wrong signing code against the customer's signature; at the limit the signature is blocked. */
export function recordSignatureFailure(ex: Executor, deps: LimitsDeps, customerId: string): Promise<FailureCount> {
  return inTransaction(ex, async (tx) => {
    const at = deps.clock.now();
    // Provisioning creates the row; the upsert keeps the count right for a customer created without one.
    const row = await tx
      .insertInto('signatures')
      .values({ customer_id: customerId, failed_attempts: 1, updated_at: at })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet((eb) => ({ failed_attempts: eb('signatures.failed_attempts', '+', 1), updated_at: at })))
      .returning('failed_attempts')
      .executeTakeFirstOrThrow();
    const failures = row.failed_attempts;
    const blocked = failures >= deps.config.limits.signingCodeAttempts;
    await appendAudit(tx, { at, actor: `customer:${customerId}`, action: 'signature.failed', customerId, subject: 'signature', details: { failures, blocked } });
    if (blocked) await createBlock(tx, deps, { customerId, target: 'signature', origin: 'failed_attempts', reason: 'signing code attempts exhausted', by: 'system' });
    return { failures, blocked };
  });
}

/** Clears the failed-login count after a good login or a recovery; audited only when it changes. */
export function resetPasswordFailures(ex: Executor, deps: ClockDeps, customerId: string, by = 'system'): Promise<void> {
  return inTransaction(ex, async (tx) => {
    const at = deps.clock.now();
    const row = await tx.updateTable('online_banking_users').set({ failed_logins: 0, updated_at: at }).where('customer_id', '=', customerId).where('failed_logins', '>', 0).returning('customer_id').executeTakeFirst();
    if (row) await appendAudit(tx, { at, actor: by, action: 'login.failures_reset', customerId, subject: 'online_banking' });
  });
}

/** Clears the signature's failure count after a good signature or an unlock; audited only when it changes. */
export function resetSignatureFailures(ex: Executor, deps: ClockDeps, customerId: string, by = 'system'): Promise<void> {
  return inTransaction(ex, async (tx) => {
    const at = deps.clock.now();
    const row = await tx.updateTable('signatures').set({ failed_attempts: 0, updated_at: at }).where('customer_id', '=', customerId).where('failed_attempts', '>', 0).returning('customer_id').executeTakeFirst();
    if (row) await appendAudit(tx, { at, actor: by, action: 'signature.failures_reset', customerId, subject: 'signature' });
  });
}

export interface PasswordChange {
  /** A temporary password opens only the forced change (seed 001 step 5). */
  temporary: boolean;
  expiresAt: Date | null;
  by: string;
  /**
   * Also what `resetPasswordFailures` would audit: `login.failures_reset` when the count it
   * clears was not zero (the recovery says so). Read under the row lock, in the same statement.
   */
  auditFailuresReset?: boolean;
}

/** Stores a new password hash (argon2id, from passwords.ts) and starts a fresh failure count. */
export async function setPassword(ex: Executor, deps: ClockDeps, customerId: string, passwordHash: string, change: PasswordChange): Promise<void> {
  if (!passwordHash.startsWith('$argon2id$')) throw new AppError('internal', 'setPassword takes an argon2id hash, never a password');
  return inTransaction(ex, async (tx) => {
    const at = deps.clock.now();
    // The count before the reset, from the row as locked (a subquery of the update's FROM).
    const prior = tx.selectFrom('online_banking_users').select(['customer_id', 'failed_logins']).where('customer_id', '=', customerId).forUpdate().as('prior');
    const row = await tx
      .updateTable('online_banking_users')
      .from(prior)
      .set({ password_hash: passwordHash, password_temporary: change.temporary, password_expires_at: change.expiresAt, failed_logins: 0, updated_at: at })
      .whereRef('online_banking_users.customer_id', '=', 'prior.customer_id')
      .returning(['online_banking_users.customer_id', 'prior.failed_logins as prior_failures'])
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'the customer has no online-banking user');
    if (change.auditFailuresReset && row.prior_failures > 0) await appendAudit(tx, { at, actor: change.by, action: 'login.failures_reset', customerId, subject: 'online_banking' });
    await appendAudit(tx, { at, actor: change.by, action: 'password.set', customerId, subject: 'online_banking', details: { temporary: change.temporary, expiresAt: change.expiresAt?.toISOString() ?? null } });
  });
}

/**
 * Sets the online-banking profile and who set it. Read-only ("perfil CONSULTAS") is set by the
 * contact centre; only a branch restores `full` — the caller checks that with
 * `canRestoreFullProfile`. The origin is what a provisioning feed reads before touching it.
 */
export function setProfile(ex: Executor, deps: ClockDeps, customerId: string, profile: 'full' | 'read_only', by: string, origin: ProfileOrigin = profile === 'read_only' ? 'contact_centre' : 'office'): Promise<void> {
  return inTransaction(ex, async (tx) => {
    const current = await tx.selectFrom('online_banking_users').select(['profile', 'profile_origin']).where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
    if (!current) throw new AppError('not_found', 'the customer has no online-banking user');
    // The same profile set again by someone else changes who owns it: the contact centre making
    // a feed's read-only its own keeps the next feed from restoring it.
    if (current.profile === profile && current.profile_origin === origin) return;
    const at = deps.clock.now();
    await tx.updateTable('online_banking_users').set({ profile, profile_origin: origin, updated_at: at }).where('customer_id', '=', customerId).execute();
    await appendAudit(tx, { at, actor: by, action: 'profile.set', customerId, subject: 'online_banking', details: { from: current.profile, to: profile, origin } });
  });
}

/**
 * Unlinks the mobile-signature devices linked at or after `since` (seed 002, "no answer":
 * a device linked recently that was not the customer's). Returns what was unlinked.
 */
export function unlinkDevicesLinkedSince(ex: Executor, deps: ClockDeps, customerId: string, since: Date, by: string, reason: string): Promise<Device[]> {
  return inTransaction(ex, async (tx) => {
    const at = deps.clock.now();
    const devices = await tx
      .updateTable('devices')
      .set({ unlinked_at: at, unlinked_reason: reason })
      .where('customer_id', '=', customerId)
      .where('linked_at', '>=', since)
      .where('unlinked_at', 'is', null)
      .returningAll()
      .execute();
    for (const d of devices) {
      await appendAudit(tx, { at, actor: by, action: 'device.unlinked', customerId, subject: `device:${d.id}`, details: { name: d.name, linkedAt: d.linked_at.toISOString(), reason } });
    }
    return devices;
  });
}

export interface CredentialState {
  onlineBanking: { userCode: string; passwordTemporary: boolean; passwordExpiresAt: Date | null; failedLogins: number; lastLoginAt: Date | null } | null;
  phoneBanking: { userCode: string; failedAttempts: number } | null;
  signature: { failedAttempts: number };
  profile: 'full' | 'read_only' | null;
  blocks: Block[];
  cards: { id: string; last4: string; brand: string; kind: 'debit' | 'credit'; pinBlocked: boolean; failedPinAttempts: number }[];
  devices: { id: string; name: string; platform: string; linkedAt: Date; unlinkedAt: Date | null }[];
}

/** Everything an agent or a branch sees about a customer's credentials; no hash or secret in it. */
export async function credentialState(ex: Executor, customerId: string): Promise<CredentialState> {
  const [ob, pb, sig, blocks, cards, devices] = await Promise.all([
    ex.selectFrom('online_banking_users').select(['user_code', 'password_temporary', 'password_expires_at', 'failed_logins', 'last_login_at', 'profile']).where('customer_id', '=', customerId).executeTakeFirst(),
    ex.selectFrom('phone_banking_users').select(['user_code', 'failed_attempts']).where('customer_id', '=', customerId).executeTakeFirst(),
    ex.selectFrom('signatures').select('failed_attempts').where('customer_id', '=', customerId).executeTakeFirst(),
    activeBlocks(ex, customerId),
    ex.selectFrom('cards').select(['id', 'last4', 'brand', 'kind', 'pin_blocked_at', 'failed_pin_attempts']).where('customer_id', '=', customerId).orderBy('created_at').orderBy('id').execute(),
    ex.selectFrom('devices').select(['id', 'name', 'platform', 'linked_at', 'unlinked_at']).where('customer_id', '=', customerId).orderBy('linked_at').execute(),
  ]);
  return {
    onlineBanking: ob ? { userCode: ob.user_code, passwordTemporary: ob.password_temporary, passwordExpiresAt: ob.password_expires_at, failedLogins: ob.failed_logins, lastLoginAt: ob.last_login_at } : null,
    phoneBanking: pb ? { userCode: pb.user_code, failedAttempts: pb.failed_attempts } : null,
    signature: { failedAttempts: sig?.failed_attempts ?? 0 },
    profile: ob?.profile ?? null,
    blocks,
    cards: cards.map((c) => ({ id: c.id, last4: c.last4, brand: c.brand, kind: c.kind, pinBlocked: c.pin_blocked_at !== null, failedPinAttempts: c.failed_pin_attempts })),
    devices: devices.map((d) => ({ id: d.id, name: d.name, platform: d.platform, linkedAt: d.linked_at, unlinkedAt: d.unlinked_at })),
  };
}

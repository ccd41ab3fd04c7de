import type { Updateable } from 'kysely';
import { hashPassword, verifyPassword } from '../customers/passwords.ts';
import type { OnlineBankingUsersTable } from '../platform/db/schema.ts';
import { RecordError, type ApplyContext, type FieldSkip } from './apply-context.ts';
import { phoneBankingPinHash, phoneBankingPinMatches } from '../customers/phone-banking-pin.ts';
import type { NormalizedCustomer } from './validate-customer.ts';

type OnlineBanking = NonNullable<NormalizedCustomer['onlineBanking']>;
type PhoneBanking = NonNullable<NormalizedCustomer['phoneBanking']>;

/**
 * Creates or updates the online-banking user. A given password is the password to set: the
 * stored argon2 hash is checked against it first, so repeating the same file rehashes nothing
 * (a fresh salt would look like a change). Failed-login counters and blocks are never touched,
 * and neither is a read-only profile the contact centre or a branch set (`profileChange`).
 */
export async function applyOnlineBanking(ctx: ApplyContext, customerId: string, ob: OnlineBanking): Promise<boolean> {
  const { tx } = ctx;
  await refuseTakenCode(ctx, 'online_banking_users', customerId, ob.userCode, 'onlineBanking.userCode');
  const existing = await tx.selectFrom('online_banking_users').selectAll().where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
  if (!existing) {
    await tx
      .insertInto('online_banking_users')
      .values({
        customer_id: customerId,
        user_code: ob.userCode,
        password_hash: ob.password === undefined ? null : await hashPassword(ob.password),
        password_temporary: ob.temporary ?? false,
        profile: ob.profile ?? 'full',
        profile_origin: 'core',
        updated_at: ctx.at,
      })
      .execute();
    await ctx.audit('online_banking.provisioned', customerId, `user:${ob.userCode}`, { hasPassword: ob.password !== undefined, profile: ob.profile ?? 'full' });
    return true;
  }
  const set: Updateable<OnlineBankingUsersTable> = {};
  const fields: string[] = [];
  if (existing.user_code !== ob.userCode) {
    set.user_code = ob.userCode;
    fields.push('user_code');
  }
  if (ob.profile !== undefined && existing.profile !== ob.profile) {
    const skip = profileChange(existing, ob.profile);
    if (skip) await ctx.skip(customerId, skip);
    else {
      Object.assign(set, { profile: ob.profile, profile_origin: 'core' });
      fields.push('profile');
    }
  }
  if (ob.password !== undefined) {
    const same = existing.password_hash !== null && (await verifyPassword(existing.password_hash, ob.password));
    if (!same) {
      Object.assign(set, { password_hash: await hashPassword(ob.password), password_expires_at: null });
      fields.push('password');
    }
    if (existing.password_temporary !== (ob.temporary ?? false)) {
      set.password_temporary = ob.temporary ?? false;
      fields.push('password_temporary');
    }
  }
  if (!fields.length) return false;
  await tx.updateTable('online_banking_users').set({ ...set, updated_at: ctx.at }).where('customer_id', '=', customerId).execute();
  await ctx.audit('online_banking.updated', customerId, `user:${ob.userCode}`, { fields });
  return true;
}

/**
 * DESIGN.md §3: "A provisioning feed never lifts a state set by the contact centre or a branch".
 * A feed may restrict a profile, and restore one it restricted itself; restoring the read-only
 * profile the contact centre set (seed 002, "perfil CONSULTAS") or a branch set is left to the
 * branch, and reported. Returns the skip, or undefined when the change may go ahead.
 */
export function profileChange(existing: { profile: 'full' | 'read_only'; profile_origin: string | null }, wanted: 'full' | 'read_only'): FieldSkip | undefined {
  if (wanted !== 'full' || existing.profile !== 'read_only') return undefined;
  if (existing.profile_origin === 'contact_centre' || existing.profile_origin === 'office') {
    const by = existing.profile_origin === 'office' ? 'a branch' : 'the contact centre';
    return { field: 'onlineBanking.profile', reason: `restricted_by_${existing.profile_origin}`, message: `the read-only profile was set by ${by}; only a branch restores the full profile` };
  }
  return undefined;
}

/** Creates or updates the phone-banking user; the PIN is kept only as a keyed hash. */
export async function applyPhoneBanking(ctx: ApplyContext, customerId: string, pb: PhoneBanking): Promise<boolean> {
  const { tx, deps } = ctx;
  await refuseTakenCode(ctx, 'phone_banking_users', customerId, pb.userCode, 'phoneBanking.userCode');
  const existing = await tx.selectFrom('phone_banking_users').selectAll().where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
  const pinHash = pb.pin === undefined ? null : phoneBankingPinHash(deps.hasher, customerId, pb.pin);
  if (!existing) {
    await tx.insertInto('phone_banking_users').values({ customer_id: customerId, user_code: pb.userCode, pin_hash: pinHash, updated_at: ctx.at }).execute();
    await ctx.audit('phone_banking.provisioned', customerId, `user:${pb.userCode}`, { hasPin: pinHash !== null });
    return true;
  }
  const fields: string[] = [];
  if (existing.user_code !== pb.userCode) fields.push('user_code');
  if (pb.pin !== undefined && !phoneBankingPinMatches(deps.hasher, customerId, pb.pin, existing.pin_hash)) fields.push('pin');
  if (!fields.length) return false;
  await tx
    .updateTable('phone_banking_users')
    .set({ user_code: pb.userCode, ...(fields.includes('pin') ? { pin_hash: pinHash } : {}), updated_at: ctx.at })
    .where('customer_id', '=', customerId)
    .execute();
  await ctx.audit('phone_banking.updated', customerId, `user:${pb.userCode}`, { fields });
  return true;
}

/** A user code names one customer only: say so plainly instead of failing on the unique index. */
async function refuseTakenCode(
  ctx: ApplyContext,
  table: 'online_banking_users' | 'phone_banking_users',
  customerId: string,
  userCode: string,
  field: string,
): Promise<void> {
  const taken = await ctx.tx.selectFrom(table).select('customer_id').where('user_code', '=', userCode).where('customer_id', '<>', customerId).executeTakeFirst();
  if (taken) throw new RecordError(field, 'this user code already belongs to another customer');
}

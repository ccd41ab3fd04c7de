import { sql } from 'kysely';
import { appendAudit } from '../audit/audit.ts';
import type { ConsoleConfig } from '../config/config.ts';
import { burnPasswordCheck, verifyPassword } from '../customers/passwords.ts';
import type { Db } from '../platform/db/database.ts';
import { staffError } from './errors.ts';
import { staffDb, type StaffAccount } from './schema.ts';
import { openStaffSession, type StaffSessionDeps } from './sessions.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';
import { countUnknownFailure, unknownLockedUntil, type UnknownIdentityDeps } from '../platform/unknown-identities.ts';

/**
 * Staff sign-in. The order of the checks is the security:
 * 1. an unknown or disabled user costs one argon2 verification and gets the same answer as a
 *    wrong password (OWASP Authentication Cheat Sheet); its failures are counted and lock it
 *    like a real account (`unknown-identities.ts`), so a lock tells nobody which names exist;
 * 2. a locked account is refused whatever the password, so a lock is no oracle for guessing;
 * 3. a wrong password counts, and the failure that reaches `console.loginAttempts` locks the
 *    account for `console.lockMinutes` (PCI DSS 8.3.4: at most 10 tries, at least 30 minutes).
 *    The count moves in one conditional update, so racing guesses cannot skip the lock;
 * 4. the right password resets the count and opens a new session.
 */
export interface StaffLoginDeps extends StaffSessionDeps, UnknownIdentityDeps {
  config: { console: Pick<ConsoleConfig, 'loginAttempts' | 'lockMinutes'> };
}

/** Sign-in names are lower case; people type them in any case with stray spaces. */
export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

export async function staffLogin(db: Db, deps: StaffLoginDeps, input: { username: string; password: string; previousToken?: string | undefined }): Promise<{ token: string; account: StaffAccount }> {
  const id = normaliseUsername(input.username);
  const at = deps.clock.now();
  const accounts = staffDb(db);
  const account = await accounts.selectFrom('staff_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  const audit = (action: string, details: Record<string, unknown>) => appendAudit(db, { at, actor: account ? `staff:${account.id}` : 'console', action, subject: 'console', details });
  const lockedError = (until: Date) => staffError('locked', 'the account is locked after too many failed sign-ins', { lockedUntil: until.toISOString() });
  if (!account || account.disabled_at || account.password_hash === null) {
    // Counted and locked like a real account, so a lock tells nobody which names exist. An
    // account of the single sign-on provider has no password here: it answers as unknown.
    const { loginAttempts, lockMinutes } = deps.config.console;
    const lockedUntil = await unknownLockedUntil(db, deps, 'staff', id);
    if (lockedUntil) {
      await audit('staff.login_refused', { reason: 'locked' });
      throw lockedError(lockedUntil);
    }
    await burnPasswordCheck(input.password);
    const counted = await countUnknownFailure(db, deps, 'staff', id, { attempts: loginAttempts, until: new Date(at.getTime() + lockMinutes * 60_000) });
    await audit('staff.login_failed', { reason: !account ? 'unknown_user' : account.disabled_at ? 'disabled' : 'single_sign_on_account' });
    if (counted.lockedUntil) throw lockedError(counted.lockedUntil);
    throw staffError('invalid_credentials', 'invalid user name or password');
  }
  if (account.locked_until && account.locked_until.getTime() > at.getTime()) {
    await audit('staff.login_refused', { reason: 'locked' });
    throw lockedError(account.locked_until);
  }
  if (!(await verifyPassword(account.password_hash, input.password))) {
    const { loginAttempts, lockMinutes } = deps.config.console;
    const until = new Date(at.getTime() + lockMinutes * 60_000);
    const reaches = sql<boolean>`failed_logins + 1 >= ${loginAttempts}`;
    const row = await accounts
      .updateTable('staff_accounts')
      .set({
        failed_logins: sql<number>`case when ${reaches} then 0 else failed_logins + 1 end`,
        locked_until: sql<Date>`case when ${reaches} then ${until.toISOString()}::timestamptz else locked_until end`,
      })
      .where('id', '=', account.id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .returning(['locked_until'])
      .executeTakeFirst();
    // No row: a racing failure locked the account meanwhile.
    const lockedUntil = row ? row.locked_until : until;
    if (lockedUntil && lockedUntil.getTime() > at.getTime()) {
      if (row) await audit('staff.locked', { minutes: lockMinutes });
      throw lockedError(lockedUntil);
    }
    await audit('staff.login_failed', { reason: 'wrong_password' });
    throw staffError('invalid_credentials', 'invalid user name or password');
  }
  return transactionWithRetry(db, async (tx) => {
    // The lock is checked again in the update itself: wrong guesses racing this one may have
    // locked the account after it was read above, and then the right password must not pass.
    const updated = await staffDb(tx)
      .updateTable('staff_accounts')
      .set({ failed_logins: 0, last_login_at: at })
      .where('id', '=', account.id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .returningAll()
      .executeTakeFirst();
    if (!updated) {
      const locked = await staffDb(tx).selectFrom('staff_accounts').select('locked_until').where('id', '=', account.id).executeTakeFirstOrThrow();
      throw lockedError(locked.locked_until ?? at);
    }
    const token = await openStaffSession(tx, deps, account.id, input.previousToken);
    await appendAudit(tx, { at, actor: `staff:${account.id}`, action: 'staff.login_succeeded', subject: 'console', details: { role: account.role } });
    return { token, account: updated };
  });
}

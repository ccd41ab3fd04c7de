import { appendAudit } from '../audit/audit.ts';
import { activeBlocks } from '../customers/blocks-store.ts';
import { recordPasswordFailure, resetPasswordFailures } from '../customers/credentials-store.ts';
import { burnPasswordCheck, verifyPassword } from '../customers/passwords.ts';
import type { Config } from '../config/config.ts';
import type { Db } from '../platform/db/database.ts';
import { blockFacts } from './block-rules.ts';
import { bankingError } from './errors.ts';
import type { BankingSession } from './schema.ts';
import { openSession, type SessionDeps } from './sessions-store.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';

/**
 * Login with user code and password. The order of the checks is the security:
 * 1. an unknown user code still costs one argon2 verification and gets the same answer as a
 *    wrong password (OWASP Authentication Cheat Sheet; ASVS 5.0 §6.3.8);
 * 2. a contact-centre block is told ("visit your branch") only after the right password;
 * 3. a self-liftable access block is told whatever the password, so a blocked account is no
 *    oracle for guessing it; failures stop counting while it lasts;
 * 4. a wrong password counts; the failure that reaches `limits.passwordAttempts` blocks access
 *    (PSD2 RTS art. 4(3)(b)) and says so;
 * 5. an expired or already used temporary password opens nothing; a live one opens only the
 *    forced change, once: the login spends it (seed 001: single use).
 */
export interface LoginDeps extends SessionDeps {
  config: Pick<Config, 'limits' | 'web'>;
}

export interface LoginResult {
  token: string;
  session: BankingSession;
  name: string;
}

/** Normalised user code: trimmed, upper case (codes are issued in capitals). */
export const normaliseUserCode = (userCode: string): string => userCode.trim().toUpperCase();

export async function login(db: Db, deps: LoginDeps, input: { userCode: string; password: string; previousToken?: string | undefined }): Promise<LoginResult> {
  const userCode = normaliseUserCode(input.userCode);
  const user = await db
    .selectFrom('online_banking_users')
    .innerJoin('customers', 'customers.id', 'online_banking_users.customer_id')
    .select(['customer_id', 'password_hash', 'password_temporary', 'password_expires_at', 'customers.name'])
    .where('user_code', '=', userCode)
    .executeTakeFirst();
  const at = deps.clock.now();
  if (!user || !user.password_hash) {
    await burnPasswordCheck(input.password);
    await appendAudit(db, { at, actor: 'web', action: 'banking.login_failed', customerId: user?.customer_id ?? null, subject: 'online_banking', details: { reason: user ? 'no_password' : 'unknown_user' } });
    throw bankingError('invalid_credentials', 'invalid user code or password');
  }
  const customerId = user.customer_id;
  const audit = (action: string, details: Record<string, unknown> = {}) => appendAudit(db, { at: deps.clock.now(), actor: `customer:${customerId}`, action, customerId, subject: 'online_banking', details });
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  const blocks = blockFacts(await activeBlocks(db, customerId));
  if (passwordOk && blocks.branchOnly) {
    await audit('banking.login_refused', { reason: 'visit_branch' });
    throw bankingError('visit_branch', 'a block only a branch can lift');
  }
  if (blocks.selfLiftableAccess) {
    await audit('banking.login_refused', { reason: 'access_blocked' });
    throw bankingError('access_blocked', 'online-banking access is blocked');
  }
  if (!passwordOk) {
    const { blocked } = await recordPasswordFailure(db, deps, customerId);
    throw blocked ? bankingError('access_blocked', 'too many failed logins: access blocked') : bankingError('invalid_credentials', 'invalid user code or password');
  }
  if (user.password_temporary && (!user.password_expires_at || user.password_expires_at.getTime() <= at.getTime())) {
    await audit('banking.login_refused', { reason: 'temporary_expired' });
    throw bankingError('temporary_expired', 'the temporary password has expired');
  }
  return transactionWithRetry(db, async (tx) => {
    if (user.password_temporary) {
      // Single use (seed 001): this login spends the temporary password. The conditional update
      // lets only one of two racing logins through; the other finds it spent.
      const spent = await tx
        .updateTable('online_banking_users')
        .set({ password_expires_at: at })
        .where('customer_id', '=', customerId)
        .where('password_temporary', '=', true)
        .where('password_hash', '=', user.password_hash)
        .where('password_expires_at', '>', at)
        .executeTakeFirst();
      if (spent.numUpdatedRows === 0n) throw bankingError('temporary_expired', 'the temporary password was already used or has expired');
    }
    await resetPasswordFailures(tx, deps, customerId);
    await tx.updateTable('online_banking_users').set({ last_login_at: at }).where('customer_id', '=', customerId).execute();
    const state = user.password_temporary ? 'must_change_password' : 'active';
    const opened = await openSession(tx, deps, { customerId, state, previousToken: input.previousToken });
    await appendAudit(tx, { at, actor: `customer:${customerId}`, action: 'banking.login_succeeded', customerId, subject: 'online_banking', details: { state } });
    return { ...opened, name: user.name };
  });
}

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
import { countUnknownFailure, type UnknownIdentityDeps } from '../platform/unknown-identities.ts';

/**
 * Login with user code and password. The order of the checks is the security:
 * 1. an unknown user code still costs one argon2 verification and gets the same answer as a
 *    wrong password (OWASP Authentication Cheat Sheet; ASVS 5.0 §6.3.8); its failures are
 *    counted (`unknown-identities.ts`), so it is "blocked" after as many as a real account;
 * 2. a blocked account compares no password: a contact-centre block answers "visit your branch"
 *    and a self-liftable access block "access blocked", whatever the password, so a block is no
 *    oracle for guessing it and no guess is evaluated past the limit (PSD2 RTS art. 4(3));
 *    failures stop counting while it lasts;
 * 3. a wrong password counts; the failure that reaches `limits.passwordAttempts` blocks access
 *    (PSD2 RTS art. 4(3)(b)) and says so;
 * 4. an expired or already used temporary password opens nothing; a live one opens only the
 *    forced change, once: the login spends it (seed 001: single use).
 */
export interface LoginDeps extends SessionDeps, UnknownIdentityDeps {
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
    // Counted like a real account's failures, so it is "blocked" when a real one would be.
    const { failures } = await countUnknownFailure(db, deps, 'online_banking', userCode);
    if (failures >= deps.config.limits.passwordAttempts) throw bankingError('access_blocked', 'online-banking access is blocked');
    throw bankingError('invalid_credentials', 'invalid user code or password');
  }
  const customerId = user.customer_id;
  const audit = (action: string, details: Record<string, unknown> = {}) => appendAudit(db, { at: deps.clock.now(), actor: `customer:${customerId}`, action, customerId, subject: 'online_banking', details });
  // A blocked account evaluates no guess: the password is not compared (one argon2 verification
  // is still spent, so the time is the same) and the answer is the same for right and wrong
  // ones, so a block is no oracle and an account the fraud team blocked gets no unlimited tries
  // (PSD2 RTS art. 4(3)).
  const refuse = async (blocks: ReturnType<typeof blockFacts>) => {
    const reason = blocks.branchOnly ? 'visit_branch' : 'access_blocked';
    await audit('banking.login_refused', { reason });
    return blocks.branchOnly ? bankingError('visit_branch', 'a block only a branch can lift') : bankingError('access_blocked', 'online-banking access is blocked');
  };
  const before = blockFacts(await activeBlocks(db, customerId));
  if (before.branchOnly || before.selfLiftableAccess) {
    await burnPasswordCheck(input.password);
    throw await refuse(before);
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  // Guesses racing this one may have reached the limit during the verification: then this
  // answer, right or wrong, is the blocked account's, and nothing more is counted.
  const after = blockFacts(await activeBlocks(db, customerId));
  if (after.branchOnly || after.selfLiftableAccess) throw await refuse(after);
  if (!passwordOk) {
    const { blocked } = await recordPasswordFailure(db, deps, customerId);
    throw blocked ? bankingError('access_blocked', 'online-banking access is blocked') : bankingError('invalid_credentials', 'invalid user code or password');
  }
  if (user.password_temporary && (!user.password_expires_at || user.password_expires_at.getTime() <= at.getTime())) {
    await audit('banking.login_refused', { reason: 'temporary_expired' });
    throw bankingError('temporary_expired', 'the temporary password has expired');
  }
  const outcome = await transactionWithRetry(db, async (tx) => {
    // The user's row is locked first, as every counted failure locks it (recordPasswordFailure):
    // a failure that reached the limit and blocked the access either committed before this point,
    // and its block is seen here, or waits until this login has reset the count. So the right
    // password never gets in after passwordAttempts failures were counted before it.
    await tx.selectFrom('online_banking_users').select('customer_id').where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
    const inside = blockFacts(await activeBlocks(tx, customerId));
    if (inside.branchOnly || inside.selfLiftableAccess) return inside;
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
  if ('token' in outcome) return outcome;
  throw await refuse(outcome);
}

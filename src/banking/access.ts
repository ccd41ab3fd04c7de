import { activeBlocks } from '../customers/blocks-store.ts';
import type { Config } from '../config/config.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Customer } from '../platform/db/schema.ts';
import { blockFacts, type BlockFacts } from './block-rules.ts';
import { bankingError } from './errors.ts';
import type { BankingSession } from './schema.ts';
import { sessionStatus } from './session-rules.ts';
import { endSession, findSession, touchSession, type SessionDeps } from './sessions-store.ts';

/**
 * The check in front of every authenticated route, in order: a session exists and is live
 * (inactivity and maximum life from the Services clock), the customer has no access block
 * (a block set while the session lives ends it), a forced password change allows only its own
 * routes, and the request counts as activity.
 */
export interface AccessDeps extends SessionDeps {
  config: Pick<Config, 'web'>;
}

export interface Caller {
  session: BankingSession;
  customer: Customer;
  user: { user_code: string; profile: 'full' | 'read_only'; password_hash: string | null; password_temporary: boolean };
  blocks: BlockFacts;
}

export interface AccessOptions {
  /** Routes a `must_change_password` session may use (session, logout, password, its operation). */
  duringPasswordChange?: boolean;
}

export async function requireCaller(ex: Executor, deps: AccessDeps, token: string | undefined, options: AccessOptions = {}): Promise<Caller> {
  const session = token ? await findSession(ex, deps, token) : undefined;
  if (!session || session.ended_at) {
    const expired = session?.end_reason === 'idle' || session?.end_reason === 'max';
    throw expired ? bankingError('session_expired', 'the session has expired') : bankingError('no_session', 'no session');
  }
  const status = sessionStatus(session, deps.clock.now(), deps.config.web);
  if (status !== 'live') {
    await endSession(ex, deps, session.id_hash, status === 'idle_expired' ? 'idle' : 'max');
    throw bankingError('session_expired', 'the session has expired');
  }
  const [customer, user, blocks] = await Promise.all([
    ex.selectFrom('customers').selectAll().where('id', '=', session.customer_id).executeTakeFirstOrThrow(),
    ex.selectFrom('online_banking_users').select(['user_code', 'profile', 'password_hash', 'password_temporary']).where('customer_id', '=', session.customer_id).executeTakeFirstOrThrow(),
    activeBlocks(ex, session.customer_id),
  ]);
  const facts = blockFacts(blocks);
  if (facts.branchOnly || facts.selfLiftableAccess) {
    await endSession(ex, deps, session.id_hash, 'blocked');
    throw facts.branchOnly ? bankingError('visit_branch', 'only a branch can lift this block') : bankingError('access_blocked', 'online-banking access is blocked');
  }
  if (session.state === 'must_change_password' && !options.duringPasswordChange) {
    throw bankingError('password_change_required', 'the temporary password must be changed first');
  }
  await touchSession(ex, deps, session.id_hash);
  return { session, customer, user, blocks: facts };
}

/** Operation-creating routes refuse the read-only profile ("perfil CONSULTAS", seed 002). */
export function requireFullProfile(caller: Caller): void {
  if (caller.user.profile === 'read_only') throw bankingError('read_only_profile', 'the read-only profile cannot create or sign operations');
}

/** Signing needs an unblocked signature. */
export function requireSignature(caller: Caller): void {
  if (caller.blocks.signatureBlocked) throw bankingError('signature_blocked', 'the signature is blocked');
}

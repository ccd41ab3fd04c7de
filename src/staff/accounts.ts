import { appendAudit } from '../audit/audit.ts';
import type { StaffRole } from '../backoffice/access.ts';
import type { ClockDeps } from '../customers/store-support.ts';
import { hashPassword } from '../customers/passwords.ts';
import type { Executor } from '../platform/db/database.ts';
import { normaliseUsername } from './login.ts';
import { staffDb } from './schema.ts';

export interface NewStaffAccount {
  username: string;
  name: string;
  role: StaffRole;
  /** A branch user's office; none for the other roles. */
  officeCode?: string | null;
  password: string;
}

/**
 * Creates a staff account unless one with that user name exists (then nothing changes and
 * `false` comes back). The password is stored as an argon2id hash only; the creation is audited.
 */
export async function createStaffAccount(ex: Executor, deps: ClockDeps, input: NewStaffAccount, actor = 'system'): Promise<boolean> {
  const id = normaliseUsername(input.username);
  const at = deps.clock.now();
  // Checked first so an existing account costs no argon2 hash (the demo loader runs at every start).
  if (await staffDb(ex).selectFrom('staff_accounts').select('id').where('id', '=', id).executeTakeFirst()) return false;
  const created = await staffDb(ex)
    .insertInto('staff_accounts')
    .values({ id, name: input.name, role: input.role, office_code: input.role === 'branch' ? (input.officeCode ?? null) : null, password_hash: await hashPassword(input.password), created_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (created) await appendAudit(ex, { at, actor, action: 'staff.account_created', subject: 'console', details: { staffId: id, role: input.role, officeCode: input.officeCode ?? null } });
  return created !== undefined;
}

/** PCI DSS 8.3.6: staff passwords of at least 12 characters. */
export const STAFF_PASSWORD_MIN = 12;
export const STAFF_PASSWORD_MAX = 256;

/** Why a new staff password is refused, or undefined when it is acceptable. */
export function staffPasswordProblem(password: string): string | undefined {
  if (password.length < STAFF_PASSWORD_MIN) return `the password needs at least ${STAFF_PASSWORD_MIN} characters`;
  if (password.length > STAFF_PASSWORD_MAX) return `the password has at most ${STAFF_PASSWORD_MAX} characters`;
  return undefined;
}

/** Lifts a sign-in lock before it runs out (an administrator's decision, audited). */
export async function unlockStaffAccount(ex: Executor, deps: ClockDeps, username: string, actor = 'admin'): Promise<boolean> {
  const id = normaliseUsername(username);
  const at = deps.clock.now();
  const row = await staffDb(ex).updateTable('staff_accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).returning('id').executeTakeFirst();
  if (row) await appendAudit(ex, { at, actor, action: 'staff.unlocked', subject: 'console', details: { staffId: id } });
  return row !== undefined;
}

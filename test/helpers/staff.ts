import { createHash } from 'node:crypto';
import type { App } from '../../src/http/app.ts';
import { CSRF_COOKIE, CSRF_HEADER } from '../../src/http/csrf.ts';
import type { StaffRole } from '../../src/backoffice/access.ts';
import type { Services } from '../../src/platform/services.ts';
import { STAFF_COOKIE } from '../../src/staff/session-access.ts';
import { staffDb } from '../../src/staff/schema.ts';
import { openStaffSession } from '../../src/staff/sessions.ts';

/**
 * A staff member of the tests, signed in for real (issue 14, finding 6: nobody names the person a
 * request acts for). The account is written to the database with the role and office asked for
 * (an existing one takes them) and a session is opened there, so no argon2 sign-in slows the
 * tests; the requests then carry the session cookie and the CSRF cookie and token, as the
 * console's do.
 */
export interface StaffSpec {
  id: string;
  role?: StaffRole;
  /** A branch user's office. */
  office?: string | null;
}

/** A password hash no password matches: fixture accounts never sign in through the form. */
const NO_PASSWORD = 'fixture:no-password';

export type StaffServices = Pick<Services, 'db' | 'clock' | 'hasher'>;

/** Creates (or re-roles) the account and opens a session for it; answers the session token. */
export async function openFixtureSession(services: StaffServices, spec: StaffSpec): Promise<string> {
  const role = spec.role ?? 'agent';
  const office = role === 'branch' ? (spec.office ?? '0123') : null;
  if (office) await services.db.insertInto('offices').values({ code: office, name: `Office ${office}`, kind: 'branch', email: `office-${office}@bank.test` }).onConflict((oc) => oc.column('code').doNothing()).execute();
  await staffDb(services.db)
    .insertInto('staff_accounts')
    .values({ id: spec.id, name: spec.id, role, office_code: office, password_hash: NO_PASSWORD, created_at: services.clock.now() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ role, office_code: office }))
    .execute();
  return openStaffSession(services.db, services, spec.id);
}

/** Where the fixture asks for its CSRF token: the app itself (inject), or a running server's base URL. */
export type StaffTarget = App | string;

const cookieValue = (setCookies: string[], name: string): string => {
  const found = setCookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(setCookies)}`);
  return found.slice(name.length + 1);
};

async function csrfOf(target: StaffTarget): Promise<{ secret: string; token: string }> {
  if (typeof target === 'string') {
    const res = await fetch(`${target}/api/csrf`);
    return { secret: cookieValue(res.headers.getSetCookie(), CSRF_COOKIE), token: ((await res.json()) as { token: string }).token };
  }
  const res = await target.inject({ url: '/api/csrf' });
  const setCookie = res.headers['set-cookie'];
  return { secret: cookieValue(Array.isArray(setCookie) ? setCookie : [String(setCookie)], CSRF_COOKIE), token: res.json<{ token: string }>().token };
}

export class StaffFixture {
  private constructor(
    readonly spec: StaffSpec,
    /** The cookie and CSRF headers of every request the staff member sends. */
    readonly headers: Readonly<Record<string, string>>,
  ) {}

  /** The actor timelines and audit record for this person. */
  get actor(): string {
    return `staff:${this.spec.id}`;
  }

  static async signIn(target: StaffTarget, services: StaffServices, spec: StaffSpec): Promise<StaffFixture> {
    const session = await openFixtureSession(services, spec);
    const csrf = await csrfOf(target);
    return new StaffFixture(spec, { cookie: `${STAFF_COOKIE}=${session}; ${CSRF_COOKIE}=${csrf.secret}`, [CSRF_HEADER]: csrf.token });
  }
}

/** The headers of a staff member of `role` (and `office`), signed in on `app`: for tests that send headers by hand. */
export async function staffHeaders(app: App, services: StaffServices, id: string, role: StaffRole = 'agent', office?: string): Promise<Record<string, string>> {
  return { ...(await StaffFixture.signIn(app, services, { id, role, office: office ?? null })).headers };
}

/** A system acting on the back office as itself (`SERVICE_ACCOUNTS`): its token, and the configuration entry holding only its hash. */
export interface TestServiceAccount {
  name: string;
  role: StaffRole;
  officeCode?: string;
  token: string;
}

export const TEST_SERVICE: TestServiceAccount = { name: 'case-sync', role: 'agent', token: 'test-service-token-case-sync-0123456789' };

/** The `serviceAccounts` configuration of the accounts: name, role, office and the SHA-256 of the token. */
export function serviceAccountsConfig(...accounts: TestServiceAccount[]) {
  return accounts.map(({ token, ...rest }) => ({ ...rest, tokenSha256: createHash('sha256').update(token).digest('hex') }));
}

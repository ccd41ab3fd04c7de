import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { appendAudit } from '../audit/audit.ts';
import { oidcPostLogoutUri, parseOidcRoleMap, type Config } from '../config/config.ts';
import type { KeyedHasher } from '../platform/crypto.ts';
import { randomToken } from '../platform/crypto.ts';
import type { Db } from '../platform/db/database.ts';
import { transactionWithRetry } from '../platform/db/retry.ts';
import type { Sealer } from '../platform/sealing.ts';
import { staffError } from './errors.ts';
import { claimAt, displayNameFrom, mapStaffClaims, staffIdFor } from './oidc-claims.ts';
import { staffDb, type StaffAccount } from './schema.ts';
import { openStaffSession, type StaffSessionDeps } from './sessions.ts';

/**
 * Staff single sign-on (issue 15, section 3): OpenID Connect authorization code with PKCE
 * through `openid-client`. Nothing of a sign-in under way lives in process memory: its state,
 * nonce and PKCE verifier wait in `staff_oidc_logins` under the keyed hash of a short-lived
 * browser cookie, so any instance may receive the provider's callback, and the cookie binds the
 * callback to the browser that started it (no login CSRF). Only the provider's discovered
 * metadata is cached here: it is configuration, the same on every instance.
 */

/** How long a sign-in may stay at the provider before its callback is refused. */
export const OIDC_LOGIN_TTL_SECONDS = 600;

/** The cookie naming a sign-in under way (SameSite=Lax: the provider's redirect back is a cross-site navigation). */
export const OIDC_LOGIN_COOKIE = 'cerrojo_oidc';

const loginHash = (hasher: KeyedHasher, token: string) => hasher.hash('staff.oidc_login', token);

type OidcSettings = Pick<Config, 'console' | 'publicBaseUrl'>;

/** Discovered provider metadata per configuration object (one per running app), retried after a failure. */
const discovered = new WeakMap<object, Promise<client.Configuration>>();

/**
 * The provider's configuration (`.well-known/openid-configuration`), read once. An unreachable
 * or misconfigured provider is 503 `oidc_unavailable`, and the next request tries again.
 */
export function oidcClient(config: OidcSettings): Promise<client.Configuration> {
  const oidc = config.console.oidc;
  if (!oidc.issuer || !oidc.clientId) return Promise.reject(staffError('oidc_off', 'single sign-on is not configured'));
  let pending = discovered.get(oidc);
  if (!pending) {
    const auth =
      oidc.tokenAuthMethod === 'none' ? client.None() : oidc.tokenAuthMethod === 'client_secret_post' ? client.ClientSecretPost(oidc.clientSecret) : client.ClientSecretBasic(oidc.clientSecret);
    // Plain http only where the configuration allows it (dev mode, checked at start).
    const options: client.DiscoveryRequestOptions = { timeout: 10, ...(oidc.allowHttp ? { execute: [client.allowInsecureRequests] } : {}) };
    pending = client.discovery(new URL(oidc.issuer), oidc.clientId, undefined, auth, options).catch((err: unknown) => {
      discovered.delete(oidc);
      throw staffError('oidc_unavailable', `the identity provider could not be discovered: ${(err as Error).message}`);
    });
    discovered.set(oidc, pending);
  }
  return pending;
}

export interface OidcDeps extends StaffSessionDeps {
  db: Db;
  sealer: Sealer;
  config: OidcSettings;
}

/**
 * Starts a sign-in: a new state, nonce and PKCE verifier kept in the database, and the
 * provider's authorization URL. The returned token goes in the browser's sign-in cookie.
 */
export async function startOidcLogin(deps: OidcDeps, redirectUri: string): Promise<{ token: string; url: URL }> {
  const provider = await oidcClient(deps.config);
  const at = deps.clock.now();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const token = randomToken();
  const logins = staffDb(deps.db);
  await logins.deleteFrom('staff_oidc_logins').where('expires_at', '<', at).execute();
  await logins
    .insertInto('staff_oidc_logins')
    .values({ id_hash: loginHash(deps.hasher, token), state, nonce, code_verifier: verifier, created_at: at, expires_at: new Date(at.getTime() + OIDC_LOGIN_TTL_SECONDS * 1000) })
    .execute();
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUri,
    scope: deps.config.console.oidc.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { token, url };
}

/**
 * Finishes a sign-in from the provider's redirect: the sign-in row named by the cookie is used
 * (once), the code is exchanged with the PKCE verifier and the state and nonce checked by
 * `openid-client`; the claims give the role and office, and the account of (issuer, subject) is
 * found or created and kept in step with them. Then a session opens as a password sign-in's does.
 * Every refusal is audited and thrown as a staff reason.
 */
export async function finishOidcLogin(
  deps: OidcDeps,
  input: { loginToken: string | undefined; callbackUrl: URL; previousToken?: string | undefined },
): Promise<{ token: string; account: StaffAccount }> {
  const at = deps.clock.now();
  const refuse = async (reason: Parameters<typeof staffError>[0], details: Record<string, unknown> = {}) => {
    await appendAudit(deps.db, { at, actor: 'console', action: 'staff.oidc_refused', subject: 'console', details: { reason, ...details } });
    return staffError(reason, `single sign-on refused: ${reason}`);
  };
  const login = input.loginToken
    ? await staffDb(deps.db).deleteFrom('staff_oidc_logins').where('id_hash', '=', loginHash(deps.hasher, input.loginToken)).returningAll().executeTakeFirst()
    : undefined;
  if (!login || login.expires_at.getTime() <= at.getTime()) throw await refuse('oidc_expired', { found: login !== undefined });
  const provider = await oidcClient(deps.config);

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(provider, input.callbackUrl, { pkceCodeVerifier: login.code_verifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true });
  } catch (err) {
    const e = err as { code?: unknown; error?: unknown; name?: string };
    throw await refuse('oidc_failed', { error: typeof e.error === 'string' ? e.error : typeof e.code === 'string' ? e.code : (e.name ?? 'error') });
  }
  const idClaims = tokens.claims()!;
  const claims = await withUserInfo(provider, deps.config, tokens.access_token, idClaims);
  const issuer = provider.serverMetadata().issuer;
  const subject = idClaims.sub;
  const oidc = deps.config.console.oidc;
  const mapped = mapStaffClaims(claims, { roleClaim: oidc.roleClaim, roleMap: parseOidcRoleMap(oidc.roleMap), officeClaim: oidc.officeClaim });
  if (!mapped.ok) throw await refuse(mapped.reason, { issuer, subject });
  if (mapped.officeCode && !(await deps.db.selectFrom('offices').select('code').where('code', '=', mapped.officeCode).executeTakeFirst())) {
    throw await refuse('oidc_no_office', { issuer, subject, officeCode: mapped.officeCode });
  }
  const sealedIdToken = tokens.id_token ? deps.sealer.seal(tokens.id_token) : null;

  const outcome = await transactionWithRetry(deps.db, async (tx) => {
    const accounts = staffDb(tx);
    const known = await accounts.selectFrom('staff_accounts').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();
    if (known?.disabled_at) return { refused: known.id };
    let account: StaffAccount;
    if (known) {
      const name = displayNameFrom(claims, known.id);
      account = await accounts
        .updateTable('staff_accounts')
        .set({ name, role: mapped.role, office_code: mapped.officeCode, last_login_at: at })
        .where('id', '=', known.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (known.role !== account.role || known.office_code !== account.office_code) {
        await appendAudit(tx, { at, actor: 'console', action: 'staff.role_changed', subject: 'console', details: { staffId: known.id, from: { role: known.role, officeCode: known.office_code }, to: { role: account.role, officeCode: account.office_code }, via: 'oidc' } });
      }
    } else {
      const suffix = createHash('sha256').update(`${issuer}\n${subject}`).digest('hex').slice(0, 8);
      let id = staffIdFor(claims, suffix);
      if (await accounts.selectFrom('staff_accounts').select('id').where('id', '=', id).executeTakeFirst()) id = staffIdFor(claims, suffix, true);
      account = await accounts
        .insertInto('staff_accounts')
        .values({ id, name: displayNameFrom(claims, id), role: mapped.role, office_code: mapped.officeCode, password_hash: null, oidc_issuer: issuer, oidc_subject: subject, created_at: at, last_login_at: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(tx, { at, actor: 'console', action: 'staff.account_created', subject: 'console', details: { staffId: id, role: mapped.role, officeCode: mapped.officeCode, via: 'oidc', issuer } });
    }
    const token = await openStaffSession(tx, deps, account.id, input.previousToken, sealedIdToken);
    await appendAudit(tx, { at, actor: `staff:${account.id}`, action: 'staff.login_succeeded', subject: 'console', details: { role: account.role, method: 'oidc' } });
    return { token, account };
  });
  if ('refused' in outcome) throw await refuse('oidc_disabled', { issuer, subject, staffId: outcome.refused });
  return outcome;
}

/**
 * The ID token's claims, completed from the UserInfo endpoint when the role or office claim is
 * not in the token (many providers send groups only there). The ID token's own claims win.
 */
async function withUserInfo(provider: client.Configuration, config: OidcSettings, accessToken: string, idClaims: client.IDToken): Promise<Record<string, unknown>> {
  const { roleClaim, officeClaim } = config.console.oidc;
  const missing = claimAt(idClaims, roleClaim) === undefined || (officeClaim !== undefined && claimAt(idClaims, officeClaim) === undefined);
  if (!missing || !provider.serverMetadata().userinfo_endpoint) return idClaims;
  try {
    const info = await client.fetchUserInfo(provider, accessToken, idClaims.sub);
    return { ...info, ...idClaims };
  } catch {
    // Without UserInfo the ID token alone decides (no role there: refused as having none).
    return idClaims;
  }
}

/**
 * The provider's sign-out (RP-initiated logout) for a session opened through it: its
 * `end_session_endpoint` with the session's ID token as hint, or undefined when the provider
 * has none or cannot be reached (the session here has ended either way).
 */
export async function oidcLogoutUrl(deps: Pick<OidcDeps, 'config' | 'sealer'>, sealedIdToken: string | null): Promise<string | undefined> {
  if (!sealedIdToken) return undefined;
  try {
    const provider = await oidcClient(deps.config);
    if (!provider.serverMetadata().end_session_endpoint) return undefined;
    const postLogout = oidcPostLogoutUri(deps.config);
    return client.buildEndSessionUrl(provider, { id_token_hint: deps.sealer.open(sealedIdToken), ...(postLogout ? { post_logout_redirect_uri: postLogout } : {}) }).href;
  } catch {
    return undefined;
  }
}

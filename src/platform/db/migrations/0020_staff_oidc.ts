import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

/**
 * Issue 15, section 3: staff single sign-on through the bank's OpenID Connect provider.
 * - An account signed in through the provider is named by (issuer, subject) and has no password.
 * - A sign-in under way keeps its state, nonce and PKCE verifier here, under the keyed hash of a
 *   short-lived browser cookie, until the provider sends the browser back (any instance may
 *   receive the callback); the row is used once and expires.
 * - A session opened through the provider keeps its ID token, sealed, for the provider's logout.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    alter table staff_accounts alter column password_hash drop not null;
    alter table staff_accounts add column oidc_issuer text;
    alter table staff_accounts add column oidc_subject text;
    alter table staff_accounts add constraint staff_accounts_oidc_pair check ((oidc_issuer is null) = (oidc_subject is null));
    alter table staff_accounts add constraint staff_accounts_some_credential check (password_hash is not null or oidc_subject is not null);
    create unique index staff_accounts_oidc_identity on staff_accounts (oidc_issuer, oidc_subject) where oidc_subject is not null;

    alter table staff_sessions add column oidc_id_token_sealed text;

    create table staff_oidc_logins (
      id_hash text primary key,
      state text not null,
      nonce text not null,
      code_verifier text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index staff_oidc_logins_expiry on staff_oidc_logins (expires_at);
    `,
  );
}

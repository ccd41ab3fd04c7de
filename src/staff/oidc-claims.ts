import type { OidcStaffRole } from '../config/config.ts';

/**
 * Pure rules of staff single sign-on: what the provider's claims make of a person here. No I/O.
 */

/** A claim by dotted path (`realm_access.roles`); a claim whose own name holds dots is found too. */
export function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let node: unknown = claims;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A claim's values as strings: a string (also space- or comma-separated lists), or a list of strings. */
export function claimValues(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export interface ClaimMapping {
  roleClaim: string;
  /** Ordered: the first pair whose value the person has gives the role. */
  roleMap: readonly { value: string; role: OidcStaffRole }[];
  officeClaim?: string | undefined;
}

export type MappedStaff =
  | { ok: true; role: OidcStaffRole; officeCode: string | null }
  | { ok: false; reason: 'oidc_no_role' | 'oidc_no_office' };

/**
 * The role and office the claims give. The first pair of the role map (in its order) whose value
 * is among the person's role-claim values wins, so an operator ranks the roles by writing them.
 * A branch user needs an office claim; the other roles never carry an office.
 */
export function mapStaffClaims(claims: Readonly<Record<string, unknown>>, mapping: ClaimMapping): MappedStaff {
  const values = new Set(claimValues(claimAt(claims, mapping.roleClaim)));
  const match = mapping.roleMap.find((pair) => values.has(pair.value));
  if (!match) return { ok: false, reason: 'oidc_no_role' };
  if (match.role !== 'branch') return { ok: true, role: match.role, officeCode: null };
  const office = mapping.officeClaim ? claimAt(claims, mapping.officeClaim) : undefined;
  const code = typeof office === 'number' ? String(office) : typeof office === 'string' ? office.trim() : '';
  if (!code || code.length > 32) return { ok: false, reason: 'oidc_no_office' };
  return { ok: true, role: 'branch', officeCode: code };
}

/** Staff ids are `^[a-z0-9._-]{1,64}$` (the sign-in name of a local account). */
const STAFF_ID_MAX = 64;

/**
 * The staff id for a new account of the provider, from what people recognise in timelines
 * (`preferred_username`, else the e-mail's local part, else the subject), cleaned to the id
 * alphabet. `taken` names an id already in use (a local account or another person of the
 * provider): then a suffix from the subject keeps it apart, so a provider user can never
 * become a local account by choosing its name.
 */
export function staffIdFor(claims: Readonly<Record<string, unknown>>, suffix: string, taken = false): string {
  const pick = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const raw = pick(claims.preferred_username) ?? pick(claims.email)?.split('@')[0] ?? pick(claims.sub) ?? 'staff';
  const clean = raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '') || 'staff';
  if (!taken) return clean.slice(0, STAFF_ID_MAX);
  return `${clean.slice(0, STAFF_ID_MAX - suffix.length - 1)}-${suffix}`;
}

/** The display name: `name`, else given and family names, else the staff id. */
export function displayNameFrom(claims: Readonly<Record<string, unknown>>, fallback: string): string {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const name = str(claims.name) || [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(' ');
  return (name || fallback).slice(0, 200);
}

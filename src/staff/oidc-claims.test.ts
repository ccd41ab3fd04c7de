import { describe, expect, it } from 'vitest';
import { claimAt, claimValues, displayNameFrom, mapStaffClaims, staffIdFor } from './oidc-claims.ts';

const mapping = {
  roleClaim: 'groups',
  roleMap: [
    { value: 'cerrojo-admins', role: 'admin' },
    { value: 'cerrojo-agents', role: 'agent' },
    { value: 'cerrojo-branch', role: 'branch' },
  ] as const,
  officeClaim: 'office',
};

describe('staff single sign-on: claims to role and office', () => {
  it('reads a claim by dotted path, as a string or a list', () => {
    const claims = { realm_access: { roles: ['a', 'b', 3] }, 'https://bank.es/roles': 'x y', groups: 'g1,g2' };
    expect(claimValues(claimAt(claims, 'realm_access.roles'))).toEqual(['a', 'b']);
    expect(claimValues(claimAt(claims, 'https://bank.es/roles'))).toEqual(['x', 'y']);
    expect(claimValues(claimAt(claims, 'groups'))).toEqual(['g1', 'g2']);
    expect(claimAt(claims, 'realm_access.nothing.deeper')).toBeUndefined();
    expect(claimAt(claims, 'constructor')).toBeUndefined();
    expect(claimValues({ not: 'a list' })).toEqual([]);
  });

  it('gives the first role of the map the person has, in the map’s order', () => {
    expect(mapStaffClaims({ groups: ['cerrojo-agents', 'cerrojo-admins'] }, mapping)).toEqual({ ok: true, role: 'admin', officeCode: null });
    expect(mapStaffClaims({ groups: 'cerrojo-agents' }, mapping)).toEqual({ ok: true, role: 'agent', officeCode: null });
    // The other roles never carry an office, even when the claim names one.
    expect(mapStaffClaims({ groups: ['cerrojo-agents'], office: '8732' }, mapping)).toEqual({ ok: true, role: 'agent', officeCode: null });
  });

  it('refuses a person with no mapped role, and a branch user without an office', () => {
    expect(mapStaffClaims({ groups: ['everyone'] }, mapping)).toEqual({ ok: false, reason: 'oidc_no_role' });
    expect(mapStaffClaims({}, mapping)).toEqual({ ok: false, reason: 'oidc_no_role' });
    // Values are compared whole: a prefix or a different case is another group.
    expect(mapStaffClaims({ groups: ['cerrojo-agents-old', 'CERROJO-AGENTS'] }, mapping)).toEqual({ ok: false, reason: 'oidc_no_role' });
    expect(mapStaffClaims({ groups: ['cerrojo-branch'] }, mapping)).toEqual({ ok: false, reason: 'oidc_no_office' });
    expect(mapStaffClaims({ groups: ['cerrojo-branch'], office: ' ' }, mapping)).toEqual({ ok: false, reason: 'oidc_no_office' });
    expect(mapStaffClaims({ groups: ['cerrojo-branch'], office: 8732 }, mapping)).toEqual({ ok: true, role: 'branch', officeCode: '8732' });
  });

  it('names a new account after what people recognise, within the id alphabet, apart from a taken name', () => {
    expect(staffIdFor({ preferred_username: 'José.Pérez@Banco.es' }, 'abcd1234')).toBe('jose.perez-banco.es');
    expect(staffIdFor({ email: 'Maria_G@bank.es' }, 'abcd1234')).toBe('maria_g');
    expect(staffIdFor({ sub: '  ' }, 'abcd1234')).toBe('staff');
    expect(staffIdFor({ preferred_username: 'ana.agente' }, 'abcd1234', true)).toBe('ana.agente-abcd1234');
    const long = staffIdFor({ preferred_username: 'x'.repeat(100) }, 'abcd1234', true);
    expect(long).toMatch(/^[a-z0-9._-]{1,64}$/);
    expect(long.endsWith('-abcd1234')).toBe(true);
    expect(displayNameFrom({ given_name: 'Ana', family_name: 'López' }, 'id')).toBe('Ana López');
    expect(displayNameFrom({}, 'the-id')).toBe('the-id');
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, testServices, type TestDatabase } from '../../test/helpers/db.ts';
import { activeBlocks, liftBlocks } from './blocks-store.ts';
import { credentialState, recordPasswordFailure, recordSignatureFailure, resetPasswordFailures, resetSignatureFailures, setPassword, setProfile, unlinkDevicesLinkedSince } from './credentials-store.ts';
import { insertCard, insertCustomer, randomPan } from './test-fixtures.ts';

// A syntactically real argon2id string; the store never checks it against a password.
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG';

describeEachDatabase('online-banking and signature credentials store', (backend) => {
  let database: TestDatabase;
  let deps: ReturnType<typeof testServices>;
  beforeAll(async () => {
    database = await freshDatabase(backend);
    deps = testServices(database);
  });
  afterAll(() => database.drop());

  it('blocks access at the password limit and lets a good login reset the count', async () => {
    const c = await insertCustomer(database.db);
    const limit = deps.config.limits.passwordAttempts;
    const results = [];
    for (let i = 0; i < limit; i++) results.push(await recordPasswordFailure(database.db, deps, c.id));
    expect(results.map((r) => r.blocked)).toEqual([...Array<boolean>(limit - 1).fill(false), true]);
    expect(results.at(-1)!.failures).toBe(limit);
    expect(await activeBlocks(database.db, c.id)).toMatchObject([{ target: 'access', origin: 'failed_attempts' }]);
    await resetPasswordFailures(database.db, deps, c.id);
    expect((await credentialState(database.db, c.id)).onlineBanking?.failedLogins).toBe(0);
  });

  it('blocks the signature at the signing-code limit', async () => {
    const c = await insertCustomer(database.db);
    let last = { failures: 0, blocked: false };
    for (let i = 0; i < deps.config.limits.signingCodeAttempts; i++) last = await recordSignatureFailure(database.db, deps, c.id);
    expect(last).toEqual({ failures: deps.config.limits.signingCodeAttempts, blocked: true });
    expect(await activeBlocks(database.db, c.id)).toMatchObject([{ target: 'signature', origin: 'failed_attempts' }]);
    const { lifted } = await liftBlocks(database.db, deps, { customerId: c.id, target: 'signature', channel: 'ivr', by: 'ivr' });
    expect(lifted).toHaveLength(1);
    await resetSignatureFailures(database.db, deps, c.id, 'ivr');
    expect((await credentialState(database.db, c.id)).signature.failedAttempts).toBe(0);
  });

  it('counts signature failures for a customer provisioned without a signature row', async () => {
    const c = await insertCustomer(database.db);
    await database.db.deleteFrom('signatures').where('customer_id', '=', c.id).execute();
    expect(await recordSignatureFailure(database.db, deps, c.id)).toEqual({ failures: 1, blocked: false });
  });

  it('sets a temporary password, the profile, and audits each without the hash', async () => {
    const c = await insertCustomer(database.db);
    await recordPasswordFailure(database.db, deps, c.id);
    const expiresAt = new Date(deps.clock.now().getTime() + 3_600_000);
    await setPassword(database.db, deps, c.id, HASH, { temporary: true, expiresAt, by: 'ivr' });
    await setProfile(database.db, deps, c.id, 'read_only', 'agent:3');
    await setProfile(database.db, deps, c.id, 'read_only', 'agent:3');
    const state = await credentialState(database.db, c.id);
    expect(state.onlineBanking).toMatchObject({ passwordTemporary: true, failedLogins: 0 });
    expect(state.onlineBanking?.passwordExpiresAt?.getTime()).toBe(expiresAt.getTime());
    expect(state.profile).toBe('read_only');
    const audits = await database.db.selectFrom('audit_log').select(['action', 'details']).where('customer_id', '=', c.id).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['login.failed', 'password.set', 'profile.set']);
    expect(JSON.stringify(audits)).not.toContain('argon2');
    expect(JSON.stringify(state)).not.toContain('argon2');
  });

  it('audits the failed-login count it clears with the password, when asked and only when it was not zero', async () => {
    const c = await insertCustomer(database.db);
    await setPassword(database.db, deps, c.id, HASH, { temporary: true, expiresAt: null, by: 'web', auditFailuresReset: true });
    await recordPasswordFailure(database.db, deps, c.id);
    await setPassword(database.db, deps, c.id, HASH, { temporary: true, expiresAt: null, by: 'web', auditFailuresReset: true });
    expect((await credentialState(database.db, c.id)).onlineBanking).toMatchObject({ failedLogins: 0 });
    const audits = await database.db.selectFrom('audit_log').select('action').where('customer_id', '=', c.id).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['password.set', 'login.failed', 'login.failures_reset', 'password.set']);
  });

  it('refuses a clear-text password and a customer without online banking', async () => {
    const c = await insertCustomer(database.db);
    await expect(setPassword(database.db, deps, c.id, 'Secret123!', { temporary: false, expiresAt: null, by: 'web' })).rejects.toMatchObject({ code: 'internal' });
    await database.db.deleteFrom('online_banking_users').where('customer_id', '=', c.id).execute();
    await expect(recordPasswordFailure(database.db, deps, c.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('unlinks only devices linked since the given time and reports them', async () => {
    const c = await insertCustomer(database.db);
    const now = deps.clock.now().getTime();
    const device = (name: string, hoursAgo: number) => ({ id: crypto.randomUUID(), customer_id: c.id, external_id: name, name, linked_at: new Date(now - hoursAgo * 3_600_000) });
    await database.db.insertInto('devices').values([device('old phone', 24 * 90), device('new phone', 2)]).execute();
    await insertCard(database.db, deps.hasher, c.id, randomPan('4242'), '1234');
    const unlinked = await unlinkDevicesLinkedSince(database.db, deps, c.id, new Date(now - 48 * 3_600_000), 'agent:3', 'linked recently, not the customer');
    expect(unlinked.map((d) => d.name)).toEqual(['new phone']);
    const state = await credentialState(database.db, c.id);
    expect(state.devices.map((d) => [d.name, d.unlinkedAt !== null])).toEqual([['old phone', false], ['new phone', true]]);
    expect(state.cards).toMatchObject([{ last4: '4242', pinBlocked: false }]);
    expect(JSON.stringify(state.cards)).not.toContain('pin_ref');
  });
});
